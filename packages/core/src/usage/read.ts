/** Reads `object[key]`, or undefined when `object` is not an object or the getter throws. */
export function read(object: unknown, key: string): unknown {
  if (object === null || (typeof object !== 'object' && typeof object !== 'function')) return undefined;
  try {
    return (object as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}

/** Reads `object[key]`, then `[subKey]` when given, stopping at the first missing or throwing step. */
export function readPath(object: unknown, key: string, subKey?: string): unknown {
  const value = read(object, key);
  return subKey === undefined || value === undefined ? value : read(value, subKey);
}

/** A token count: a finite, non-negative number (rounded down), else undefined. */
export function readCount(object: unknown, key: string, subKey?: string): number | undefined {
  return countOf(readPath(object, key, subKey));
}

/** A value read as a token count: a finite, non-negative number (rounded down), else undefined. */
export function countOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.floor(value) : undefined;
}

/** A non-empty string, else undefined. */
export function readString(object: unknown, key: string, subKey?: string): string | undefined {
  return stringOf(readPath(object, key, subKey));
}

/** A value read as a string: a non-empty string, else undefined. */
export function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** True for a non-null object (not a function). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Adds counts where either is known; undefined only when both are. */
export function addCounts(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a + b;
}
