import { openRun, type Vitals } from '@agentvitals/core';
import { context } from '@opentelemetry/api';
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
 *
 * The run is opened with `openRun`, whose `end` records it at once, and its end is observed
 * with reactions added to the result before the caller can add its own: when the caller's
 * `await` resumes, the run is already recorded.
 */
export function runCall<T>(vitals: Vitals, call: () => T, endOf = streamEnd): T {
  const run = openRun(vitals, context.active());
  let scoped: ReturnType<typeof withRunScope<T>>;
  try {
    scoped = context.with(run.context, () => withRunScope(call));
  } catch (error) {
    run.fail(error);
    throw error;
  }
  const { result, failure } = scoped;
  const fail = (error: unknown) => run.fail(error);
  const endOfValue = (value: unknown) => {
    let end: PromiseLike<unknown> | undefined;
    try {
      end = endOf(value);
    } catch (error) {
      // The result could not be read: the run ends as failed, the caller still gets it.
      run.fail(error);
      return;
    }
    if (end === undefined) {
      run.end(value);
      return;
    }
    // `then` itself, not through `Promise.resolve`: a thenable that settles synchronously
    // (Mastra's stream end) ends the run before its settler goes on.
    try {
      end.then(() => {
        const failed = failure();
        if (failed) run.fail(failed.error);
        else run.end(value);
      }, fail);
    } catch (error) {
      run.fail(error);
    }
  };
  if (isThenable(result)) Promise.resolve(result).then(endOfValue, fail);
  else endOfValue(result);
  return result;
}
