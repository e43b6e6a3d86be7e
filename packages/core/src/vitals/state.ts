import type { Attributes, Logger, SpanOptions, Tracer } from '@opentelemetry/api';
import type { EventStream } from '../events/event-stream.js';
import type { VitalsEvent } from '../events/vitals-event.js';
import type { Guard } from '../guard/guard.js';
import type { NameLimiter } from '../limits/name-limiter.js';
import type { ModelPrice, Pricing } from '../pricing/pricing.js';
import type { ToolOutcome } from '../semconv/values.js';
import type { Instruments } from './instruments.js';
import { runStateOf } from './run-context.js';

/** Span and metric attributes of one tool series (one bounded label), built once. */
export interface ToolSeries {
  readonly label: string;
  readonly spanName: string;
  /** One literal, not frozen (the SDK copies a frozen object's attributes slower); never changed. */
  readonly spanAttributes: Attributes;
  /** The options of its span outside a run (kind and `spanAttributes`), frozen. */
  readonly spanOptions: SpanOptions;
  readonly outcomes: Readonly<Record<ToolOutcome, Attributes>>;
}

/** `gen_ai.client.token.usage` (input, output) and `agent.cost` attribute sets of one model, provider and operation. */
export interface UsageSeries {
  readonly input: Attributes;
  readonly output: Attributes;
  readonly cost: Attributes;
}

/** The span and `agent.reasoning.duration` attributes of one bounded model and provider. */
export interface ReasoningSeries {
  /** Outside a run; a model or provider that is unknown is left out. One literal, not frozen; never changed. */
  readonly span: Attributes;
  readonly duration: Attributes;
}

/** The model and provider a model call asked for, bounded, with its span name and attribute sets. */
export interface RequestedModel {
  readonly model: string;
  readonly provider: string;
  /** The model option as given: what pricing looks up. */
  readonly rawModel: string | undefined;
  /** `chat {model}`, or `chat` for an unknown model. */
  readonly spanName: string;
  /** The span's options outside a run: kind and attributes. */
  readonly spanOptions: SpanOptions;
  readonly series: ReasoningSeries;
  /** `gen_ai.client.token.usage` and `agent.cost` attribute sets of the `chat` operation. */
  readonly chatSeries: UsageSeries;
  /** The price of `rawModel`, if it has one. */
  readonly price: ModelPrice | undefined;
}

/** A tool name resolved once: its canonical form (what guards and events see) and its series. */
export interface ResolvedTool {
  readonly name: string;
  readonly series: ToolSeries;
}

/**
 * What the parts of one vitals instance share. Built once by `createVitals`; a per-agent view
 * (`wrap(agent, { name, guard })`) shares everything but its name, attribute sets, guards and
 * event stream.
 */
export interface VitalsState {
  readonly agentName: string;
  /** `{ 'gen_ai.agent.name': agentName }`, shared and frozen. */
  readonly agentAttributes: Attributes;
  /** `agent.runs` attributes per outcome, shared and frozen. */
  readonly runAttributes: { readonly success: Attributes; readonly error: Attributes };
  readonly instruments: Instruments;
  readonly tracer: Tracer;
  /**
   * Set when nothing records (no SDK registered): true while that still holds. Calls with no
   * guard and no event listener then skip the pipeline entirely.
   */
  readonly dormant: (() => boolean) | undefined;
  /** False in metrics-only mode: no spans, no context switch for reasoning and tool calls. */
  readonly tracing: boolean;
  readonly logger: Logger;
  readonly events: EventStream<VitalsEvent>;
  readonly clock: () => number;
  /** Guards attached to this instance (or view) with `use()`. */
  readonly guards: Guard[];
  /**
   * Every list of guards consulted, in order: a view's are its instance's (live), then its own;
   * an instance's is `[guards]`.
   */
  readonly guardLists: readonly (readonly Guard[])[];
  /** The last call id handed out; shared by an instance and its views. */
  readonly calls: { last: number };
  readonly toolNames: NameLimiter;
  readonly models: NameLimiter;
  readonly providers: NameLimiter;
  readonly otherValues: NameLimiter;
  readonly pricing: Pricing;
  /** Token count since the last action, for work done outside any run. */
  readonly outsideRun: { tokensSinceAction: number };
  /** Tool series per bounded tool name, built on first use. */
  readonly toolSeries: Map<string, ToolSeries>;
  /** Tool names as given → canonical name and series, for the names seen most (bounded). */
  readonly resolvedTools: Map<string, ResolvedTool>;
  /** Span and `agent.reasoning.duration` attribute sets per bounded model, then provider. */
  readonly reasoningAttributes: Map<string, Map<string, ReasoningSeries>>;
  /** Model and provider options as given (strings or undefined) → what they resolve to (bounded). */
  readonly requestedModels: Map<string | undefined, Map<string | undefined, RequestedModel>>;
  /** `gen_ai.client.token.usage` and `agent.cost` attribute sets per bounded model, provider and operation. */
  readonly usageSeries: Map<string, Map<string, Map<string, UsageSeries>>>;
  /** Models already warned about having no price (at most ~1,000 remembered). */
  readonly unpricedModels: Set<string>;
}

/** The current run's request id, if inside a run. */
export function currentRequestId(): string | undefined {
  return runStateOf()?.requestId;
}
