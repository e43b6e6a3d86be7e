import { METRIC_CATALOG } from '@agentvitals/core';
import { describe, expect, it } from 'vitest';
import { metricTableRows, renderMetricTableMarkdown, renderMetricTableText } from './metrics-table.js';
import { PROCESS_SERIES } from './series-names.js';

describe('metric table', () => {
  it('lists the catalog, then the process metrics', () => {
    const rows = metricTableRows();
    expect(rows.map((row) => row.instrument).slice(0, METRIC_CATALOG.length)).toEqual(
      METRIC_CATALOG.map((metric) => metric.name),
    );
    expect(rows.slice(METRIC_CATALOG.length).flatMap((row) => row.series)).toEqual(
      Object.values(PROCESS_SERIES),
    );
    expect(metricTableRows({ includeProcess: false })).toHaveLength(METRIC_CATALOG.length);
  });

  it('names every series and Prometheus label', () => {
    const run = metricTableRows().find((row) => row.instrument === 'agent.run.duration');
    expect(run?.series).toEqual([
      'agent_run_duration_seconds_bucket',
      'agent_run_duration_seconds_sum',
      'agent_run_duration_seconds_count',
    ]);
    expect(run?.labels).toEqual(['gen_ai_agent_name', 'agent_run_outcome']);
    const text = renderMetricTableText();
    for (const metric of METRIC_CATALOG) expect(text).toContain(metric.prometheusName);
    expect(text).toContain('agent_run_duration_seconds_{bucket,sum,count}');
    expect(text.split('\n')[0]).toMatch(/^instrument\s+kind\s+unit\s+prometheus series\s+labels$/);
  });

  it('aligns the text columns', () => {
    const lines = renderMetricTableText().trimEnd().split('\n');
    const kindColumn = (lines[0] ?? '').indexOf('kind');
    for (const line of lines.slice(2)) expect(line[kindColumn - 1]).toBe(' ');
  });

  it('writes a Markdown table, escaping pipes', () => {
    const markdown = renderMetricTableMarkdown([
      {
        instrument: 'a.b',
        kind: 'gauge',
        unit: '1',
        series: ['a_b'],
        labels: ['x'],
        description: 'one | two',
      },
    ]);
    expect(markdown).toBe(
      [
        '| instrument | kind | unit | prometheus series | labels | description |',
        '| --- | --- | --- | --- | --- | --- |',
        '| `a.b` | gauge | `1` | `a_b` | `x` | one \\| two |',
        '',
      ].join('\n'),
    );
  });
});
