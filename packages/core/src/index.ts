// Semantic conventions: instrument names, attribute keys, values, buckets.
export * from './semconv/index.js';

// The vitals API.
export { createVitals } from './vitals/create-vitals.js';
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
export { errorType, isTimeoutError } from './vitals/error-type.js';

// Events.
export { EventStream } from './events/event-stream.js';
export type { EventSource, Listener } from './events/event-stream.js';
export { NOOP_DISPOSABLE } from './events/disposable.js';
export type { Disposable } from './events/disposable.js';
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

// Guards.
export { ALLOW } from './guard/guard.js';
export type { Guard, GuardDecision, GuardHost, GuardRequest } from './guard/guard.js';
export { CircuitOpenError, isCircuitOpenError } from './errors/circuit-open-error.js';
export { isPolicyDeniedError, PolicyDeniedError } from './errors/policy-denied-error.js';

// Limits.
export { INVALID_NAME, NameLimiter } from './limits/name-limiter.js';
export type { NameLimiterOptions } from './limits/name-limiter.js';

// Pricing, redaction, sentiment.
export { createPricing, PRICING_TABLE, PRICING_TABLE_DATE, PRICING_TABLE_SOURCES } from './pricing/pricing.js';
export type { ModelPrice, Pricing, TokenCounts } from './pricing/pricing.js';
export { BUILT_IN_REDACTIONS, createRedactor, truncateUtf8 } from './redaction/redact.js';
export type { RedactionPattern, RedactorOptions } from './redaction/redact.js';
export {
  analyzeSentiment,
  DEFAULT_SENTIMENT_THRESHOLDS,
  sentimentLabel,
  validateSentimentThresholds,
} from './sentiment/sentiment.js';
export type { SentimentAnalyzer, SentimentThresholds } from './sentiment/sentiment.js';

// Usage extraction.
export { extractUsage } from './usage/extract-usage.js';
export type { ExtractedUsage } from './usage/extract-usage.js';
