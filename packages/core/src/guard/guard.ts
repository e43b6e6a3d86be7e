import type { Disposable } from '../events/disposable.js';
import type { EventSource } from '../events/event-stream.js';
import type { GuardEvent, VitalsEvent } from '../events/vitals-event.js';

/** What is about to run, as a guard sees it. */
export type GuardRequest =
  | {
      readonly kind: 'reasoning';
      readonly agentName: string;
      readonly requestId?: string;
      readonly model: string;
      readonly provider: string;
    }
  | {
      readonly kind: 'tool';
      readonly agentName: string;
      readonly requestId?: string;
      readonly toolName: string;
      /** The arguments the tool would be called with. Read-only. */
      readonly args: readonly unknown[];
    };

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
 * `check` must be fast, synchronous and must not throw (a throwing guard is treated as
 * `allow` and logged). `attach` is called once per vitals instance the guard is used
 * with; the returned disposable detaches it.
 */
export interface Guard {
  check(request: GuardRequest): GuardDecision;
  attach(host: GuardHost): Disposable;
}
