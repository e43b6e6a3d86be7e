import { createTestKit } from '@agentvitals/testing';
import { describe, expect, it } from 'vitest';
import { METRIC_CATALOG } from '../semconv/metrics.js';

describe('the metric catalog', () => {
  it('every instrument is recorded with exactly its catalog name, unit, attributes and buckets', async () => {
    const kit = createTestKit({ agentName: 'catalog-bot' });
    const { vitals } = kit;
    vitals.use({
      check: () => ({ action: 'allow' }),
      attach(host) {
        host.emit({
          type: 'alert.fire',
          agentName: host.agentName,
          time: host.now(),
          alertName: 'X',
          severity: 'warning',
        });
        host.emit({
          type: 'breaker.state',
          agentName: host.agentName,
          time: host.now(),
          breakerName: 'agent',
          state: 'half-open',
        });
        return { dispose() {} };
      },
    });
    vitals.queueDepth('tickets', () => 2);
    await vitals.run(async () => {
      await vitals.reasoning(
        async () => ({ model: 'gpt-4o', usage: { prompt_tokens: 10, completion_tokens: 3 } }),
        { model: 'gpt-4o', provider: 'openai' },
      );
      await vitals.tool('kb.search', async () => ['doc'])();
      vitals.sentiment(-0.5);
      vitals.heartbeat();
      vitals.escalate('refund');
    });
    await expect(
      vitals.run(() => vitals.reasoning(() => Promise.reject(new RangeError('x')), { model: 'gpt-4o' })),
    ).rejects.toThrow(RangeError);

    const series = await kit.series();
    // Recorded by @agentvitals/node's export pipeline, not by the vitals (test/telemetry-drops.test.ts).
    for (const definition of METRIC_CATALOG.filter((d) => d.name !== 'agent.telemetry.dropped')) {
      const mine = series.filter((s) => s.name === definition.name);
      expect(mine.length, `${definition.name} has at least one series`).toBeGreaterThan(0);
      for (const s of mine) {
        expect(s.unit, definition.name).toBe(definition.unit);
        expect(s.description, definition.name).toBe(definition.description);
        for (const key of Object.keys(s.attributes)) {
          expect(definition.attributes, `${definition.name} attribute ${key}`).toContain(key);
        }
        // Every catalog attribute is on every series; only error.type is there on failures alone.
        for (const key of definition.attributes.filter((k) => k !== 'error.type')) {
          expect(s.attributes, `${definition.name} lacks ${key}`).toHaveProperty([key]);
        }
        expect(s.attributes['gen_ai.agent.name']).toBe('catalog-bot');
        if (definition.buckets) {
          expect(s.value.type).toBe('histogram');
          if (s.value.type === 'histogram') expect(s.value.boundaries).toEqual(definition.buckets);
        }
      }
    }
    const reasoningError = series.find(
      (s) => s.name === 'agent.reasoning.duration' && s.attributes['error.type'] === 'RangeError',
    );
    expect(reasoningError).toBeDefined();
    await kit.shutdown();
  });

  it('gives every instrument a unique name and a Prometheus name', () => {
    const names = METRIC_CATALOG.map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
    expect(METRIC_CATALOG.find((m) => m.name === 'agent.tool.calls')?.prometheusName).toBe(
      'agent_tool_calls_total',
    );
    expect(METRIC_CATALOG.find((m) => m.name === 'agent.run.duration')?.prometheusName).toBe(
      'agent_run_duration',
    );
  });
});
