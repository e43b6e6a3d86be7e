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

/**
 * Runs `call` as one agent run and returns its result untouched (the same object or promise).
 * The run ends when the result is settled: a promise when it settles, a streamed result when
 * its stream is done, fails or is aborted (a promise of a streamed result, as
 * `ToolLoopAgent.stream()` returns, likewise). A model stream of the run that failed or
 * carried an error part makes the run an error.
 */
export function runCall<T>(vitals: Vitals, call: () => T, endOf = streamEnd): T {
  let result!: T;
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
      return end === undefined ? value : Promise.resolve(end).then(failedWith);
    };
    return isThenable(result) ? Promise.resolve(result).then(endOfValue) : endOfValue(result);
  });
  if (isThenable(ended)) Promise.resolve(ended).then(undefined, () => {});
  return result;
}
