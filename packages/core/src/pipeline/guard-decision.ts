import { CircuitOpenError } from '../errors/circuit-open-error.js';
import { PolicyDeniedError } from '../errors/policy-denied-error.js';
import type { Guard, GuardRequest } from '../guard/guard.js';
import { vitalsLogger } from '../vitals/numbers.js';
import type { VitalsState } from '../vitals/state.js';

/** A refused call: `deny` (a policy) or `block` (an open breaker), with what the caller receives. */
export interface Refusal {
  readonly action: 'deny' | 'block';
  readonly error: Error;
  readonly reason: string;
}

/** The name of what threw, never its message (a message can carry anything). */
function nameOf(error: unknown): string {
  try {
    if (error instanceof Error && typeof error.name === 'string') return error.name.slice(0, 64);
  } catch {
    // An exotic error object: described generically below.
  }
  return typeof error;
}

/** The refusal of a call that no guard could decide on: denied, saying why (fail closed). */
export function undecided(state: VitalsState, request: GuardRequest | undefined, why: string): Refusal {
  const reason = `a guard could not decide (${why}); the call is denied`;
  vitalsLogger.warn(reason);
  return {
    action: 'deny',
    reason,
    error: new PolicyDeniedError(reason, {
      agentName: state.agentName,
      toolName: request?.kind === 'tool' ? request.toolName : '',
      rule: 'guard-undecided',
    }),
  };
}

/**
 * A guard's verdict as applied, or `undefined` for `allow`. `deny` and `block` stop the call
 * with the guard's error (a branded one when it gave none). Anything else, including a
 * verdict whose fields throw when read, is a guard that cannot decide: the call is denied.
 */
function applyVerdict(state: VitalsState, request: GuardRequest, verdict: unknown): Refusal | undefined {
  let action: unknown;
  let error: unknown;
  let reason: unknown;
  try {
    if (verdict === null || typeof verdict !== 'object') {
      return undecided(state, request, `check() returned ${verdict === null ? 'null' : typeof verdict}`);
    }
    action = (verdict as { action?: unknown }).action;
    if (action === 'allow') return undefined;
    if (action !== 'deny' && action !== 'block') {
      const shown = typeof action === 'string' ? `'${action.slice(0, 32)}'` : typeof action;
      return undecided(state, request, `unknown verdict ${shown}`);
    }
    error = (verdict as { error?: unknown }).error;
    reason = (verdict as { reason?: unknown }).reason;
    if (!(error instanceof Error)) error = undefined;
  } catch (thrown) {
    return undecided(state, request, `reading its verdict threw ${nameOf(thrown)}`);
  }
  const why = typeof reason === 'string' && reason !== '' ? reason : `${action} by a guard`;
  if (error instanceof Error) return { action, error, reason: why };
  vitalsLogger.warn(`a guard's '${action}' verdict carries no Error; a branded one is thrown`);
  const made =
    action === 'deny'
      ? new PolicyDeniedError(why, {
          agentName: state.agentName,
          toolName: request.kind === 'tool' ? request.toolName : '',
          rule: why,
        })
      : new CircuitOpenError(why, { breakerName: 'guard', agentName: state.agentName });
  return { action, error: made, reason: why };
}

/** Tells the guards that had allowed a call that another refused it, so they hand back what they reserved. */
function cancelAllowed(allowed: readonly Guard[], request: GuardRequest): void {
  for (const guard of allowed) {
    try {
      const cancel = guard.cancel;
      if (typeof cancel === 'function') cancel.call(guard, request);
    } catch (error) {
      vitalsLogger.warn(`a guard threw in cancel(); ignored (${nameOf(error)})`);
    }
  }
}

function ask(state: VitalsState, guard: Guard, request: GuardRequest): Refusal | undefined {
  let verdict: unknown;
  try {
    verdict = guard.check(request);
  } catch (error) {
    return undecided(state, request, `check() threw ${nameOf(error)}`);
  }
  return applyVerdict(state, request, verdict);
}

/**
 * Asks every guard in turn (those of the vitals instance, then the agent's own); the first
 * refusal wins, and the guards that had allowed the call are told with `cancel`. A guard that
 * throws or answers something that is not a verdict refuses the call (fail closed).
 */
export function decide(state: VitalsState, request: GuardRequest): Refusal | undefined {
  let allowed: Guard[] | undefined;
  for (const list of state.guardLists) {
    for (let i = 0; i < list.length; i++) {
      const guard = list[i]!;
      const refusal = ask(state, guard, request);
      if (refusal === undefined) {
        if (allowed === undefined) allowed = [guard];
        else allowed.push(guard);
        continue;
      }
      if (allowed !== undefined) cancelAllowed(allowed, request);
      return refusal;
    }
  }
  return undefined;
}

/** True when any guard is attached (the pipeline skips building a request otherwise). */
export function hasGuards(state: VitalsState): boolean {
  const lists = state.guardLists;
  for (let i = 0; i < lists.length; i++) if (lists[i]!.length > 0) return true;
  return false;
}

/**
 * True when a call can skip the pipeline: nothing records it (no SDK registered), no guard
 * decides on it and nobody listens to its events.
 */
export function unobserved(state: VitalsState): boolean {
  const dormant = state.dormant;
  return dormant !== undefined && !state.events.active && !hasGuards(state) && dormant();
}
