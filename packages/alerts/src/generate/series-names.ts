import {
  ATTR_AGENT_ALERT_NAME,
  ATTR_AGENT_ALERT_SEVERITY,
  ATTR_AGENT_BREAKER_NAME,
  ATTR_AGENT_ESCALATION_REASON,
  ATTR_AGENT_QUEUE_NAME,
  ATTR_AGENT_RUN_OUTCOME,
  ATTR_AGENT_SENTIMENT_LABEL,
  ATTR_AGENT_TOOL_OUTCOME,
  ATTR_GEN_AI_AGENT_NAME,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_TOKEN_TYPE,
  ATTR_GEN_AI_TOOL_NAME,
  METRIC_AGENT_ACTIONS,
  METRIC_AGENT_ALERTS,
  METRIC_AGENT_BREAKER_STATE,
  METRIC_AGENT_COST,
  METRIC_AGENT_ESCALATION_BACKLOG,
  METRIC_AGENT_ESCALATIONS,
  METRIC_AGENT_HEARTBEAT_TIMESTAMP,
  METRIC_AGENT_PROCESS_HEARTBEAT_TIMESTAMP_DEFINITION,
  METRIC_AGENT_QUEUE_DEPTH,
  METRIC_AGENT_REASONING_DURATION,
  METRIC_AGENT_RUN_DURATION,
  METRIC_AGENT_RUNS,
  METRIC_AGENT_SENTIMENT_MESSAGES,
  METRIC_AGENT_TOKENS_PER_ACTION,
  METRIC_AGENT_TOOL_CALLS,
  METRIC_AGENT_TOOL_DURATION,
  METRIC_CATALOG,
  METRIC_GEN_AI_CLIENT_TOKEN_USAGE,
  METRIC_NODEJS_EVENTLOOP_DELAY_P99_DEFINITION,
  METRIC_PROCESS_CPU_UTILIZATION_DEFINITION,
  METRIC_PROCESS_MEMORY_USAGE_DEFINITION,
  type MetricDefinition,
} from '@agentvitals/core';

/** The label an attribute key becomes in Prometheus: the exporter replaces every invalid character by `_`. */
export function prometheusLabelName(attributeKey: string): string {
  return attributeKey.replace(/[^a-zA-Z0-9_]/g, '_');
}

/** The series of a histogram: cumulative buckets, sum and count. */
export interface HistogramSeries {
  readonly bucket: string;
  readonly sum: string;
  readonly count: string;
}

const histogram = (metric: MetricDefinition): HistogramSeries => ({
  bucket: `${metric.prometheusName}_bucket`,
  sum: `${metric.prometheusName}_sum`,
  count: `${metric.prometheusName}_count`,
});

/** Every series name an instrument of the catalog produces in Prometheus. */
export function prometheusSeriesOf(metric: MetricDefinition): readonly string[] {
  if (metric.kind !== 'histogram') return [metric.prometheusName];
  const { bucket, sum, count } = histogram(metric);
  return [bucket, sum, count];
}

/** Series names of the catalog, as the Prometheus exporter writes them. */
export const CATALOG_SERIES = {
  reasoningDuration: histogram(METRIC_AGENT_REASONING_DURATION),
  toolCalls: METRIC_AGENT_TOOL_CALLS.prometheusName,
  toolDuration: histogram(METRIC_AGENT_TOOL_DURATION),
  tokenUsage: histogram(METRIC_GEN_AI_CLIENT_TOKEN_USAGE),
  actions: METRIC_AGENT_ACTIONS.prometheusName,
  tokensPerAction: histogram(METRIC_AGENT_TOKENS_PER_ACTION),
  cost: METRIC_AGENT_COST.prometheusName,
  sentimentMessages: METRIC_AGENT_SENTIMENT_MESSAGES.prometheusName,
  heartbeat: METRIC_AGENT_HEARTBEAT_TIMESTAMP.prometheusName,
  runs: METRIC_AGENT_RUNS.prometheusName,
  runDuration: histogram(METRIC_AGENT_RUN_DURATION),
  queueDepth: METRIC_AGENT_QUEUE_DEPTH.prometheusName,
  escalations: METRIC_AGENT_ESCALATIONS.prometheusName,
  escalationBacklog: METRIC_AGENT_ESCALATION_BACKLOG.prometheusName,
  alerts: METRIC_AGENT_ALERTS.prometheusName,
  breakerState: METRIC_AGENT_BREAKER_STATE.prometheusName,
} as const;

/**
 * Process series exported by `@agentvitals/node`. `process_cpu_utilization_ratio` is the share of
 * all cores (0..1), `process_memory_usage_bytes` the resident set size, `nodejs_eventloop_delay_p99_seconds`
 * the event-loop delay, `agent_process_heartbeat_timestamp_seconds` the unix time of the process's
 * last heartbeat.
 */
export const PROCESS_SERIES = {
  cpuUtilization: METRIC_PROCESS_CPU_UTILIZATION_DEFINITION.prometheusName,
  memoryUsage: METRIC_PROCESS_MEMORY_USAGE_DEFINITION.prometheusName,
  eventLoopDelayP99: METRIC_NODEJS_EVENTLOOP_DELAY_P99_DEFINITION.prometheusName,
  heartbeat: METRIC_AGENT_PROCESS_HEARTBEAT_TIMESTAMP_DEFINITION.prometheusName,
} as const;

/** Series Prometheus itself writes for every scrape target. */
export const PROMETHEUS_TARGET_SERIES = { up: 'up', targetInfo: 'target_info' } as const;

/** Every series name the catalog and the process metrics produce. */
export const KNOWN_AGENT_SERIES: ReadonlySet<string> = new Set([
  ...METRIC_CATALOG.flatMap(prometheusSeriesOf),
  ...Object.values(PROCESS_SERIES),
]);

/** Prometheus label names of the catalog attributes used in queries. */
export const LABELS = {
  agent: prometheusLabelName(ATTR_GEN_AI_AGENT_NAME),
  tool: prometheusLabelName(ATTR_GEN_AI_TOOL_NAME),
  toolOutcome: prometheusLabelName(ATTR_AGENT_TOOL_OUTCOME),
  runOutcome: prometheusLabelName(ATTR_AGENT_RUN_OUTCOME),
  sentimentLabel: prometheusLabelName(ATTR_AGENT_SENTIMENT_LABEL),
  tokenType: prometheusLabelName(ATTR_GEN_AI_TOKEN_TYPE),
  model: prometheusLabelName(ATTR_GEN_AI_REQUEST_MODEL),
  queue: prometheusLabelName(ATTR_AGENT_QUEUE_NAME),
  escalationReason: prometheusLabelName(ATTR_AGENT_ESCALATION_REASON),
  alertName: prometheusLabelName(ATTR_AGENT_ALERT_NAME),
  alertSeverity: prometheusLabelName(ATTR_AGENT_ALERT_SEVERITY),
  breaker: prometheusLabelName(ATTR_AGENT_BREAKER_NAME),
  job: 'job',
  instance: 'instance',
  le: 'le',
} as const;
