import { groupBy, histogramQuantile, type LabelMatcher, matches, selector } from '../promql.js';
import { CATALOG_SERIES, LABELS } from '../series-names.js';
import type { PanelSpec, QuerySpec } from './panel-builders.js';

/** A titled row of panels. */
export interface DashboardSection {
  readonly title: string;
  readonly panels: readonly PanelSpec[];
}

/** Thresholds drawn on the panels, taken from the Prometheus rule settings. */
export interface DashboardThresholds {
  readonly heartbeatSeconds?: number;
  readonly costPerHourUsd?: number;
  readonly runDurationSeconds?: number;
  readonly errorRatio?: number;
  readonly tokensPerAction?: number;
  readonly negativeRatio?: number;
  readonly escalationBacklog?: number;
  readonly cpuRatio?: number;
}

/** Grafana's range for rates: at least four scrape intervals. */
export const RANGE = '$__rate_interval';

/** Query helpers bound to the agent label; every selector is filtered by the `$agent` variable. */
export interface QueryContext {
  readonly agent: string;
  /** `{{<agent label>}}`, for legends. */
  readonly perAgent: string;
  readonly series: (name: string, ...extra: LabelMatcher[]) => string;
  /** p50 and p95 of a histogram. */
  readonly quantiles: (bucket: string, labels: readonly string[], legend: string) => QuerySpec[];
  /** A process series, kept to the processes that ran one of the selected agents. */
  readonly ofAgentProcesses: (name: string) => string;
}

export function createQueryContext(agent: string): QueryContext {
  const only = matches(agent, '$agent');
  const series = (name: string, ...extra: LabelMatcher[]) => selector(name, [only, ...extra]);
  return {
    agent,
    perAgent: `{{${agent}}}`,
    series,
    quantiles: (bucket, labels, legend) =>
      [0.5, 0.95].map((q) => ({
        expr: histogramQuantile(q, series(bucket), labels, RANGE),
        legend: `${legend} p${q * 100}`,
      })),
    ofAgentProcesses: (name) =>
      `${name} and on (${LABELS.job}, ${LABELS.instance}) ${groupBy([LABELS.job, LABELS.instance], series(CATALOG_SERIES.runs))}`,
  };
}
