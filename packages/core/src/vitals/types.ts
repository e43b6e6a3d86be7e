import type { LoggerProvider, MeterProvider, TracerProvider } from '@opentelemetry/api';
import type { Disposable } from '../events/disposable.js';
import type { EventSource } from '../events/event-stream.js';
import type { VitalsEvent } from '../events/vitals-event.js';
import type { Guard } from '../guard/guard.js';
import type { ModelPrice } from '../pricing/pricing.js';
import type { RedactionPattern } from '../redaction/redact.js';
import type { SentimentAnalyzer } from '../sentiment/sentiment.js';
import type { ExtractedUsage } from '../usage/extract-usage.js';

/** Token usage of one model call, as given to `vitals.usage()`. */
export interface UsageInput {
  /** All input (prompt) tokens, cached ones included. */
  readonly inputTokens?: number;
  readonly outputTokens?: number;
  /** Input tokens served from the provider's prompt cache (a subset of `inputTokens`). */
  readonly cachedInputTokens?: number;
  readonly model?: string;
  readonly provider?: string;
  /** `gen_ai.operation.name`; default `chat`. */
  readonly operation?: string;
}

export interface RunOptions {
  /** The request id to correlate spans, thoughts and logs; generated when omitted. */
  readonly requestId?: string;
}

export interface ReasoningOptions {
  readonly model?: string;
  readonly provider?: string;
  /** Read usage from the call's result; by default the shapes of the major providers are recognised. */
  readonly extractUsage?: (result: unknown) => ExtractedUsage | undefined;
  /** The request's output-token limit, for guards that estimate cost before the call (cost caps). */
  readonly maxOutputTokens?: number;
  /**
   * The caller expects a promise (say `fn` is `() => client.chat(...)`): a call a guard stops
   * then rejects instead of throwing. Not needed when `fn` is itself an `async` function.
   */
  readonly returnsPromise?: boolean;
}

/**
 * A tool result validator. Return `false` or a string (the reason), or throw, to mark the
 * result `invalid`; the result is still returned to the caller.
 */
export type ToolValidator<F extends (...args: any[]) => any> = (
  result: Awaited<ReturnType<F>>,
  args: Parameters<F>,
) => unknown;

export interface ToolOptions<F extends (...args: any[]) => any> {
  readonly validate?: ToolValidator<F>;
  /**
   * The caller expects a promise: a call a guard stops then rejects instead of throwing.
   * Not needed when the tool is itself an `async` function.
   */
  readonly returnsPromise?: boolean;
}

/** An open escalation; `resolve()` closes it (once). */
export interface Escalation {
  readonly reason: string;
  resolve(): void;
}

export interface SentimentOptions {
  /** Turns text into a score in -1..1; the default is a small English lexicon analyzer. */
  readonly analyzer?: SentimentAnalyzer;
  /** Scores at or below this are `negative`; default -0.25. */
  readonly negativeAtOrBelow?: number;
  /** Scores at or above this are `positive`; default 0.25. */
  readonly positiveAtOrAbove?: number;
}

export interface ThoughtOptions {
  /** Record thoughts as OTel log records; default true. */
  readonly enabled?: boolean;
  /** Apply the redaction patterns; default true. Turning it off is refused in `prod` by `@agentvitals/node`. */
  readonly redact?: boolean;
  /** Patterns added to the built-in ones. */
  readonly patterns?: readonly RedactionPattern[];
  /** Longest thought recorded, in UTF-8 bytes; default 8192. */
  readonly maxBytes?: number;
}

export interface LimitOptions {
  /** Distinct tool names per agent before new ones are recorded as `_overflow`; default 200. */
  readonly maxToolNames?: number;
  /** Distinct models (and providers) per agent before new ones are recorded as `_overflow`; default 50. */
  readonly maxModelNames?: number;
  /** Distinct queue and escalation-reason values per agent; default 50. */
  readonly maxOtherValues?: number;
  /** Longest name kept, in characters; longer names are cut; default 128. */
  readonly maxNameLength?: number;
}

export interface VitalsOptions {
  /** `gen_ai.agent.name`: required, non-empty. */
  readonly agentName: string;
  /** Providers to record into; the global ones by default. */
  readonly meterProvider?: MeterProvider;
  readonly tracerProvider?: TracerProvider;
  readonly loggerProvider?: LoggerProvider;
  /**
   * `false` for metrics-only mode: no spans, and reasoning and tool calls run without a
   * context switch. Runs still carry their request id in the context. Default `true`.
   */
  readonly tracing?: boolean;
  /** Model prices (USD per million tokens) added to or overriding the shipped table, keyed by model name. */
  readonly pricing?: Readonly<Record<string, ModelPrice>>;
  readonly sentiment?: SentimentOptions;
  readonly thoughts?: ThoughtOptions;
  readonly limits?: LimitOptions;
  /** Guards consulted before every reasoning and tool call. */
  readonly guard?: Guard | readonly Guard[];
  /** Wall clock in ms since the epoch; `Date.now` by default. */
  readonly clock?: () => number;
  /** Request id generator; `crypto.randomUUID` by default. */
  readonly generateRequestId?: () => string;
}

/** The vitals API: records what an agent does as OpenTelemetry metrics, spans and logs. */
export interface Vitals {
  readonly agentName: string;
  /** The typed event stream that guards and other subscribers listen to. */
  readonly events: EventSource<VitalsEvent>;

  /** A run (one request handled): `invoke_agent` span, `agent.runs`, `agent.run.duration`. */
  run<T>(fn: () => T, options?: RunOptions): T;
  /** A reasoning (model) call: `chat` span, `agent.reasoning.duration`, and usage if the result carries it. */
  reasoning<T>(fn: () => T, options?: ReasoningOptions): T;
  /** Wraps a tool function; the wrapper has the same signature, `this` and sync/async behaviour. */
  tool<F extends (...args: any[]) => any>(name: string, fn: F, options?: ToolOptions<F>): F;
  /** Calls `fn` once as the tool `name` with `thisArg` and `args`: the one-shot form of `tool()`. */
  callTool<F extends (...args: any[]) => any>(
    name: string,
    fn: F,
    thisArg: unknown,
    args: Parameters<F>,
    options?: ToolOptions<F>,
  ): ReturnType<F>;
  /** Token usage of a model call: `gen_ai.client.token.usage` and `agent.cost`. */
  usage(usage: UsageInput): void;
  /** An action taken: `agent.actions` and `agent.tokens_per_action`. */
  action(): void;
  /** Customer sentiment: a score in -1..1, or text for the analyzer. */
  sentiment(scoreOrText: number | string): void;
  /** The agent loop is alive: `agent.heartbeat.timestamp`. */
  heartbeat(): void;
  /** A chain-of-thought log record, redacted and truncated; the function form is evaluated only when recorded. */
  thought(text: string | (() => string)): void;
  /** Opens an escalation: `agent.escalations`, `agent.escalation.backlog`. */
  escalate(reason: string): Escalation;
  /** Resolves the oldest open escalation with this reason; false when there is none. */
  resolveEscalation(reason: string): boolean;
  /** Reports a queue's depth through `read` at every collection: `agent.queue.depth`. */
  queueDepth(queueName: string, read: () => number): Disposable;
  /** Attaches a guard (once per guard). */
  use(guard: Guard): Disposable;
  /** The request id of the current run, if inside one. */
  currentRequestId(): string | undefined;
}
