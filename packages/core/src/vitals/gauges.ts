import type { Attributes, ObservableResult } from '@opentelemetry/api';
import type { Instruments } from './instruments.js';
import { vitalsLogger } from './numbers.js';

/** A queue whose depth is read at every collection. */
interface Queue {
  readonly name: string;
  readonly read: () => number;
  readonly attributes: Attributes;
}

/** The observable gauges of a vitals instance and its per-agent views: queue depths and breaker states. */
export interface Gauges {
  /** Keyed by agent and queue name. */
  readonly queues: Map<string, Queue>;
  /** Keyed by agent and breaker name. */
  readonly breakers: Map<string, { value: number; attributes: Attributes }>;
}

/** A depth as a number, or a reason it is not one. Never throws (a result whose `toString` throws is described by type). */
function describeDepth(depth: unknown): string {
  try {
    return typeof depth === 'number' ? String(depth) : typeof depth;
  } catch {
    return 'unprintable';
  }
}

/** Registers the gauge callbacks once per vitals instance. */
export function createGauges(instruments: Instruments): Gauges {
  const gauges: Gauges = { queues: new Map(), breakers: new Map() };
  instruments.queueDepth.addCallback((result: ObservableResult) => {
    for (const queue of gauges.queues.values()) {
      let depth: unknown;
      try {
        depth = queue.read();
      } catch (error) {
        vitalsLogger.warn(`reading queue '${queue.name}' threw; no depth reported this time`, error);
        continue;
      }
      if (typeof depth === 'number' && Number.isFinite(depth) && depth >= 0)
        result.observe(depth, queue.attributes);
      else
        vitalsLogger.warn(
          `queue '${queue.name}' depth must be a finite number >= 0; got ${describeDepth(depth)}`,
        );
    }
  });
  instruments.breakerState.addCallback((result: ObservableResult) => {
    for (const breaker of gauges.breakers.values()) result.observe(breaker.value, breaker.attributes);
  });
  return gauges;
}
