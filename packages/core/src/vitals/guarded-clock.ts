import { describe, vitalsLogger } from './numbers.js';

/**
 * The `clock` option, made safe to read anywhere in a call: a reading that throws or is not a
 * finite number (which would put NaN into `agent.heartbeat.timestamp` and keep the stale
 * heartbeat alert from ever firing) is replaced by `Date.now()`, with one warning.
 */
export function guardedClock(clock: (() => number) | undefined): () => number {
  if (clock === undefined) return Date.now;
  let warned = false;
  const fallBack = (why: string) => {
    if (!warned) {
      warned = true;
      vitalsLogger.warn(`the clock option ${why}; using Date.now() for such readings (warned once)`);
    }
    return Date.now();
  };
  return () => {
    let reading: unknown;
    try {
      reading = clock();
    } catch (error) {
      return fallBack(`threw (${error instanceof Error ? error.name : typeof error})`);
    }
    if (typeof reading === 'number' && Number.isFinite(reading)) return reading;
    return fallBack(`returned ${describe(reading)}, not a finite number of milliseconds`);
  };
}
