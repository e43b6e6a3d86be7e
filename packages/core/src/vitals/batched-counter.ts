import {
  type Attributes,
  type Counter,
  type Meter,
  type ObservableGauge,
  ROOT_CONTEXT,
} from '@opentelemetry/api';
import type { MetricDefinition } from '../semconv/metrics.js';

/**
 * A synchronous counter whose adds are summed here, per attribute set, and handed to the SDK's
 * counter once per set at each collection, just before the SDK reads its counters. On the call
 * path an add is a lookup by the attribute object's identity and an addition: the SDK does not
 * sort and serialise the attributes on every call, as it does for each `add`. Only the first
 * add to a set after a collection reaches the SDK, as an add of 0, so the series starts when a
 * plain counter's would. What is exported is unchanged: the same counter, the same sums and
 * start times per attribute set, the same cardinality limit and overflow series, for every
 * reader and temporality (a fractional sum added up in another order can differ in its last
 * bits: see docs/pipeline.md, Where metrics are recorded).
 *
 * Pending sums are handed over by a callback on an observable instrument of the same meter: the
 * SDK runs every observable callback of a meter before it reads the meter's synchronous
 * instruments, on every collection (a scrape, a periodic export, `forceFlush`, and the final
 * one of `shutdown`). Attribute objects passed to `add` must not change afterwards (every
 * caller passes attribute sets built once and frozen, or never written).
 *
 * The SDK's counter receives every add with the root context, not the caller's: a view's
 * attributes processor that reads the context (baggage, say) sees none for these counters,
 * whenever the collection runs, where a plain counter's would see each call's.
 */
export interface BatchedCounter extends Counter {
  add(value: number, attributes?: Attributes): void;
}

interface Pending {
  value: number;
  readonly attributes: Attributes;
  /** In the list of sums to hand over. */
  queued: boolean;
}

const EMPTY: Attributes = Object.freeze({});

class BatchedCounterImpl implements BatchedCounter {
  readonly #counter: Counter;
  /** Every attribute object added to → its pending sum. */
  readonly #byObject = new WeakMap<Attributes, Pending>();
  /** The sums with something to hand over. */
  readonly #dirty: Pending[] = [];
  /** The last attribute object added to and its sum: calls come in runs. */
  #lastAttributes: Attributes | undefined;
  #last: Pending | undefined;
  /** Index in `#dirty` of the first sum not handed over yet (a collection in slices). */
  #next = 0;

  constructor(counter: Counter) {
    this.#counter = counter;
  }

  add(value: number, attributes: Attributes = EMPTY): void {
    // What the SDK's counter would drop (a negative or non-finite value) is dropped by it, now.
    if (!(value >= 0 && value < Number.POSITIVE_INFINITY)) {
      this.#counter.add(value, attributes);
      return;
    }
    let pending: Pending | undefined;
    if (attributes === this.#lastAttributes) pending = this.#last!;
    else {
      pending = this.#byObject.get(attributes);
      if (pending === undefined) {
        pending = { value: 0, attributes, queued: false };
        this.#byObject.set(attributes, pending);
      }
      this.#lastAttributes = attributes;
      this.#last = pending;
    }
    if (!pending.queued) {
      pending.queued = true;
      this.#dirty.push(pending);
      // The SDK starts a series' interval at its first add since the last collection, and
      // shows the series from then: an add of 0 now, so the start time exported is this add's
      // (not the collection's, which would give a cumulative series a zero-length interval).
      // The sum is handed over at the collection, added to this 0: the same float sum.
      this.#counter.add(0, attributes, ROOT_CONTEXT);
    }
    pending.value += value;
  }

  /** Hands up to `limit` pending sums to the SDK's counter; true when some are left. */
  flush(limit: number): boolean {
    const dirty = this.#dirty;
    const end = Math.min(dirty.length, this.#next + limit);
    for (let index = this.#next; index < end; index++) {
      const pending = dirty[index]!;
      const value = pending.value;
      pending.value = 0;
      pending.queued = false;
      if (value !== 0) this.#counter.add(value, pending.attributes, ROOT_CONTEXT);
    }
    if (end < dirty.length) {
      this.#next = end;
      return true;
    }
    dirty.length = 0;
    this.#next = 0;
    return false;
  }
}

/**
 * Sums handed over before the event loop is let run: about 1–2 ms of the SDK's work. A
 * collection after many series were added to (thousands of agents × tools) hands them over in
 * slices, so it does not stall the agent; the SDK reads its counters once all are handed over.
 */
const SLICE = 2_000;

/**
 * How long a collection may take to hand its sums over in slices; what is left then is handed
 * over at once. The SDK waits for the hand-over only until the collection's timeout (seconds,
 * by default), and what comes after it is left for the next collection: there is none after
 * the last one, at shutdown.
 */
const SLICING_BUDGET_MS = 50;

const nextTurn = (): Promise<void> =>
  new Promise((resolve) =>
    typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0),
  );

/** Hands over every counter's sums, a slice at a time; a promise when more than one slice is needed. */
function flushAll(counters: Map<string, BatchedCounterImpl>): void | Promise<void> {
  let more = false;
  for (const counter of counters.values()) if (counter.flush(SLICE)) more = true;
  if (!more) return;
  const started = performance.now();
  return (async () => {
    while (more) {
      await nextTurn();
      const limit = performance.now() - started > SLICING_BUDGET_MS ? Number.POSITIVE_INFINITY : SLICE;
      more = false;
      for (const counter of counters.values()) if (counter.flush(limit)) more = true;
    }
  })();
}

/** The batched counters of one meter, by name, and the callback that hands their sums over. */
const byMeter = new WeakMap<Meter, Map<string, BatchedCounterImpl>>();

/**
 * The batched counter of `definition` on `meter`, shared by every vitals instance recording
 * through that meter. `hook` is an observable instrument of the same meter; the first counter
 * of a meter registers on it the callback that hands every counter's sums over (it observes
 * nothing itself).
 */
export function batchedCounter(
  meter: Meter,
  hook: ObservableGauge,
  definition: MetricDefinition,
  options: { description: string; unit: string },
): BatchedCounter {
  let counters = byMeter.get(meter);
  if (counters === undefined) {
    const created = new Map<string, BatchedCounterImpl>();
    counters = created;
    byMeter.set(meter, created);
    hook.addCallback(() => flushAll(created));
  }
  let counter = counters.get(definition.name);
  if (counter === undefined) {
    counter = new BatchedCounterImpl(meter.createCounter(definition.name, options));
    counters.set(definition.name, counter);
  }
  return counter;
}
