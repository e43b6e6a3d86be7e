import { type StreamEnd, StreamTracker, standIn, streamLogger } from './stream-tracker.js';
import { observeThenable, safelyThenable } from './thenable.js';

export type { StreamEnd } from './stream-tracker.js';

type AnyRecord = Record<PropertyKey, any>;
type PipeOptions = Parameters<ReadableStream['pipeTo']>[1];

/** Methods of SDK stream helpers that resolve once the stream is done. */
const FINAL_METHODS = [
  'finalMessage',
  'finalChatCompletion',
  'finalResponse',
  'finalText',
  'finalContent',
  'done',
];

/**
 * The final-result methods that resolve to the final response with its usage, the first one a
 * helper has being it: OpenAI's chat helper also has a `finalMessage()`, whose message carries
 * no usage; Anthropic's `MessageStream` has only `finalMessage()`, the whole message.
 */
const FINAL_RESPONSE_METHODS = ['finalChatCompletion', 'finalResponse', 'finalMessage'];

/** True for a WHATWG ReadableStream (duck-typed, so polyfills and other realms count). */
export function isReadableStream(value: unknown): value is ReadableStream {
  if (typeof value !== 'object' || value === null) return false;
  const stream = value as AnyRecord;
  return typeof stream.getReader === 'function' && typeof stream.cancel === 'function' && 'locked' in stream;
}

/** True for an async iterable that is not a string or an array, or for a ReadableStream. */
export function isStream(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  try {
    if (Array.isArray(value)) return false;
    return isReadableStream(value) || typeof (value as AnyRecord)[Symbol.asyncIterator] === 'function';
  } catch {
    return false;
  }
}
type Overrides = Record<PropertyKey, unknown>;

/**
 * The members of a ReadableStream that read it, observed. Reading, iteration, piping and tee
 * go through an observed reader (iteration, piping and tee via an unbuffered, highWaterMark 0,
 * stream pulling from it). The original methods are captured first and called on the stream.
 */
function readableOverrides(stream: ReadableStream, tracker: StreamTracker): Overrides {
  const originalGetReader = stream.getReader as (options?: unknown) => ReadableStreamDefaultReader<unknown>;
  const originalCancel = stream.cancel as (reason?: unknown) => Promise<void>;
  const getReader = (options?: { mode?: string }) => {
    const reader = originalGetReader.call(stream, options);
    // A BYOB reader fills the caller's buffers; it passes through unobserved.
    return options?.mode === 'byob' ? reader : tracker.reader(reader);
  };
  const observed = (): ReadableStream => {
    const reader = tracker.reader(originalGetReader.call(stream));
    return new ReadableStream(
      {
        async pull(controller) {
          const step = await reader.read();
          if (step.done) {
            controller.close();
            reader.releaseLock();
          } else controller.enqueue(step.value);
        },
        cancel: (reason) => reader.cancel(reason),
      },
      { highWaterMark: 0 },
    );
  };
  const values = (options?: { preventCancel?: boolean }) => (observed() as AnyRecord).values(options);
  return {
    getReader,
    values,
    [Symbol.asyncIterator]: values,
    pipeTo: (destination: WritableStream, options?: PipeOptions) => observed().pipeTo(destination, options),
    pipeThrough: (transform: ReadableWritablePair<unknown, unknown>, options?: PipeOptions) =>
      observed().pipeThrough(transform, options),
    tee: () => observed().tee(),
    cancel: (reason?: unknown) => {
      tracker.end({ abandoned: true });
      return originalCancel.call(stream, reason);
    },
  };
}

/**
 * The members of an async iterable that read it, observed: `[Symbol.asyncIterator]`; for an
 * object that is its own iterator (an async generator) also `next`/`return`/`throw`; and the
 * final-result methods of SDK stream helpers. `self()` is what iterating the stand-in yields
 * when the iterable is its own iterator.
 */
function iterableOverrides(iterable: AnyRecord, tracker: StreamTracker, self: () => unknown): Overrides {
  const overrides: Overrides = {};
  const finalResponse = finalResponseOf(iterable);
  for (const name of FINAL_METHODS) {
    const method = iterable[name];
    if (typeof method !== 'function') continue;
    overrides[name] = tracker.finalMethod(
      method,
      iterable,
      method === finalResponse ? undefined : finalResponse,
    );
  }
  const withResponse = iterable.withResponse;
  if (typeof withResponse === 'function') {
    overrides.withResponse = (...args: unknown[]) =>
      dataAsStandIn(withResponse.apply(iterable, args), iterable, self);
  }
  const originalIterator = iterable[Symbol.asyncIterator] as () => AsyncIterator<unknown>;
  const { next, return: doReturn, throw: doThrow } = iterable as Partial<AsyncIterator<unknown>>;
  const isIterator = typeof next === 'function';
  let selfIterator: AsyncIterableIterator<unknown> | undefined;
  const observedSelf = () => {
    selfIterator ??= tracker.iterator({
      next: (...args: [] | [unknown]) => next!.apply(iterable, args),
      ...(typeof doReturn === 'function' ? { return: (value?: any) => doReturn.call(iterable, value) } : {}),
      ...(typeof doThrow === 'function' ? { throw: (error?: unknown) => doThrow.call(iterable, error) } : {}),
    });
    return selfIterator;
  };
  if (isIterator) {
    overrides.next = (...args: [] | [unknown]) => observedSelf().next(...args);
    overrides.return = (value?: unknown) => observedSelf().return!(value);
    overrides.throw = (error?: unknown) => observedSelf().throw!(error);
  }
  overrides[Symbol.asyncIterator] = () => {
    const inner = originalIterator.call(iterable);
    return isIterator && inner === iterable ? self() : tracker.iterator(inner);
  };
  return overrides;
}

/**
 * A stream helper's `withResponse()` (Anthropic's `MessageStream`) resolves to
 * `{ data: stream, response, ... }`: the `data` handed out is the stand-in, not the original,
 * so the stream read from it stays observed.
 */
function dataAsStandIn(result: unknown, iterable: object, self: () => unknown): unknown {
  // Only a native promise (what the SDK's async method returns) is replaced by a derived one.
  if (self() === iterable || !(result instanceof Promise)) return result;
  return result.then((value: unknown) =>
    typeof value === 'object' && value !== null && (value as AnyRecord).data === iterable
      ? { ...value, data: self() }
      : value,
  );
}

/** The helper's final-response method (`finalChatCompletion` …), if it has one. */
function finalResponseOf(iterable: AnyRecord): ((...args: unknown[]) => unknown) | undefined {
  const name = FINAL_RESPONSE_METHODS.find((candidate) => typeof iterable[candidate] === 'function');
  return name === undefined ? undefined : iterable[name];
}

/**
 * A helper that emits events (`stream.on('text', …)`) can be read through them alone, without
 * iterating it or awaiting a final method: its 'end' event then ends the call. Called once the
 * stream is observed, so an 'end' listener is never left on a stream that is not.
 */
function endWithHelperEvents(value: object, tracker: StreamTracker): void {
  try {
    if (isReadableStream(value)) return;
    const helper = value as AnyRecord;
    const on = helper.on;
    const finalResponse = finalResponseOf(helper);
    if (typeof on !== 'function' || finalResponse === undefined) return;
    on.call(helper, 'end', () => tracker.helperEnded(finalResponse, helper));
  } catch (error) {
    streamLogger.warn("could not listen to a stream helper's end; it ends only when read or awaited", error);
  }
}

function overridesFor(value: object, tracker: StreamTracker, self: () => unknown): Overrides {
  return isReadableStream(value)
    ? readableOverrides(value, tracker)
    : iterableOverrides(value as AnyRecord, tracker, self);
}

/** If value is a stream — an async iterable that is not a string/array (e.g. OpenAI's Stream, Anthropic's MessageStream, an async generator) or a WHATWG ReadableStream — returns a stand-in that yields the very same chunks, unbuffered, and calls onEnd exactly once when the consumer finishes, fails, or abandons it (return()/break, cancel(), releaseLock without finishing is NOT an end); otherwise returns undefined. */
export function instrumentStream<T>(value: T, onEnd: (end: StreamEnd) => void): T | undefined {
  return isStream(value) ? instrumentKnownStream(value, onEnd) : undefined;
}

/** `instrumentStream` for a value `isStream` has accepted already. */
function instrumentKnownStream<T>(value: T, onEnd: (end: StreamEnd) => void): T | undefined {
  try {
    let proxy: T | undefined;
    const tracker = new StreamTracker(onEnd);
    const overrides = overridesFor(value as object, tracker, () => proxy);
    proxy = standIn(value as T & object, overrides);
    endWithHelperEvents(value as object, tracker);
    return proxy;
  } catch (error) {
    streamLogger.warn('could not instrument a stream; it passes through unobserved', error);
    return undefined;
  }
}

/**
 * Observes a stream without replacing it: the reading members are defined on the stream
 * object itself (non-enumerable own properties shadowing its prototype's). For a stream the
 * caller receives from a promise, which cannot be swapped for a stand-in. False when
 * `value` is not a stream or cannot take the members (frozen, non-extensible, exotic).
 */
export function instrumentStreamInPlace(value: unknown, onEnd: (end: StreamEnd) => void): boolean {
  if (!isStream(value) || !Object.isExtensible(value)) return false;
  try {
    const tracker = new StreamTracker(onEnd);
    const overrides = overridesFor(value as object, tracker, () => value);
    const keys = Reflect.ownKeys(overrides);
    if (keys.some((key) => Object.getOwnPropertyDescriptor(value, key)?.configurable === false)) return false;
    for (const key of keys) {
      Object.defineProperty(value, key, {
        value: overrides[key],
        writable: true,
        configurable: true,
        enumerable: false,
      });
    }
    endWithHelperEvents(value as object, tracker);
    return true;
  } catch (error) {
    streamLogger.warn('could not instrument a stream; it passes through unobserved', error);
    return false;
  }
}

/** What `observeStreaming` reports: a plain value, an error, or the end of a stream. */
export interface StreamingHandlers {
  value(value: unknown): void;
  error(error: unknown): void;
  streamEnd(end: StreamEnd, stream: unknown): void;
}

/**
 * Observes a call's result without changing what the caller gets, ending at the right time
 * when the result is a stream:
 * - a stream is replaced by its stand-in (`instrumentStream`); its end is reported later;
 * - any other plain value is reported at once and returned as is;
 * - a thenable is returned as is, the very same object, so SDK promise subclasses keep their
 *   identity and extra methods (OpenAI's `.withResponse()`), and `await` of a native promise
 *   keeps its fast path; a thenable that is not a promise (a lazy query builder) is observed
 *   through the caller's own `then`, never settled early (`observeThenable`). A promise
 *   cannot hand out a different value than the one it holds, so when it resolves to a
 *   stream, that stream is observed in place (`instrumentStreamInPlace`), before the caller
 *   receives it. A stream that cannot be observed in place (frozen) ends the call when the
 *   promise resolves.
 */
export function observeStreaming<T>(result: T, handlers: StreamingHandlers): T {
  // A `then` getter that throws, or a revoked Proxy: a plain value.
  if (safelyThenable(result)) return observeStreamingThenable(result, handlers);
  if (isStream(result)) return observeStream(result, handlers);
  handlers.value(result);
  return result;
}

/** `observeStreaming` for a result already known to be a thenable (`safelyThenable`). */
export function observeStreamingThenable<T>(result: T, handlers: StreamingHandlers): T {
  observeThenable(
    result as PromiseLike<unknown>,
    (value) => {
      if (!instrumentStreamInPlace(value, (end) => handlers.streamEnd(end, value))) handlers.value(value);
    },
    (error: unknown) => handlers.error(error),
  );
  return result;
}

/** `observeStreaming` for a result already known to be a stream (`isStream`), not a thenable. */
export function observeStream<T>(result: T, handlers: StreamingHandlers): T {
  const stream = instrumentKnownStream(result, (end) => handlers.streamEnd(end, result));
  if (stream !== undefined) return stream;
  handlers.value(result);
  return result;
}
