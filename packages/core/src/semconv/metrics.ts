import {
  ATTR_AGENT_ALERT_NAME,
  ATTR_AGENT_ALERT_SEVERITY,
  ATTR_AGENT_BREAKER_NAME,
  ATTR_AGENT_ESCALATION_REASON,
  ATTR_AGENT_QUEUE_NAME,
  ATTR_AGENT_RUN_OUTCOME,
  ATTR_AGENT_SENTIMENT_LABEL,
  ATTR_AGENT_TELEMETRY_DROP_REASON,
  ATTR_AGENT_TELEMETRY_SIGNAL,
  ATTR_AGENT_TOOL_OUTCOME,
  ATTR_ERROR_TYPE,
  ATTR_GEN_AI_AGENT_NAME,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_TOKEN_TYPE,
  ATTR_GEN_AI_TOOL_NAME,
} from './attributes.js';
import { DURATION_BUCKETS_SECONDS, SENTIMENT_BUCKETS, TOKEN_BUCKETS } from './buckets.js';

export type InstrumentKind = 'counter' | 'histogram' | 'gauge' | 'updowncounter';

/** One entry of the metric catalog: the public contract of an instrument. */
export interface MetricDefinition {
  readonly name: string;
  readonly kind: InstrumentKind;
  readonly unit: string;
  readonly description: string;
  readonly attributes: readonly string[];
  readonly buckets?: readonly number[];
  /** The name Prometheus's exporter gives the series (before `_bucket`/`_sum`/`_count`). */
  readonly prometheusName: string;
}

const prometheusName = (name: string, kind: InstrumentKind) =>
  name.replace(/\./g, '_') + (kind === 'counter' ? '_total' : '');

const define = (d: Omit<MetricDefinition, 'prometheusName'>): MetricDefinition => ({
  ...d,
  prometheusName: prometheusName(d.name, d.kind),
});

const TOOL_ATTRIBUTES = [ATTR_GEN_AI_AGENT_NAME, ATTR_GEN_AI_TOOL_NAME, ATTR_AGENT_TOOL_OUTCOME] as const;
const RUN_ATTRIBUTES = [ATTR_GEN_AI_AGENT_NAME, ATTR_AGENT_RUN_OUTCOME] as const;

export const METRIC_AGENT_REASONING_DURATION = define({
  name: 'agent.reasoning.duration',
  kind: 'histogram',
  unit: 's',
  description: 'How long the thought phase (a reasoning or model call) takes.',
  attributes: [ATTR_GEN_AI_AGENT_NAME, ATTR_GEN_AI_REQUEST_MODEL, ATTR_GEN_AI_PROVIDER_NAME, ATTR_ERROR_TYPE],
  buckets: DURATION_BUCKETS_SECONDS,
});

export const METRIC_AGENT_TOOL_CALLS = define({
  name: 'agent.tool.calls',
  kind: 'counter',
  unit: '{call}',
  description: 'Tool calls by outcome; success rate = success / all.',
  attributes: TOOL_ATTRIBUTES,
});

export const METRIC_AGENT_TOOL_DURATION = define({
  name: 'agent.tool.duration',
  kind: 'histogram',
  unit: 's',
  description: 'Tool call latency.',
  attributes: TOOL_ATTRIBUTES,
  buckets: DURATION_BUCKETS_SECONDS,
});

export const METRIC_GEN_AI_CLIENT_TOKEN_USAGE = define({
  name: 'gen_ai.client.token.usage',
  kind: 'histogram',
  unit: '{token}',
  description: 'Tokens used per model call, by token type (GenAI semantic conventions).',
  attributes: [
    ATTR_GEN_AI_TOKEN_TYPE,
    ATTR_GEN_AI_OPERATION_NAME,
    ATTR_GEN_AI_REQUEST_MODEL,
    ATTR_GEN_AI_PROVIDER_NAME,
    ATTR_GEN_AI_AGENT_NAME,
  ],
  buckets: TOKEN_BUCKETS,
});

export const METRIC_AGENT_ACTIONS = define({
  name: 'agent.actions',
  kind: 'counter',
  unit: '{action}',
  description: 'Actions the agent took.',
  attributes: [ATTR_GEN_AI_AGENT_NAME],
});

export const METRIC_AGENT_TOKENS_PER_ACTION = define({
  name: 'agent.tokens_per_action',
  kind: 'histogram',
  unit: '{token}',
  description: 'Token efficiency: tokens spent since the previous action, recorded at each action.',
  attributes: [ATTR_GEN_AI_AGENT_NAME],
  buckets: TOKEN_BUCKETS,
});

export const METRIC_AGENT_COST = define({
  name: 'agent.cost',
  kind: 'counter',
  unit: 'USD',
  description: 'Spend in US dollars, from the pricing table.',
  attributes: [ATTR_GEN_AI_AGENT_NAME, ATTR_GEN_AI_REQUEST_MODEL, ATTR_GEN_AI_PROVIDER_NAME],
});

export const METRIC_AGENT_SENTIMENT_SCORE = define({
  name: 'agent.sentiment.score',
  kind: 'histogram',
  unit: '1',
  description:
    'Customer mood per message on a 0..1 scale: 0 most negative, 0.5 neutral, 1 most positive ((score + 1) / 2 of the -1..1 sentiment).',
  attributes: [ATTR_GEN_AI_AGENT_NAME],
  buckets: SENTIMENT_BUCKETS,
});

export const METRIC_AGENT_SENTIMENT_MESSAGES = define({
  name: 'agent.sentiment.messages',
  kind: 'counter',
  unit: '{message}',
  description: 'Customer messages by sentiment label; negative ratio = negative / all.',
  attributes: [ATTR_GEN_AI_AGENT_NAME, ATTR_AGENT_SENTIMENT_LABEL],
});

export const METRIC_AGENT_HEARTBEAT_TIMESTAMP = define({
  name: 'agent.heartbeat.timestamp',
  kind: 'gauge',
  unit: 's',
  description: "Unix time of the agent loop's last heartbeat.",
  attributes: [ATTR_GEN_AI_AGENT_NAME],
});

export const METRIC_AGENT_RUNS = define({
  name: 'agent.runs',
  kind: 'counter',
  unit: '{run}',
  description: 'Runs (requests handled) by outcome; error rate = error / all.',
  attributes: RUN_ATTRIBUTES,
});

export const METRIC_AGENT_RUN_DURATION = define({
  name: 'agent.run.duration',
  kind: 'histogram',
  unit: 's',
  description: 'Response time of a run.',
  attributes: RUN_ATTRIBUTES,
  buckets: DURATION_BUCKETS_SECONDS,
});

export const METRIC_AGENT_QUEUE_DEPTH = define({
  name: 'agent.queue.depth',
  kind: 'gauge',
  unit: '{item}',
  description: 'Items waiting in a queue the agent consumes: backlog and autoscaling signal.',
  attributes: [ATTR_GEN_AI_AGENT_NAME, ATTR_AGENT_QUEUE_NAME],
});

export const METRIC_AGENT_ESCALATIONS = define({
  name: 'agent.escalations',
  kind: 'counter',
  unit: '{escalation}',
  description: 'Escalations to a human, by reason.',
  attributes: [ATTR_GEN_AI_AGENT_NAME, ATTR_AGENT_ESCALATION_REASON],
});

export const METRIC_AGENT_ESCALATION_BACKLOG = define({
  name: 'agent.escalation.backlog',
  kind: 'updowncounter',
  unit: '{escalation}',
  description: 'Escalations opened and not yet resolved.',
  attributes: [ATTR_GEN_AI_AGENT_NAME],
});

export const METRIC_AGENT_ALERTS = define({
  name: 'agent.alerts',
  kind: 'counter',
  unit: '{alert}',
  description: 'Alerts fired in-process by the guard.',
  attributes: [ATTR_GEN_AI_AGENT_NAME, ATTR_AGENT_ALERT_NAME, ATTR_AGENT_ALERT_SEVERITY],
});

export const METRIC_AGENT_BREAKER_STATE = define({
  name: 'agent.breaker.state',
  kind: 'gauge',
  unit: '1',
  description: 'Circuit breaker state: 0 closed, 1 half-open, 2 open.',
  attributes: [ATTR_GEN_AI_AGENT_NAME, ATTR_AGENT_BREAKER_NAME],
});

export const METRIC_AGENT_TELEMETRY_DROPPED = define({
  name: 'agent.telemetry.dropped',
  kind: 'counter',
  unit: '{item}',
  description:
    'Log records, spans or metric exports the process lost before they reached an exporter, by signal and reason (@agentvitals/node).',
  attributes: [ATTR_GEN_AI_AGENT_NAME, ATTR_AGENT_TELEMETRY_SIGNAL, ATTR_AGENT_TELEMETRY_DROP_REASON],
});

/** The whole metric catalog, in documentation order. */
export const METRIC_CATALOG: readonly MetricDefinition[] = [
  METRIC_AGENT_REASONING_DURATION,
  METRIC_AGENT_TOOL_CALLS,
  METRIC_AGENT_TOOL_DURATION,
  METRIC_GEN_AI_CLIENT_TOKEN_USAGE,
  METRIC_AGENT_ACTIONS,
  METRIC_AGENT_TOKENS_PER_ACTION,
  METRIC_AGENT_COST,
  METRIC_AGENT_SENTIMENT_SCORE,
  METRIC_AGENT_SENTIMENT_MESSAGES,
  METRIC_AGENT_HEARTBEAT_TIMESTAMP,
  METRIC_AGENT_RUNS,
  METRIC_AGENT_RUN_DURATION,
  METRIC_AGENT_QUEUE_DEPTH,
  METRIC_AGENT_ESCALATIONS,
  METRIC_AGENT_ESCALATION_BACKLOG,
  METRIC_AGENT_ALERTS,
  METRIC_AGENT_BREAKER_STATE,
  METRIC_AGENT_TELEMETRY_DROPPED,
];
