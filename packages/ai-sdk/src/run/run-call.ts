import type { Vitals } from '@agentvitals/core';
import { withRunScope } from '../scope/run-scope.js';

type AnyRecord = Record<string, any>;

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  (typeof value === 'object' || typeof value === 'function') &&
  value !== null &&
  typeof (value as AnyRecord).then === 'function';

/**
 * A streamed result whose end can be awaited: the AI SDK's `StreamTextResult` (`totalUsage`
 * settles when the stream is done, fails or is aborted; the SDK drives the stream to its end
 * even when no one reads it).
 */
function streamEnd(value: unknown): PromiseLike<unknown> | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const ending = (value as AnyRecord).totalUsage;
  return isThenable(ending) ? ending : undefined;
}

/** A native promise of the base class: handing back another one loses no method. */
const isPlainPromise = (value: unknown): value is Promise<unknown> =>
  value instanceof Promise && Object.getPrototypeOf(value) === Promise.prototype;

/**
 * Runs `call` as one agent run and returns its result: the same object, or for a plain promise
 * one that settles the same way once the run is recorded. The run ends when the result is
 * settled: a promise when it settles, a streamed result when its stream is done, fails or is
 * aborted (a promise of a streamed result, as `ToolLoopAgent.stream()` returns, likewise,
 * while the caller gets the streamed result at once). A model stream of the run that failed
 * or carried an error part makes the run an error.
 *
 * A plain promise is not handed back as it is: the run's end is observed on a promise derived
 * from it, one job later than the caller's own `await` would resume, so the caller could read
 * its vitals before the run is in them. A promise subclass (with methods of its own) is handed
 * back as it is.
 */
export function runCall<T>(vitals: Vitals, call: () => T, endOf = streamEnd): T {
  let result!: T;
  let settleCaller: ((value: unknown) => void) | undefined;
  const ended = vitals.run(() => {
    const scoped = withRunScope(() => {
      result = call();
      return result;
    });
    const failedWith = () => {
      const failure = scoped.failure();
      if (failure) throw failure.error;
    };
    const endOfValue = (value: unknown): unknown => {
      const end = endOf(value);
      if (end === undefined) return value;
      // A streamed result: the caller reads it now; the run goes on until its stream ends.
      settleCaller?.(value);
      return Promise.resolve(end).then(failedWith);
    };
    return isThenable(result) ? Promise.resolve(result).then(endOfValue) : endOfValue(result);
  });
  if (!isThenable(ended)) return result;
  const settledRun = Promise.resolve(ended);
  if (!isPlainPromise(result)) {
    settledRun.then(undefined, () => {});
    return result;
  }
  const original = result;
  return new Promise((resolve, reject) => {
    settleCaller = resolve;
    // Reactions run in the order they were added: the run has ended before these run.
    settledRun.then(
      () => original.then(resolve, reject),
      () => original.then(resolve, reject),
    );
  }) as T;
}
