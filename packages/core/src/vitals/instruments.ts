import type { Counter, Gauge, Histogram, Meter, ObservableGauge, UpDownCounter } from '@opentelemetry/api';
import {
  METRIC_AGENT_ACTIONS,
  METRIC_AGENT_ALERTS,
  METRIC_AGENT_BREAKER_STATE,
  METRIC_AGENT_COST,
  METRIC_AGENT_ESCALATION_BACKLOG,
  METRIC_AGENT_ESCALATIONS,
  METRIC_AGENT_HEARTBEAT_TIMESTAMP,
  METRIC_AGENT_QUEUE_DEPTH,
  METRIC_AGENT_REASONING_DURATION,
  METRIC_AGENT_RUN_DURATION,
  METRIC_AGENT_RUNS,
  METRIC_AGENT_SENTIMENT_MESSAGES,
  METRIC_AGENT_SENTIMENT_SCORE,
  METRIC_AGENT_TOKENS_PER_ACTION,
  METRIC_AGENT_TOOL_CALLS,
  METRIC_AGENT_TOOL_DURATION,
  METRIC_GEN_AI_CLIENT_TOKEN_USAGE,
  type MetricDefinition,
} from '../semconv/metrics.js';
import { type BatchedCounter, batchedCounter } from './batched-counter.js';

/**
 * Every instrument of the catalog, created once per vitals instance. The counters added to on
 * every call (`agent.tool.calls`, `agent.actions`, `agent.cost`, `agent.runs`) sum their adds
 * here and hand them to the SDK's counters at each collection (see `batched-counter.ts`).
 */
export interface Instruments {
  readonly reasoningDuration: Histogram;
  readonly toolCalls: BatchedCounter;
  readonly toolDuration: Histogram;
  readonly tokenUsage: Histogram;
  readonly actions: BatchedCounter;
  readonly tokensPerAction: Histogram;
  readonly cost: BatchedCounter;
  readonly sentimentScore: Histogram;
  readonly sentimentMessages: Counter;
  readonly heartbeat: Gauge;
  readonly runs: BatchedCounter;
  readonly runDuration: Histogram;
  readonly escalations: Counter;
  readonly escalationBacklog: UpDownCounter;
  readonly alerts: Counter;
  /** Observable gauges, observed through callbacks the vitals instance registers. */
  readonly queueDepth: ObservableGauge;
  readonly breakerState: ObservableGauge;
}

const options = (definition: MetricDefinition) => ({
  description: definition.description,
  unit: definition.unit,
  ...(definition.buckets ? { advice: { explicitBucketBoundaries: [...definition.buckets] } } : {}),
});

export function createInstruments(meter: Meter): Instruments {
  const histogram = (d: MetricDefinition) => meter.createHistogram(d.name, options(d));
  const counter = (d: MetricDefinition) => meter.createCounter(d.name, options(d));
  const queueDepth = meter.createObservableGauge(
    METRIC_AGENT_QUEUE_DEPTH.name,
    options(METRIC_AGENT_QUEUE_DEPTH),
  );
  const batched = (d: MetricDefinition) => batchedCounter(meter, queueDepth, d, options(d));
  return {
    reasoningDuration: histogram(METRIC_AGENT_REASONING_DURATION),
    toolCalls: batched(METRIC_AGENT_TOOL_CALLS),
    toolDuration: histogram(METRIC_AGENT_TOOL_DURATION),
    tokenUsage: histogram(METRIC_GEN_AI_CLIENT_TOKEN_USAGE),
    actions: batched(METRIC_AGENT_ACTIONS),
    tokensPerAction: histogram(METRIC_AGENT_TOKENS_PER_ACTION),
    cost: batched(METRIC_AGENT_COST),
    sentimentScore: histogram(METRIC_AGENT_SENTIMENT_SCORE),
    sentimentMessages: counter(METRIC_AGENT_SENTIMENT_MESSAGES),
    heartbeat: meter.createGauge(
      METRIC_AGENT_HEARTBEAT_TIMESTAMP.name,
      options(METRIC_AGENT_HEARTBEAT_TIMESTAMP),
    ),
    runs: batched(METRIC_AGENT_RUNS),
    runDuration: histogram(METRIC_AGENT_RUN_DURATION),
    escalations: counter(METRIC_AGENT_ESCALATIONS),
    escalationBacklog: meter.createUpDownCounter(
      METRIC_AGENT_ESCALATION_BACKLOG.name,
      options(METRIC_AGENT_ESCALATION_BACKLOG),
    ),
    alerts: counter(METRIC_AGENT_ALERTS),
    queueDepth,
    breakerState: meter.createObservableGauge(
      METRIC_AGENT_BREAKER_STATE.name,
      options(METRIC_AGENT_BREAKER_STATE),
    ),
  };
}
