/**
 * Sums and counts over a sliding time window, kept in a fixed ring of buckets: memory is
 * bounded by `buckets` whatever the event rate, and old data expires as time moves on.
 * The window covers the current bucket and the `buckets - 1` before it, so the edge is
 * accurate to one bucket (`windowMs / buckets`). The totals are kept between readings until
 * the window moves on by a bucket, so reading them after every event costs no pass over the ring.
 */
export class BucketedWindow {
  readonly windowMs: number;
  readonly #bucketMs: number;
  readonly #starts: Float64Array;
  readonly #sums: Float64Array;
  readonly #counts: Float64Array;
  /** Start of the newest bucket the kept totals cover; NaN when they must be recomputed. */
  #totalsAt = Number.NaN;
  #totalSum = 0;
  #totalCount = 0;

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
    const start = this.#starts[index]!;
    const kept = this.#totalsAt;
    // Integers add exactly in any order: the kept sum stays equal to a fresh pass over the ring.
    if (
      start <= kept &&
      start >= kept - (this.#starts.length - 1) * this.#bucketMs &&
      Number.isInteger(value) &&
      Number.isSafeInteger(this.#totalSum + value)
    ) {
      this.#totalSum += value;
      this.#totalCount += 1;
    } else this.#totalsAt = Number.NaN;
  }

  /** Sum of the values in the window ending at `now`. */
  sum(now: number): number {
    return this.#totals(now) ? this.#totalSum : 0;
  }

  /** Number of values in the window ending at `now`. */
  count(now: number): number {
    return this.#totals(now) ? this.#totalCount : 0;
  }

  clear(): void {
    this.#starts.fill(Number.NEGATIVE_INFINITY);
    this.#sums.fill(0);
    this.#counts.fill(0);
    this.#totalsAt = Number.NaN;
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

  /** Brings the kept totals to the window ending at `now`; false when `now` is not finite. */
  #totals(now: number): boolean {
    if (!Number.isFinite(now)) return false;
    const newest = Math.floor(now / this.#bucketMs) * this.#bucketMs;
    if (newest === this.#totalsAt) return true;
    const oldest = newest - (this.#starts.length - 1) * this.#bucketMs;
    let sum = 0;
    let count = 0;
    for (let i = 0; i < this.#starts.length; i++) {
      const start = this.#starts[i]!;
      if (start >= oldest && start <= newest) {
        sum += this.#sums[i]!;
        count += this.#counts[i]!;
      }
    }
    this.#totalsAt = newest;
    this.#totalSum = sum;
    this.#totalCount = count;
    return true;
  }
}
