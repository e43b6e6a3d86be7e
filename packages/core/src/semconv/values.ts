/** Enumerated attribute values of the metric catalog. */

export const TOOL_OUTCOMES = ['success', 'error', 'invalid', 'denied', 'blocked', 'timeout'] as const;
/** `agent.tool.outcome`: how a tool call ended. */
export type ToolOutcome = (typeof TOOL_OUTCOMES)[number];

export const RUN_OUTCOMES = ['success', 'error'] as const;
/** `agent.run.outcome`: how a run ended. */
export type RunOutcome = (typeof RUN_OUTCOMES)[number];

export const TOKEN_TYPES = ['input', 'output'] as const;
/** `gen_ai.token.type`. */
export type TokenType = (typeof TOKEN_TYPES)[number];

export const SENTIMENT_LABELS = ['negative', 'neutral', 'positive'] as const;
/** `agent.sentiment.label`. */
export type SentimentLabel = (typeof SENTIMENT_LABELS)[number];

export const ALERT_SEVERITIES = ['info', 'warning', 'critical'] as const;
/** `agent.alert.severity`. */
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

export const DEPLOYMENT_ENVIRONMENTS = ['dev', 'staging', 'prod'] as const;
/** `deployment.environment.name`. */
export type DeploymentEnvironment = (typeof DEPLOYMENT_ENVIRONMENTS)[number];

export const TELEMETRY_SIGNALS = ['logs', 'spans', 'metrics'] as const;
/** `agent.telemetry.signal`. */
export type TelemetrySignal = (typeof TELEMETRY_SIGNALS)[number];

/**
 * `agent.telemetry.drop.reason`: `queue_full` (the export queue was full), `export_failed`
 * (the exporter reported a failure or timed out), `shutdown` (emitted after shutdown began, or
 * still queued when the shutdown timed out).
 */
export const TELEMETRY_DROP_REASONS = ['queue_full', 'export_failed', 'shutdown'] as const;
export type TelemetryDropReason = (typeof TELEMETRY_DROP_REASONS)[number];

/** `agent.breaker.state` gauge values. */
export const BREAKER_STATE_VALUES = { closed: 0, 'half-open': 1, open: 2 } as const;
export type BreakerState = keyof typeof BREAKER_STATE_VALUES;

/** `gen_ai.operation.name` values used by Agent Vitals spans and token metrics. */
export const OPERATION_INVOKE_AGENT = 'invoke_agent';
export const OPERATION_CHAT = 'chat';
export const OPERATION_EXECUTE_TOOL = 'execute_tool';

/** The value a bounded attribute takes once its cap of distinct values is reached. */
export const OVERFLOW_VALUE = '_overflow';
/** The value a bounded attribute takes for a value that looks like a secret or free text. */
export const REDACTED_VALUE = '_redacted';
/** The value used where a model or provider is not known. */
export const UNKNOWN_VALUE = '_unknown';

/** Event name of chain-of-thought log records. */
export const THOUGHT_EVENT_NAME = 'agent.thought';
