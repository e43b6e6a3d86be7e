import { vitalsLogger } from './numbers.js';

const NONE: Readonly<Record<string, unknown>> = Object.freeze({});

/**
 * Reads the named fields of an options object once, into a plain object. A getter that
 * throws, or an options object that is a revoked Proxy, leaves the field out with a warning:
 * options are never a way for an exception to reach the agent.
 */
export function readOptions(options: unknown, keys: readonly string[]): Readonly<Record<string, unknown>> {
  if (options === undefined || options === null) return NONE;
  if (typeof options !== 'object' && typeof options !== 'function') return NONE;
  const read: Record<string, unknown> = {};
  for (const key of keys) {
    try {
      const value = (options as Record<string, unknown>)[key];
      if (value !== undefined) read[key] = value;
    } catch {
      vitalsLogger.warn(`reading the option '${key}' threw; it is ignored`);
    }
  }
  return read;
}
