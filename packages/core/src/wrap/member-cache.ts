/**
 * Per-proxy cache of the function handed out for each member, so a member read twice is the
 * same function; it is rebuilt only when the underlying member changes.
 */
export class MemberCache {
  readonly #entries = new Map<PropertyKey, { readonly original: unknown; readonly handed: unknown }>();

  get<T>(property: PropertyKey, original: unknown, make: () => T): T {
    const entry = this.#entries.get(property);
    if (entry !== undefined && entry.original === original) return entry.handed as T;
    const handed = make();
    this.#entries.set(property, { original, handed });
    return handed;
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
