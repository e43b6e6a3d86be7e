/** What `CallHistory.judge` found about the latest call. */
export interface CallJudgement {
  /** Calls in the window with the latest call's key (the latest included). */
  readonly identical: number;
  /** Calls in the window with the latest call's result key (0 when the latest has none). */
  readonly sameResult: number;
  /** Length of the A, B, A, B, ... run ending with the latest call. */
  readonly alternating: number;
  /** The judgement holds until this time, when the oldest call it counted leaves the window. */
  readonly validUntil: number;
}

/** Buckets of the counts that bound repeats from above (a power of two). */
const BUCKETS = 64;
const bucket = (key: number): number => (key >>> 0) & (BUCKETS - 1);

/**
 * The newest tool calls of one agent, as numbers in fixed typed arrays (time, call key, result
 * key, NaN for none): constant memory, no allocation per call, and tight loops to judge the
 * latest call against the others. Counts of the kept keys per bucket (`keys & 63`) bound from
 * above how often the latest call or result can occur, so most calls need no loop at all.
 */
export class CallHistory {
  readonly capacity: number;
  readonly #times: Float64Array;
  readonly #callKeys: Float64Array;
  readonly #resultKeys: Float64Array;
  readonly #toolNames: string[];
  /** Kept calls per bucket of their key, and of their result key (calls with a result only). */
  readonly #keyCounts = new Uint16Array(BUCKETS);
  readonly #resultCounts = new Uint16Array(BUCKETS);
  #next = 0;
  #size = 0;
  /** Reused by `judge`: read it before the next call. */
  readonly #judgement = { identical: 0, sameResult: 0, alternating: 0, validUntil: 0 };

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError('capacity must be a positive integer');
    this.capacity = capacity;
    this.#times = new Float64Array(capacity);
    this.#callKeys = new Float64Array(capacity);
    this.#resultKeys = new Float64Array(capacity);
    this.#toolNames = new Array<string>(capacity).fill('');
  }

  get size(): number {
    return this.#size;
  }

  push(time: number, toolName: string, callKey: number, resultKey: number | undefined): void {
    const slot = this.#next;
    if (this.#size === this.capacity) {
      this.#keyCounts[bucket(this.#callKeys[slot]!)]!--;
      const oldResult = this.#resultKeys[slot]!;
      if (!Number.isNaN(oldResult)) this.#resultCounts[bucket(oldResult)]!--;
    }
    this.#keyCounts[bucket(callKey)]!++;
    if (resultKey !== undefined && !Number.isNaN(resultKey)) this.#resultCounts[bucket(resultKey)]!++;
    this.#times[slot] = time;
    this.#callKeys[slot] = callKey;
    this.#resultKeys[slot] = resultKey ?? Number.NaN;
    this.#toolNames[slot] = toolName;
    this.#next = slot + 1 === this.capacity ? 0 : slot + 1;
    if (this.#size < this.capacity) this.#size++;
  }

  /** The time of the newest call, or undefined when there is none. */
  latestTime(): number | undefined {
    return this.#size === 0 ? undefined : this.#times[this.#slot(0)];
  }

  /**
   * False when the latest call certainly occurs at most `maxIdentical` times, its result at most
   * `maxSameResults` times and no alternating run of three or more ends with it, among all kept
   * calls (a window holds fewer, and only loses calls as time passes): then `judge` cannot find
   * more, now or later, until the next `push`. Constant time.
   */
  mayRepeat(maxIdentical: number, maxSameResults: number): boolean {
    if (this.#size === 0) return false;
    const latest = this.#slot(0);
    const key = this.#callKeys[latest]!;
    if (this.#keyCounts[bucket(key)]! > maxIdentical) return true;
    const resultKey = this.#resultKeys[latest]!;
    if (!Number.isNaN(resultKey) && this.#resultCounts[bucket(resultKey)]! > maxSameResults) return true;
    // A run A, B, A of three or more needs the call two back to have the latest call's key.
    return this.#size > 2 && this.#callKeys[this.#slot(2)] === key;
  }

  latestToolName(): string | undefined {
    return this.#size === 0 ? undefined : this.#toolNames[this.#slot(0)];
  }

  /**
   * Compares the newest call with the calls of the last `windowMs` at `now`: among the newest
   * `windowCalls`, how many share its key and its result key; and how long the run of two
   * alternating keys ending with it is. The returned object is reused by the next call.
   */
  judge(now: number, windowMs: number, windowCalls: number): CallJudgement {
    const found = this.#judgement;
    const times = this.#times;
    const keys = this.#callKeys;
    const results = this.#resultKeys;
    const latest = this.#slot(0);
    const key = keys[latest]!;
    const resultKey = results[latest]!;
    let validUntil = Number.POSITIVE_INFINITY;
    let identical = 0;
    let sameResult = 0;
    const counted = Math.min(this.#size, windowCalls);
    let slot = latest;
    for (let age = 0; age < counted; age++) {
      const time = times[slot]!;
      if (now - time > windowMs) break;
      if (time + windowMs < validUntil) validUntil = time + windowMs;
      if (keys[slot] === key) identical++;
      if (results[slot] === resultKey) sameResult++; // NaN never equals: no result, no match
      slot = slot === 0 ? this.capacity - 1 : slot - 1;
    }
    let alternating = 1;
    if (this.#size > 1) {
      const other = keys[this.#slot(1)]!;
      slot = latest;
      for (let age = 1; age < this.#size; age++) {
        slot = slot === 0 ? this.capacity - 1 : slot - 1;
        const time = times[slot]!;
        if (now - time > windowMs) break;
        const expected = age % 2 === 0 ? key : other;
        if (keys[slot] !== expected || (age === 1 && other === key)) break;
        if (time + windowMs < validUntil) validUntil = time + windowMs;
        alternating++;
      }
    }
    found.identical = identical;
    found.sameResult = sameResult;
    found.alternating = alternating;
    found.validUntil = validUntil;
    return found;
  }

  #slot(age: number): number {
    return (this.#next - 1 - age + this.capacity * 2) % this.capacity;
  }
}
