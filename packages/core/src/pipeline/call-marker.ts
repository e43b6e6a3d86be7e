import type { Context } from '@opentelemetry/api';

/** Marks a context while a call runs. */
export interface Marker {
  active: boolean;
}

/** True while a call marked with `key` is in progress in `ctx`. */
export function isMarked(ctx: Context, key: symbol): boolean {
  return (ctx.getValue(key) as Marker | undefined)?.active === true;
}

/** Ends a marker when the call's result settles (a promise) or at once (anything else). */
export function endMarker(marker: Marker, result: unknown): void {
  try {
    if (result instanceof Promise) {
      const end = () => {
        marker.active = false;
      };
      result.then(end, end);
      return;
    }
  } catch {
    // A revoked Proxy or an exotic prototype chain: not a promise.
  }
  marker.active = false;
}
