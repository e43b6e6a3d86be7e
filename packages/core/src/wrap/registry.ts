/** Wrapped objects and functions → their originals, so wrapping twice never records twice. */
const originals = new WeakMap<object, object>();

export function registerWrapped<T extends object>(wrapped: T, original: object): T {
  originals.set(wrapped, original);
  return wrapped;
}

/** The original behind a wrapped object or function; undefined for anything not wrapped here. */
export function originalOf<T extends object>(value: T): T | undefined {
  return originals.get(value) as T | undefined;
}

/** True for an object or function returned by `wrap`, `wrapTool`, `wrapReasoning` or `wrapRun`. */
export function isWrapped(value: unknown): boolean {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && originals.has(value);
}
