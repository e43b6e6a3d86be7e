import { type SettleSignal, settleSignal } from './settle-signal.js';

type AnyRecord = Record<string, any>;
type Callback = ((...args: any[]) => unknown) | undefined;

/** Calls the caller's callback first (its result and errors are the framework's), then ours. */
function chain(theirs: Callback, ours: (...args: any[]) => void): (...args: any[]) => unknown {
  if (typeof theirs !== 'function') return ours;
  return async (...args: any[]) => {
    try {
      return await theirs(...args);
    } finally {
      ours(...args);
    }
  };
}

/** An error for a streamed run its caller aborted. */
function abortError(event: unknown): Error {
  const reason = (event as AnyRecord | undefined)?.reason ?? (event as AnyRecord | undefined)?.error;
  if (reason instanceof Error) return reason;
  const error = new Error('the stream was aborted');
  error.name = 'AbortError';
  return error;
}

/**
 * Stream options with `onFinish`, `onError` and `onAbort` chained after the caller's, and a
 * signal that settles when the first of them fires: Mastra calls one of them when a stream
 * is done, fails or is aborted (its result promises never settle after a failure).
 */
export function withStreamEnd<O>(streamOptions: O): { options: O; ended: SettleSignal } {
  const ended = settleSignal();
  const given = (
    typeof streamOptions === 'object' && streamOptions !== null ? streamOptions : {}
  ) as AnyRecord;
  const options = {
    ...given,
    onFinish: chain(given.onFinish, () => ended.resolve()),
    onError: chain(given.onError, (event: AnyRecord | undefined) => ended.reject(event?.error ?? event)),
    onAbort: chain(given.onAbort, (event: unknown) => ended.reject(abortError(event))),
  };
  return { options: options as O, ended };
}
