import { generateGrafanaDashboard, generatePrometheusRules } from '@agentvitals/alerts';
import { METRIC_CATALOG, PROCESS_METRIC_CATALOG } from '@agentvitals/core';
import { start } from '@agentvitals/node';
import { describe, expect, it } from 'vitest';
import { referencedSeries } from '../packages/alerts/src/generate/promql-series.js';

/** Every PromQL expression in a JSON document (rule `expr`, panel `expr`). */
function expressions(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) expressions(item, found);
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'expr' && typeof inner === 'string') found.push(inner);
      else expressions(inner, found);
    }
  }
  return found;
}

describe('one name per series on every path', () => {
  it('the direct /metrics endpoint serves the catalog names, and the generated rules and dashboard read only those', async () => {
    const av = await start({
      agentName: 'names-bot',
      prometheus: { port: 0 },
      metrics: { heartbeatIntervalMs: 20 },
      signals: false,
      logger: { level: 'silent' },
      env: {},
    });
    try {
      const search = av.vitals.tool('kb.search', async (query: string) => `found ${query}`);
      await av.vitals.run(async () => {
        await av.vitals.reasoning(async () => 'plan', { model: 'gpt-4o', provider: 'openai' });
        await search('refund');
        av.vitals.usage({ inputTokens: 120, outputTokens: 30, model: 'gpt-4o', provider: 'openai' });
        av.vitals.action();
        av.vitals.sentiment(-0.5);
        av.vitals.heartbeat();
        av.vitals.escalate('refund');
      });
      av.vitals.queueDepth('tickets', () => 3);
      await new Promise((resolve) => setTimeout(resolve, 60));
      const text = await (await fetch(av.prometheus!.url)).text();
      const families = new Set([...text.matchAll(/^# TYPE (\S+) /gm)].map((match) => match[1]!));
      const series = new Set(
        [...text.matchAll(/^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]/gm)].map((match) => match[1]!),
      );

      // Not exercised here: they need a guard that fires or trips.
      const notExercised = new Set(['agent.alerts', 'agent.breaker.state']);
      for (const metric of [...METRIC_CATALOG, ...PROCESS_METRIC_CATALOG]) {
        if (notExercised.has(metric.name)) continue;
        expect(families, metric.name).toContain(metric.prometheusName);
      }

      const readByGenerators = new Set(
        [...expressions(generatePrometheusRules()), ...expressions(generateGrafanaDashboard())].flatMap(
          referencedSeries,
        ),
      );
      const prometheusOwn = new Set(['up']);
      const unexercisedSeries = METRIC_CATALOG.filter((m) => notExercised.has(m.name)).map(
        (m) => m.prometheusName,
      );
      const missing = [...readByGenerators].filter(
        (name) => !series.has(name) && !prometheusOwn.has(name) && !unexercisedSeries.includes(name),
      );
      expect(missing).toEqual([]);
      expect(readByGenerators.size).toBeGreaterThan(10);
    } finally {
      await av.shutdown();
    }
  });
});
