import { describe, expect, it } from 'vitest';
import { referencedSeries } from './promql-series.js';

describe('referencedSeries', () => {
  it('finds the metric names of selectors, skipping functions, keywords and grouping labels', () => {
    expect(
      referencedSeries(
        'sum by (gen_ai_agent_name) (rate(agent_runs_total{agent_run_outcome="error"}[5m])) / sum by (gen_ai_agent_name) (rate(agent_runs_total[5m])) > 0.1',
      ),
    ).toEqual(['agent_runs_total']);
    expect(
      referencedSeries(
        'up == 0 and on (job, instance) group by (job, instance) (max_over_time(a_total[1h]) or b_gauge) unless ignoring (x) c',
      ),
    ).toEqual(['a_total', 'b_gauge', 'c', 'up']);
    expect(referencedSeries('time() - max by (job) (agent_heartbeat_timestamp) > 45')).toEqual([
      'agent_heartbeat_timestamp',
    ]);
  });

  it('ignores names inside strings and label matchers, numbers with exponents and Grafana variables', () => {
    expect(referencedSeries('x{a="not_a_metric", b=~"y|z"} > 1e3 + 2E-4 + Inf')).toEqual(['x']);
    expect(
      referencedSeries('rate(x[$__rate_interval]) * on (job) group_left (instance) y{g=~"$agent"}'),
    ).toEqual(['x', 'y']);
    expect(referencedSeries('sum(x) by (le) offset 5m')).toEqual(['x']);
    expect(referencedSeries('label_replace(x, "dst", "$1", "src", "(.*)")')).toEqual(['x']);
  });

  it('reports unknown names so that a test comparing against the catalog can fail', () => {
    expect(referencedSeries('agent_cost_usd_total > 5')).toEqual(['agent_cost_usd_total']);
    expect(referencedSeries('histogram_quantile(0.95, sum by (le) (rate(foo_bucket[5m])))')).toEqual([
      'foo_bucket',
    ]);
  });

  it('returns nothing for expressions without selectors', () => {
    expect(referencedSeries('vector(1) + time()')).toEqual([]);
    expect(referencedSeries('')).toEqual([]);
  });
});
