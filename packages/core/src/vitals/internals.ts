import type { Gauges } from './gauges.js';
import type { VitalsState } from './state.js';
import type { SentimentOptions, ThoughtOptions, Vitals } from './types.js';

/** What a vitals instance and its per-agent views share beyond their state. */
export interface VitalsShared {
  readonly generateRequestId: () => string;
  readonly thoughts: ThoughtOptions | undefined;
  readonly sentiment: SentimentOptions | undefined;
  readonly gauges: Gauges;
}

/** The state behind a vitals object made here, for `wrap()` and per-agent views. */
export interface VitalsInternals {
  readonly state: VitalsState;
  readonly shared: VitalsShared;
}

const internals = new WeakMap<object, VitalsInternals>();

export function registerInternals(vitals: Vitals, value: VitalsInternals): Vitals {
  internals.set(vitals, value);
  return vitals;
}

/** The internals of a vitals object made by `createVitals` (or a view of one); undefined for any other. */
export function internalsOf(vitals: unknown): VitalsInternals | undefined {
  return typeof vitals === 'object' && vitals !== null ? internals.get(vitals) : undefined;
}
