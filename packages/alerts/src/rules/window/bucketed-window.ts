/**
 * Sums and counts over a sliding time window, kept in a fixed ring of buckets: memory is
 * bounded by `buckets` whatever the event rate, and old data expires as time moves on.
 * The window covers the current bucket and the `buckets - 1` before it, so the edge is
 * accurate to one bucket (`windowMs / buckets`).
 */
export class BucketedWindow {
  readonly windowMs: number;
  readonly #bucketMs: number;
  readonly #starts: Float64Array;
  readonly #sums: Float64Array;
  readonly #counts: Float64Array;

  constructor(windowMs: number, buckets = 60) {
    if (!(windowMs > 0) || !Number.isFinite(windowMs))
      throw new RangeError('windowMs must be a positive number');
    if (!Number.isInteger(buckets) || buckets < 1) throw new RangeError('buckets must be a positive integer');
    this.windowMs = windowMs;
    this.#bucketMs = windowMs / buckets;
    this.#starts = new Float64Array(buckets).fill(Number.NEGATIVE_INFINITY);
    this.#sums = new Float64Array(buckets);
    this.#counts = new Float64Array(buckets);
  }

  /** Adds `value` (and one to the count) at time `now`. Non-finite values are ignored. */
  add(now: number, value = 0): void {
    if (!Number.isFinite(value) || !Number.isFinite(now)) return;
    const index = this.#slot(now);
    this.#sums[index]! += value;
    this.#counts[index]! += 1;
  }

  /** Sum of the values in the window ending at `now`. */
  sum(now: number): number {
    return this.#total(now, this.#sums);
  }

  /** Number of values in the window ending at `now`. */
  count(now: number): number {
    return this.#total(now, this.#counts);
  }

  clear(): void {
    this.#starts.fill(Number.NEGATIVE_INFINITY);
    this.#sums.fill(0);
    this.#counts.fill(0);
  }

  #slot(now: number): number {
    const bucketStart = Math.floor(now / this.#bucketMs) * this.#bucketMs;
    const length = this.#starts.length;
    const index = ((Math.floor(now / this.#bucketMs) % length) + length) % length;
    if (this.#starts[index] !== bucketStart) {
      this.#starts[index] = bucketStart;
      this.#sums[index] = 0;
      this.#counts[index] = 0;
    }
    return index;
  }

  #total(now: number, values: Float64Array): number {
    if (!Number.isFinite(now)) return 0;
    const newest = Math.floor(now / this.#bucketMs) * this.#bucketMs;
    const oldest = newest - (this.#starts.length - 1) * this.#bucketMs;
    let total = 0;
    for (let i = 0; i < values.length; i++) {
      const start = this.#starts[i]!;
      if (start >= oldest && start <= newest) total += values[i]!;
    }
    return total;
  }
}
