import type { Disposable } from '../events/disposable.js';
import type { EventSource } from '../events/event-stream.js';
import type { GuardEvent, VitalsEvent } from '../events/vitals-event.js';

/** Fields of every guard request. */
interface GuardRequestBase {
  readonly agentName: string;
  readonly requestId?: string;
  /**
   * Identifies this call within its vitals instance. The `reasoning.start`/`reasoning.end`,
   * `tool.start`/`tool.end` and `guard.deny` events of the same call carry the same id, so a
   * guard can settle what it reserved at `check` time (a cost reservation, a breaker trial).
   */
  readonly callId?: number;
}

/** What is about to run, as a guard sees it. */
export type GuardRequest =
  | (GuardRequestBase & {
      readonly kind: 'reasoning';
      readonly model: string;
      readonly provider: string;
      /** The request's output-token limit, when the caller gave one (for cost estimates). */
      readonly maxOutputTokens?: number;
    })
  | (GuardRequestBase & {
      readonly kind: 'tool';
      /**
       * The tool's real name, canonicalised (see `canonicalToolName`): never the bounded
       * label used for recording, never `_overflow`.
       */
      readonly toolName: string;
      /** The arguments the tool would be called with. Read-only. */
      readonly args: readonly unknown[];
      /**
       * The arguments as the tool will receive them, decoded (see `decodeToolInput`): a JSON
       * string of an OpenAI tool call parsed, one argument object as is, several positional
       * arguments as an array.
       */
      readonly input?: unknown;
      /**
       * True when this tool call was made from inside another tool call. Through `wrap()` such
       * a call is decided on like any other but recorded as the outer call: unless it is
       * refused, it has no `tool.start`/`tool.end` of its own, so a guard should hold nothing
       * for it (the outer call holds a breaker's trial or a reservation).
       */
      readonly nested?: boolean;
    });

/**
 * A guard's verdict. `allow` lets the call run. `deny` (a policy) and `block` (an open
 * breaker) stop it before any work: the caller receives `error`, and a tool call is
 * counted with outcome `denied` or `blocked`.
 */
export type GuardDecision =
  | { readonly action: 'allow' }
  | { readonly action: 'deny'; readonly error: Error; readonly reason: string }
  | { readonly action: 'block'; readonly error: Error; readonly reason: string };

export const ALLOW: GuardDecision = Object.freeze({ action: 'allow' });

/** What a vitals instance offers the guards attached to it. */
export interface GuardHost {
  readonly agentName: string;
  /** Every event the vitals instance emits. */
  readonly events: EventSource<VitalsEvent>;
  /** Publish an alert, breaker or deny event: the recorder turns it into metrics. */
  emit(event: GuardEvent): void;
  /** The vitals clock, ms since the epoch. */
  now(): number;
}

/**
 * The interface `wrap()` and the vitals API consult before every reasoning and tool
 * call. `@agentvitals/alerts` implements it with `createGuard()`.
 *
 * `check` must be fast, synchronous and must not throw: a guard that throws, or returns
 * something that is not a verdict, cannot decide, and the call is denied (fail closed) with
 * a reason that says so. `attach` is called once per vitals instance the guard is used
 * with; the returned disposable detaches it.
 *
 * With several guards, each is asked in turn and the first refusal wins. `cancel` is then
 * called on every guard that had already allowed the call, so that what it reserved for the
 * call (a cost reservation, a breaker's half-open trial) is handed back: a refused call
 * never takes a trial or a reservation.
 */
export interface Guard {
  check(request: GuardRequest): GuardDecision;
  attach(host: GuardHost): Disposable;
  /** The call `request` was allowed by this guard but refused by another; it will not run. */
  cancel?(request: GuardRequest): void;
}
