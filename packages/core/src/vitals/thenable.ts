import { vitalsLogger } from './numbers.js';

type Then = (onFulfilled?: unknown, onRejected?: unknown) => unknown;

/** True for a thenable (a Promise or any object with a callable `then`). */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/** Whether `value` is a thenable; a `then` getter that throws or a revoked Proxy make it a plain value. */
export function safelyThenable(value: unknown): boolean {
  try {
    return isThenable(value);
  } catch {
    return false;
  }
}

/**
 * Hooks the observer into the first `then` the caller makes: an own, non-enumerable `then`
 * shadows the original, removes itself when called, and calls the original once with
 * callbacks that report before passing the outcome on. False when the object cannot take it.
 */
function hookFirstThen(
  thenable: PromiseLike<unknown>,
  onValue: (value: unknown) => void,
  onError: (error: unknown) => void,
): boolean {
  if (!Object.isExtensible(thenable)) return false;
  const own = Object.getOwnPropertyDescriptor(thenable, 'then');
  if (own !== undefined && !own.configurable) return false;
  const originalThen = thenable.then as Then;
  const restore = () => {
    if (own !== undefined) Object.defineProperty(thenable, 'then', own);
    else delete (thenable as { then?: unknown }).then;
  };
  Object.defineProperty(thenable, 'then', {
    configurable: true,
    enumerable: false,
    writable: true,
    value: function observedThen(this: unknown, onFulfilled?: unknown, onRejected?: unknown) {
      restore();
      try {
        return originalThen.call(
          this,
          (value: unknown) => {
            onValue(value);
            return typeof onFulfilled === 'function' ? onFulfilled(value) : value;
          },
          (error: unknown) => {
            onError(error);
            if (typeof onRejected === 'function') return onRejected(error);
            throw error;
          },
        );
      } catch (error) {
        onError(error);
        throw error;
      }
    },
  });
  return true;
}

/**
 * Reports when a thenable settles, without settling it early or changing it:
 * - a native promise (SDK subclasses included) is observed at once with one more `then`;
 * - any other thenable may be lazy: query builders (Knex, Drizzle, Mongoose, Supabase) start
 *   their work in `then`, every time it is called, so observing it with a `then` of its own
 *   would run the query twice. The observer is hooked into the caller's first `then` instead
 *   (the call ends when the caller awaits it); the object stays the same object;
 * - a thenable that cannot be hooked (frozen) is reported at once as a plain value.
 * A `then` that throws is reported as an error; nothing here throws.
 */
export function observeThenable(
  thenable: PromiseLike<unknown>,
  onValue: (value: unknown) => void,
  onError: (error: unknown) => void,
): void {
  try {
    if (thenable instanceof Promise) {
      thenable.then(onValue, onError);
      return;
    }
    if (hookFirstThen(thenable, onValue, onError)) return;
  } catch (error) {
    onError(error);
    return;
  }
  vitalsLogger.warn('a frozen thenable that is not a Promise cannot be observed; recorded when returned');
  onValue(thenable);
}
