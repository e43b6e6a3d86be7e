import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { METRIC_CATALOG, THOUGHT_EVENT_NAME, TOOL_OUTCOMES } from '../packages/core/src/semconv/index.js';
import { checkMetricsDoc, prometheusSeries, renderMetricsDoc } from '../scripts/metrics-doc.js';

const committed = fileURLToPath(new URL('../docs/metrics.md', import.meta.url));

describe('docs/metrics.md', () => {
  it('is current: run `npm run docs:generate` after changing packages/core/src/semconv', async () => {
    const { upToDate } = await checkMetricsDoc(committed);
    expect(upToDate).toBe(true);
  });

  it('documents every instrument with its Prometheus series', () => {
    const doc = renderMetricsDoc();
    for (const metric of METRIC_CATALOG) {
      expect(doc).toContain(`### \`${metric.name}\``);
      for (const series of prometheusSeries(metric)) expect(doc).toContain(`\`${series}\``);
      for (const attribute of metric.attributes) expect(doc).toContain(`\`${attribute}\``);
    }
    expect(doc).toContain('`agent_tool_calls_total`');
    expect(doc).toContain(
      '`agent_tool_duration_seconds_bucket` `agent_tool_duration_seconds_sum` `agent_tool_duration_seconds_count`',
    );
    expect(doc).toContain(TOOL_OUTCOMES.map((outcome) => `\`${outcome}\``).join(', '));
    expect(doc).toContain('`invoke_agent {gen_ai.agent.name}`');
    expect(doc).toContain(`\`${THOUGHT_EVENT_NAME}\``);
    expect(doc).toContain('`deployment.environment.name`');
  });

  it('names series as the Prometheus exporter does', () => {
    const byName = new Map(METRIC_CATALOG.map((metric) => [metric.name, metric]));
    expect(prometheusSeries(byName.get('agent.runs')!)).toEqual(['agent_runs_total']);
    expect(prometheusSeries(byName.get('gen_ai.client.token.usage')!)).toEqual([
      'gen_ai_client_token_usage_bucket',
      'gen_ai_client_token_usage_sum',
      'gen_ai_client_token_usage_count',
    ]);
    expect(prometheusSeries(byName.get('agent.queue.depth')!)).toEqual(['agent_queue_depth']);
  });
});

describe('checkMetricsDoc', () => {
  const directory = mkdtemp(join(tmpdir(), 'metrics-doc-'));
  afterAll(async () => rm(await directory, { recursive: true, force: true }));

  it('reports a stale, a missing and a current file', async () => {
    const stale = join(await directory, 'stale.md');
    await writeFile(stale, renderMetricsDoc().replace('agent.tool.calls', 'agent.tool.invocations'));
    expect((await checkMetricsDoc(stale)).upToDate).toBe(false);
    expect((await checkMetricsDoc(join(await directory, 'missing.md'))).upToDate).toBe(false);
    const current = join(await directory, 'current.md');
    await writeFile(current, renderMetricsDoc().replace(/\n/g, '\r\n'));
    expect((await checkMetricsDoc(current)).upToDate).toBe(true);
  });
});
