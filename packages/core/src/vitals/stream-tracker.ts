import { diag } from '@opentelemetry/api';
import type { ExtractedUsage } from '../usage/extract-usage.js';
import { extractUsage } from '../usage/extract-usage.js';
import { createUsageAccumulator } from '../usage/stream-usage.js';

export const streamLogger = diag.createComponentLogger({ namespace: '@agentvitals/core/streams' });

/** How a stream ended: finished (no fields), failed (`error`), or abandoned by its consumer. */
export interface StreamEnd {
  readonly error?: unknown;
  readonly abandoned?: boolean;
  /** Usage read from the chunks seen (or from a final message), if any carried it. */
  readonly usage?: ExtractedUsage;
}

/** Tracks one stream: accumulates usage and reports its end exactly once. */
export class StreamTracker {
  readonly #usage = createUsageAccumulator();
  #ended = false;
  /** The consumer iterates: its iterator ends the call. */
  #iterated = false;
  readonly #onEnd: (end: StreamEnd) => void;

  constructor(onEnd: (end: StreamEnd) => void) {
    this.#onEnd = onEnd;
  }

  add(chunk: unknown): void {
    if (!this.#ended) this.#usage.add(chunk);
  }

  end(end: { error?: unknown; abandoned?: boolean; usage?: ExtractedUsage }): void {
    if (this.#ended) return;
    this.#ended = true;
    const usage = end.usage ?? this.#usage.usage;
    const report: StreamEnd = { ...end, ...(usage !== undefined ? { usage } : {}) };
    try {
      this.#onEnd(report);
    } catch (error) {
      streamLogger.error('recording the end of a stream failed; the stream itself was not affected', error);
    }
  }

  /** An iterator yielding exactly what `inner` yields, reporting the end. */
  iterator<T>(inner: AsyncIterator<T>): AsyncIterableIterator<T> {
    this.#iterated = true;
    const next = (result: Promise<IteratorResult<T>> | IteratorResult<T>) =>
      Promise.resolve(result).then(
        (step) => {
          if (step?.done) this.end({});
          else this.add(step?.value);
          return step;
        },
        (error: unknown) => {
          this.end({ error });
          throw error;
        },
      );
    const call = (method: () => Promise<IteratorResult<T>> | IteratorResult<T>) => {
      try {
        return next(method());
      } catch (error) {
        this.end({ error });
        throw error;
      }
    };
    const wrapped: AsyncIterableIterator<T> = {
      next: (...args: [] | [unknown]) => call(() => inner.next(...args)),
      return: (value?: any) => {
        this.end({ abandoned: true });
        if (typeof inner.return !== 'function') return Promise.resolve({ done: true, value });
        return Promise.resolve(inner.return(value));
      },
      throw: (error?: unknown) => {
        this.end({ error });
        if (typeof inner.throw !== 'function') return Promise.reject(error);
        return Promise.resolve(inner.throw(error));
      },
      [Symbol.asyncIterator]() {
        return wrapped;
      },
    };
    return wrapped;
  }

  /** A reader proxy: `read()` observed, `cancel()` is an end, `releaseLock()` is not. */
  reader(inner: ReadableStreamDefaultReader<unknown>): ReadableStreamDefaultReader<unknown> {
    const read = () =>
      inner.read().then(
        (step) => {
          if (step.done) this.end({});
          else this.add(step.value);
          return step;
        },
        (error: unknown) => {
          this.end({ error });
          throw error;
        },
      );
    const cancel = (reason?: unknown) => {
      this.end({ abandoned: true });
      return inner.cancel(reason);
    };
    return standIn(inner, { read, cancel });
  }

  /**
   * Hooks a final-result method (`finalMessage()` …): its settlement ends the stream. Without
   * `finalResponse`, the method resolves to the final response, which gives the usage. With it
   * (`finalText()`, `done()`, OpenAI's `finalMessage()`), the helper has consumed the stream
   * itself, so no chunk passed the stand-in: `finalResponse` (`finalChatCompletion` …) is
   * called alongside and its response gives the usage (else the chunks seen, if any).
   */
  finalMethod(
    method: (...args: unknown[]) => unknown,
    target: object,
    finalResponse?: (...args: unknown[]) => unknown,
  ) {
    return (...args: unknown[]) => {
      const response = finalResponse === undefined ? undefined : this.#usageFrom(finalResponse, target);
      const result = method.apply(target, args);
      if (result !== null && typeof (result as PromiseLike<unknown>)?.then === 'function') {
        (result as PromiseLike<unknown>).then(
          (value) => {
            const own = () => extractUsage(value);
            if (response === undefined) this.end({ usage: own() });
            else if (response.settled) this.end({ usage: response.value ?? own() });
            // `done()` settles a few microtasks before the response it waits for: end once that
            // is there, or at the next task at the latest, whatever the helper does.
            else {
              const end = () => this.end({ usage: response.value ?? own() });
              response.pending.then(end);
              setTimeout(end, 0);
            }
          },
          (error: unknown) => this.end({ error }),
        );
      }
      return result;
    };
  }

  /**
   * A helper's 'end' event, which it emits after a success, a failure or an abort alike: unless
   * the consumer iterates (its iterator ends the call), ends with the usage of the response
   * `finalResponse` resolves to, or with the error it rejects with (abandoned if the helper
   * was aborted).
   */
  helperEnded(finalResponse: (...args: unknown[]) => unknown, target: object): void {
    if (this.#ended || this.#iterated) return;
    try {
      const response = finalResponse.call(target);
      if (response === null || typeof (response as PromiseLike<unknown>)?.then !== 'function') {
        this.end({});
        return;
      }
      (response as PromiseLike<unknown>).then(
        (value) => this.end({ usage: extractUsage(value) }),
        (error: unknown) => this.end(isAborted(target) ? { abandoned: true } : { error }),
      );
    } catch {
      this.end({});
    }
  }

  /** The usage of the response `finalResponse` resolves to, read once it settles; a rejection gives none. */
  #usageFrom(finalResponse: (...args: unknown[]) => unknown, target: object) {
    try {
      const response = finalResponse.call(target);
      if (response === null || typeof (response as PromiseLike<unknown>)?.then !== 'function')
        return undefined;
      const usage: { settled: boolean; value?: ExtractedUsage; pending: PromiseLike<void> } = {
        settled: false,
        pending: Promise.resolve(),
      };
      usage.pending = (response as PromiseLike<unknown>).then(
        (value) => {
          usage.settled = true;
          usage.value = extractUsage(value);
        },
        () => {
          usage.settled = true;
        },
      );
      return usage;
    } catch {
      return undefined;
    }
  }
}

/** True when a helper says it was aborted (its `aborted` getter). */
function isAborted(target: object): boolean {
  try {
    return (target as { aborted?: unknown }).aborted === true;
  } catch {
    return false;
  }
}

/**
 * A Proxy over `target` with `overrides` in place of some members. Every other method runs
 * with the original target as `this` (so `#private` fields and internal slots keep working)
 * and is cached, so a member read twice is the same function. A method that returns the
 * target itself (a chainable `stream.on('text', ...)`) returns the stand-in instead, so what
 * is called on the chain stays observed. Non-configurable, non-writable own properties are
 * returned as they are (the Proxy invariants require it).
 */
export function standIn<T extends object>(target: T, overrides: Readonly<Record<PropertyKey, unknown>>): T {
  const bound = new Map<PropertyKey, { original: Function; bound: Function }>();
  const proxy: T = new Proxy(target, {
    get(object, property) {
      const own = Object.getOwnPropertyDescriptor(object, property);
      if (own && !own.configurable && !own.writable && !own.get && !own.set) return own.value;
      if (Object.hasOwn(overrides, property)) return overrides[property];
      const value = Reflect.get(object, property, object);
      if (typeof value !== 'function') return value;
      const cached = bound.get(property);
      if (cached?.original === value) return cached.bound;
      const boundMethod = function (this: unknown, ...args: unknown[]) {
        const result = Reflect.apply(value, object, args);
        return result === object ? proxy : result;
      };
      bound.set(property, { original: value, bound: boundMethod });
      return boundMethod;
    },
    set: (object, property, value) => Reflect.set(object, property, value, object),
  });
  return proxy;
}
