interface Entry {
  readonly property: PropertyKey;
  readonly original: unknown;
  readonly handed: unknown;
}

/**
 * Per-proxy cache of the function handed out for each member, so a member read twice is the
 * same function; it is rebuilt only when the underlying member changes.
 */
export class MemberCache {
  readonly #entries = new Map<PropertyKey, Entry>();
  /** The entry read last: a loop calling one member finds it without a map lookup. */
  #last: Entry | undefined;

  /** What was handed out for `property` while it held `original`; undefined if nothing yet. */
  handed(property: PropertyKey, original: unknown): unknown {
    let entry = this.#last;
    if (entry === undefined || entry.property !== property) {
      entry = this.#entries.get(property);
      if (entry === undefined) return undefined;
      this.#last = entry;
    }
    return entry.original === original ? entry.handed : undefined;
  }

  get<T>(property: PropertyKey, original: unknown, make: () => T): T {
    const handed = this.handed(property, original);
    if (handed !== undefined) return handed as T;
    const made = make();
    const entry: Entry = { property, original, handed: made };
    this.#entries.set(property, entry);
    this.#last = entry;
    return made;
  }
}

/** True when the Proxy invariants require `get` to return the target's own value unchanged. */
export function isFixedMember(target: object, property: PropertyKey): boolean {
  const own = Object.getOwnPropertyDescriptor(target, property);
  return (
    own !== undefined &&
    own.configurable === false &&
    ('value' in own ? own.writable === false : own.get === undefined)
  );
}

/** Copies `name` and `length` so a wrapped function looks like the original. */
export function mimic<F extends Function>(wrapped: F, original: Function): F {
  try {
    Object.defineProperty(wrapped, 'name', { value: original.name, configurable: true });
    Object.defineProperty(wrapped, 'length', { value: original.length, configurable: true });
  } catch {
    // Cosmetic only.
  }
  return wrapped;
}
