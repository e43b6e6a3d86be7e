import { type Context, context } from '@opentelemetry/api';
import type { ExtractedUsage } from '../usage/extract-usage.js';
import type { Vitals } from '../vitals/types.js';

/**
 * A call recorded through the public vitals API whose start and end arrive from different
 * framework callbacks: the vitals call runs around a promise settled later by `end()` or `fail()`.
 */
export interface OpenCall {
  /** The OpenTelemetry context inside the call (its span is the active one): the parent of nested calls. */
  readonly context: Context;
  end(result?: unknown): void;
  fail(error: unknown): void;
}

type Settle = (fulfilled: boolean, valueOrError: unknown) => void;

/**
 * The outcome of an open call, as a thenable that `end()` and `fail()` settle: the callbacks it
 * was given run synchronously, inside `end()` or `fail()`, so the vitals call that observes it
 * is recorded (its span ended, its metrics counted) before they return. A promise would report
 * one job later, after the framework's own code had resumed.
 */
function pendingOutcome(): { readonly thenable: PromiseLike<unknown>; readonly settle: Settle } {
  let outcome: { readonly fulfilled: boolean; readonly valueOrError: unknown } | undefined;
  const waiting: Settle[] = [];
  const thenable: PromiseLike<unknown> = {
    // biome-ignore lint/suspicious/noThenProperty: a thenable on purpose, observed by the vitals call
    then(onFulfilled, onRejected) {
      return new Promise((resolve, reject) => {
        const deliver: Settle = (fulfilled, valueOrError) => {
          const handler = fulfilled ? onFulfilled : onRejected;
          try {
            if (typeof handler === 'function') resolve(handler(valueOrError as never));
            else if (fulfilled) resolve(valueOrError as never);
            else reject(valueOrError);
          } catch (error) {
            reject(error);
          }
        };
        if (outcome) deliver(outcome.fulfilled, outcome.valueOrError);
        else waiting.push(deliver);
      });
    },
  };
  const settle: Settle = (fulfilled, valueOrError) => {
    if (outcome) return;
    outcome = { fulfilled, valueOrError };
    for (const deliver of waiting.splice(0)) deliver(fulfilled, valueOrError);
  };
  return { thenable, settle };
}

/** A refused call: the guard's error, to be thrown where the framework expects a failing call. */
export interface Refused {
  readonly refused: true;
  readonly error: unknown;
}

function open(start: (fn: () => Promise<unknown>) => unknown, parent: Context): OpenCall | Promise<Refused> {
  const pending = pendingOutcome();
  let inside: Context | undefined;
  const outcome = context.with(parent, () =>
    start(() => {
      inside = context.active();
      return pending.thenable as Promise<unknown>;
    }),
  ) as Promise<unknown>;
  if (inside === undefined) {
    // A guard stopped the call before it ran: the vitals call rejected with the guard's error.
    return Promise.resolve(outcome).then(
      () => ({ refused: true, error: new Error('the call was refused') }) as Refused,
      (error: unknown) => ({ refused: true, error }) as Refused,
    );
  }
  // The outcome is recorded by vitals; the framework receives the real result or error itself.
  // Its first `then`, called now, hands the vitals call's callbacks to the pending outcome, so
  // that even an `end()` right after opening is recorded before it returns.
  try {
    outcome.then(undefined, () => undefined);
  } catch {
    // Not a thenable: nothing to observe.
  }
  let settled = false;
  return {
    context: inside,
    end(result) {
      if (settled) return;
      settled = true;
      pending.settle(true, result);
    },
    fail(error) {
      if (settled) return;
      settled = true;
      pending.settle(false, error);
    },
  };
}

/** Opens a run (`vitals.run`): never refused. */
export function openRun(vitals: Vitals, parent: Context, requestId?: string): OpenCall {
  return open(
    (fn) => vitals.run(fn, requestId === undefined ? undefined : { requestId }),
    parent,
  ) as OpenCall;
}

export interface ReasoningCallOptions {
  readonly model?: string;
  readonly provider?: string;
  /** Reads usage (and the response's model) from what `end()` is given. */
  readonly usage: (result: unknown) => ExtractedUsage | undefined;
}

/** Opens a reasoning call (`vitals.reasoning`); resolves to `Refused` when a guard stops it. */
export function openReasoning(
  vitals: Vitals,
  parent: Context,
  options: ReasoningCallOptions,
): OpenCall | Promise<Refused> {
  return open(
    (fn) =>
      vitals.reasoning(fn, {
        ...(options.model !== undefined ? { model: options.model } : {}),
        ...(options.provider !== undefined ? { provider: options.provider } : {}),
        extractUsage: options.usage,
        returnsPromise: true,
      }),
    parent,
  );
}

/** Opens a tool call (`vitals.callTool` with `input` as its one argument); `Refused` when a guard stops it. */
export function openTool(
  vitals: Vitals,
  parent: Context,
  toolName: string,
  input: unknown,
): OpenCall | Promise<Refused> {
  return open(
    (fn) =>
      vitals.callTool(toolName, (_input: unknown) => fn(), undefined, [input], { returnsPromise: true }),
    parent,
  );
}

export function isRefused(value: unknown): value is Refused {
  return typeof value === 'object' && value !== null && (value as Refused).refused === true;
}
