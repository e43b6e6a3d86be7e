import { describe, expect, it } from 'vitest';
import { histogramQuantile, labelName, parsePrometheusText } from './prometheus-text.js';

describe('parsePrometheusText', () => {
  it('reads samples with labels, escapes and special values, skipping comments', () => {
    const samples = parsePrometheusText(
      [
        '# HELP agent_runs_total Runs.',
        '# TYPE agent_runs_total counter',
        'agent_runs_total{gen_ai_agent_name="bot",agent_run_outcome="success"} 3',
        'weird{a="x\\"y\\\\z\\n"} +Inf',
        'plain 1.5 1700000000000',
        'not a sample line',
      ].join('\n'),
    );
    expect(samples).toEqual([
      {
        name: 'agent_runs_total',
        labels: { gen_ai_agent_name: 'bot', agent_run_outcome: 'success' },
        value: 3,
      },
      { name: 'weird', labels: { a: 'x"y\\z\n' }, value: Number.POSITIVE_INFINITY },
      { name: 'plain', labels: {}, value: 1.5 },
    ]);
  });

  it('maps attribute keys to label names', () => {
    expect(labelName('gen_ai.agent.name')).toBe('gen_ai_agent_name');
  });
});

describe('histogramQuantile', () => {
  const buckets = [
    { le: 0.1, count: 10 },
    { le: 0.2, count: 30 },
    { le: Number.POSITIVE_INFINITY, count: 40 },
  ];

  it('interpolates inside the bucket as PromQL does', () => {
    expect(histogramQuantile(0.25, buckets)).toBeCloseTo(0.1);
    expect(histogramQuantile(0.5, buckets)).toBeCloseTo(0.15);
    expect(histogramQuantile(0.125, buckets)).toBeCloseTo(0.05);
  });

  it('returns the highest finite bound for ranks in the +Inf bucket', () => {
    expect(histogramQuantile(0.95, buckets)).toBe(0.2);
  });

  it.each([Number.NaN, -0.1, 1.1])('returns NaN for a quantile of %s', (q) => {
    expect(histogramQuantile(q, buckets)).toBeNaN();
  });

  it('returns NaN without observations', () => {
    expect(histogramQuantile(0.5, [])).toBeNaN();
    expect(histogramQuantile(0.5, [{ le: 1, count: 0 }])).toBeNaN();
  });
});
