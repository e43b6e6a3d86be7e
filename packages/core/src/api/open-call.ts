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

interface Deferred {
  readonly promise: Promise<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

function deferred(): Deferred {
  let resolve!: (value: unknown) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<unknown>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A refused call: the guard's error, to be thrown where the framework expects a failing call. */
export interface Refused {
  readonly refused: true;
  readonly error: unknown;
}

function open(start: (fn: () => Promise<unknown>) => unknown, parent: Context): OpenCall | Promise<Refused> {
  const pending = deferred();
  let inside: Context | undefined;
  const outcome = context.with(parent, () =>
    start(() => {
      inside = context.active();
      return pending.promise;
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
  Promise.resolve(outcome).catch(() => undefined);
  let settled = false;
  return {
    context: inside,
    end(result) {
      if (settled) return;
      settled = true;
      pending.resolve(result);
    },
    fail(error) {
      if (settled) return;
      settled = true;
      pending.reject(error);
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
