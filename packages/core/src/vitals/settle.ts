import { isThenable, observeThenable } from './thenable.js';

/**
 * Observes a call's outcome without changing it. A thenable result is returned as is
 * (the same object, so SDK promise subclasses keep their extra methods); `onValue` and
 * `onError` run when it settles (see `observeThenable`). A plain value is observed at once.
 */
export function observe<T>(
  result: T,
  onValue: (value: unknown) => void,
  onError: (error: unknown) => void,
): T {
  if (isThenable(result)) observeThenable(result, onValue, onError);
  else onValue(result);
  return result;
}

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor;

/** True for an `async function` (whose callers expect a rejected promise, never a throw). */
export function isAsyncFunction(fn: unknown): boolean {
  return typeof fn === 'function' && fn instanceof AsyncFunction;
}

/**
 * Refuses a call the way the function would fail: a rejected promise for an async
 * function (or when the caller said it expects a promise), a synchronous throw otherwise.
 */
export function refuse(fn: unknown, error: Error, returnsPromise = false): never {
  if (returnsPromise || isAsyncFunction(fn)) return Promise.reject(error) as never;
  throw error;
}
