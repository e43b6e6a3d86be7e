/** Reading and flattening tool arguments for argument rules, with bounded work. */

/** At most this many values are visited per argument rule; more denies the call. */
export const MAX_INSPECTED_VALUES = 4_096;
/** Values nested deeper than this are not visited; deeper nesting denies the call. */
export const MAX_INSPECTED_DEPTH = 16;

export interface CollectedValues {
  /** Every string found. */
  readonly strings: string[];
  /** Every non-empty array made only of strings (an argument vector such as `['rm', '-rf', '/']`). */
  readonly argvs: string[][];
  /** True when the limits stopped the walk before it saw everything. */
  truncated: boolean;
}

/** Splits a dotted argument path (`options.path`, `files.0`) once, at construction. */
export const splitArgumentPath = (path: string): readonly string[] => path.split('.');

/**
 * The value at `path` inside the first non-array object argument, reading own properties
 * only (an inherited `constructor` or `__proto__` is never "found").
 */
export function readArgument(
  args: readonly unknown[],
  path: readonly string[],
): { readonly found: boolean; readonly value: unknown } {
  let current: unknown = args.find((arg) => typeof arg === 'object' && arg !== null && !Array.isArray(arg));
  if (current === undefined) return { found: false, value: undefined };
  for (const segment of path) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, segment)) {
      return { found: false, value: undefined };
    }
    current = (current as Record<string, unknown>)[segment];
  }
  return { found: current !== undefined, value: current };
}

/**
 * What a tool would read out of a boxed string, a Map or a Set: the string itself (its own
 * properties are single characters, which no pattern would match), and the entries (keys and
 * values) as a list. Anything else is returned as it is.
 */
function containerValues(value: unknown): unknown {
  if (value instanceof String) return value.valueOf();
  if (value instanceof Map) return [...value.keys(), ...value.values()];
  if (value instanceof Set) return [...value.values()];
  return value;
}

/** Collects the strings (and string arrays) inside `value`, depth-first, within the limits. */
export function collectValues(value: unknown): CollectedValues {
  const collected: CollectedValues = { strings: [], argvs: [], truncated: false };
  let visited = 0;
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const next = stack.pop()!;
    visited += 1;
    if (visited > MAX_INSPECTED_VALUES || next.depth > MAX_INSPECTED_DEPTH) {
      collected.truncated = true;
      break;
    }
    const current = containerValues(next.value);
    if (typeof current === 'string') {
      collected.strings.push(current);
    } else if (Array.isArray(current)) {
      if (visited + stack.length + current.length > MAX_INSPECTED_VALUES) {
        collected.truncated = true;
        break;
      }
      if (current.length > 0 && current.every((item) => typeof item === 'string')) {
        collected.argvs.push(current as string[]);
      }
      for (let index = current.length - 1; index >= 0; index -= 1) {
        stack.push({ value: current[index], depth: next.depth + 1 });
      }
    } else if (typeof current === 'object' && current !== null && !ArrayBuffer.isView(current)) {
      const values = Object.values(current);
      if (visited + stack.length + values.length > MAX_INSPECTED_VALUES) {
        collected.truncated = true;
        break;
      }
      for (let index = values.length - 1; index >= 0; index -= 1) {
        stack.push({ value: values[index], depth: next.depth + 1 });
      }
    }
  }
  return collected;
}
