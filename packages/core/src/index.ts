// Semantic conventions: instrument names, attribute keys, values, buckets.

// The vitals API.
export { createVitals } from './api/create-vitals.js';
export type { OpenCall, ReasoningCallOptions, Refused } from './api/open-call.js';
export { isRefused, openReasoning, openRun, openTool } from './api/open-call.js';
export { CircuitOpenError, isCircuitOpenError } from './errors/circuit-open-error.js';
export { isPolicyDeniedError, PolicyDeniedError } from './errors/policy-denied-error.js';
export type { Disposable } from './events/disposable.js';
export { NOOP_DISPOSABLE } from './events/disposable.js';
export type { EventSource, Listener } from './events/event-stream.js';
// Events.
export { EventStream } from './events/event-stream.js';
export type {
  ActionEvent,
  AlertFireEvent,
  AlertResolveEvent,
  BreakerStateEvent,
  EscalationEvent,
  EscalationResolveEvent,
  EventBase,
  GuardDenyEvent,
  GuardEvent,
  HeartbeatEvent,
  ReasoningEndEvent,
  ReasoningStartEvent,
  RunEndEvent,
  RunStartEvent,
  SentimentEvent,
  TokensEvent,
  ToolEndEvent,
  ToolStartEvent,
  VitalsEvent,
  VitalsEventOf,
  VitalsEventType,
} from './events/vitals-event.js';
export type { Guard, GuardDecision, GuardHost, GuardRequest } from './guard/guard.js';
// Guards.
export { ALLOW } from './guard/guard.js';
export { canonicalToolName, decodeToolInput, UNREADABLE_INPUT } from './guard/tool-call.js';
export type { NameLimiterOptions } from './limits/name-limiter.js';
// Limits.
export { INVALID_NAME, NameLimiter } from './limits/name-limiter.js';
export type { ModelPrice, Pricing, TokenCounts } from './pricing/pricing.js';
// Pricing, redaction, sentiment.
export {
  createPricing,
  PRICING_TABLE,
  PRICING_TABLE_DATE,
  PRICING_TABLE_SOURCES,
} from './pricing/pricing.js';
export type { RedactionPattern, RedactorOptions } from './redaction/redact.js';
export { BUILT_IN_REDACTIONS, createRedactor, REDACTION_FAILED } from './redaction/redact.js';
export type { RedactValueLimits } from './redaction/redact-value.js';
export { redactValue } from './redaction/redact-value.js';
export { isSecretKeyName } from './redaction/secret-key.js';
export { TRUNCATION_MARKER, truncateUtf8 } from './redaction/truncate.js';
export * from './semconv/index.js';
export type { SentimentAnalyzer, SentimentThresholds } from './sentiment/sentiment.js';
export {
  analyzeSentiment,
  DEFAULT_SENTIMENT_THRESHOLDS,
  sentimentLabel,
  validateSentimentThresholds,
} from './sentiment/sentiment.js';
export type { ExtractedUsage } from './usage/extract-usage.js';
// Usage extraction.
export { extractUsage } from './usage/extract-usage.js';
export type { UsageAccumulator } from './usage/stream-usage.js';
export { createUsageAccumulator, extractStreamUsage } from './usage/stream-usage.js';
export { errorType, isTimeoutError } from './vitals/error-type.js';
export type { StreamEnd } from './vitals/streams.js';
export { instrumentStream } from './vitals/streams.js';
export type {
  Escalation,
  LimitOptions,
  ReasoningOptions,
  RunOptions,
  SentimentOptions,
  ThoughtOptions,
  ToolOptions,
  ToolValidator,
  UsageInput,
  Vitals,
  VitalsOptions,
} from './vitals/types.js';
export {
  DEFAULT_DISPATCHER_METHODS,
  DEFAULT_REASONING_METHODS,
  DEFAULT_RUN_METHODS,
  DEFAULT_TOOL_MEMBERS,
  TOOL_CALL_METHODS,
} from './wrap/defaults.js';
export { FrameworkAgentError, isFrameworkAgentError } from './wrap/framework-agents.js';
export type { WrapReasoningOptions, WrapRunOptions, WrapToolOptions } from './wrap/functions.js';
export { wrapReasoning, wrapRun, wrapTool } from './wrap/functions.js';
export type { WrapOptions } from './wrap/options.js';
export { isWrapped } from './wrap/registry.js';
// wrap(): one line for a whole agent, and the function forms.
export { wrap } from './wrap/wrap.js';
