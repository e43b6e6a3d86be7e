import { METRIC_CATALOG, type MetricDefinition } from '@agentvitals/core';
import { PROCESS_SERIES, prometheusLabelName, prometheusSeriesOf } from './series-names.js';

/** One row of the metric reference: an instrument and what Prometheus calls it. */
export interface MetricTableRow {
  readonly instrument: string;
  readonly kind: string;
  readonly unit: string;
  readonly series: readonly string[];
  readonly labels: readonly string[];
  readonly description: string;
}

const PROCESS_ROWS: readonly MetricTableRow[] = [
  {
    instrument: 'process.cpu.utilization',
    kind: 'gauge',
    unit: '1',
    series: [PROCESS_SERIES.cpuUtilization],
    labels: [],
    description: 'Share of all cores the process used, 0..1 (@agentvitals/node).',
  },
  {
    instrument: 'process.memory.usage',
    kind: 'gauge',
    unit: 'By',
    series: [PROCESS_SERIES.memoryUsage],
    labels: [],
    description: 'Resident set size in bytes (@agentvitals/node).',
  },
  {
    instrument: 'nodejs.eventloop.delay.p99',
    kind: 'gauge',
    unit: 's',
    series: [PROCESS_SERIES.eventLoopDelayP99],
    labels: [],
    description: '99th percentile of the event-loop delay (@agentvitals/node).',
  },
  {
    instrument: 'agent.process.heartbeat.timestamp',
    kind: 'gauge',
    unit: 's',
    series: [PROCESS_SERIES.heartbeat],
    labels: [],
    description: "Unix time of the process's last heartbeat (@agentvitals/node).",
  },
];

const rowOf = (metric: MetricDefinition): MetricTableRow => ({
  instrument: metric.name,
  kind: metric.kind,
  unit: metric.unit,
  series: prometheusSeriesOf(metric),
  labels: metric.attributes.map(prometheusLabelName),
  description: metric.description,
});

/** The catalog's instruments followed by the process metrics. */
export function metricTableRows(options: { includeProcess?: boolean } = {}): MetricTableRow[] {
  return [...METRIC_CATALOG.map(rowOf), ...(options.includeProcess === false ? [] : PROCESS_ROWS)];
}

const COLUMNS = ['instrument', 'kind', 'unit', 'prometheus series', 'labels'] as const;

/** `agent_run_duration_{bucket,sum,count}` for a histogram, the name itself otherwise. */
const seriesCell = (row: MetricTableRow): string => {
  const first = row.series[0] ?? '';
  if (row.kind !== 'histogram' || !first.endsWith('_bucket')) return row.series.join(' ');
  return `${first.slice(0, -'_bucket'.length)}_{bucket,sum,count}`;
};

const cells = (row: MetricTableRow): string[] => [
  row.instrument,
  row.kind,
  row.unit,
  seriesCell(row),
  row.labels.join(' '),
];

/** A plain-text table with aligned columns, for terminals. */
export function renderMetricTableText(rows: readonly MetricTableRow[] = metricTableRows()): string {
  const table = [[...COLUMNS], ...rows.map(cells)];
  const widths = COLUMNS.map((_, column) => Math.max(...table.map((line) => (line[column] ?? '').length)));
  const format = (line: readonly string[]) =>
    line
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  const separator = widths.map((width) => '-'.repeat(width)).join('  ');
  return `${[format(table[0] ?? []), separator, ...table.slice(1).map(format)].join('\n')}\n`;
}

const markdownCell = (text: string): string => text.replace(/\|/g, '\\|');

/** A Markdown table, for documentation. */
export function renderMetricTableMarkdown(rows: readonly MetricTableRow[] = metricTableRows()): string {
  const header = `| ${COLUMNS.join(' | ')} | description |`;
  const rule = `|${' --- |'.repeat(COLUMNS.length + 1)}`;
  const body = rows.map((row) => {
    const code = cells(row).map((cell, column) =>
      column === 1 || cell === ''
        ? cell
        : cell
            .split(' ')
            .map((part) => `\`${part}\``)
            .join(' '),
    );
    return `| ${[...code, row.description].map(markdownCell).join(' | ')} |`;
  });
  return `${[header, rule, ...body].join('\n')}\n`;
}
