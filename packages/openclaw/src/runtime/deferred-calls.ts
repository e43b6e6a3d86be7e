/** Why a deferred call was given up: no end hook arrived in time. Named so `error.type` is `TimeoutError`. */
export class DeferredTimeoutError extends Error {
  override readonly name = 'TimeoutError';
}

interface Entry {
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

/**
 * Calls that OpenClaw reports in two hooks (started/ended, before/after): each is recorded
 * through the vitals API as a function returning a promise that the second hook settles.
 * Bounded: at most `maxEntries` open at once (the oldest is given up as timed out), and
 * each is given up after `timeoutMs` if its end hook never comes. Timers never hold the
 * process open.
 */
export class DeferredCalls {
  readonly #entries = new Map<string, Entry>();
  readonly #maxEntries: number;
  readonly #timeoutMs: number;

  constructor(maxEntries: number, timeoutMs: number) {
    this.#maxEntries = maxEntries;
    this.#timeoutMs = timeoutMs;
  }

  get size(): number {
    return this.#entries.size;
  }

  has(key: string): boolean {
    return this.#entries.has(key);
  }

  /** A promise that `resolve(key)` or `reject(key)` settles. An open call with the same key is given up first. */
  open(key: string, timeoutMs = this.#timeoutMs): Promise<unknown> {
    this.#giveUp(key, 'replaced by a new call with the same id');
    while (this.#entries.size >= this.#maxEntries) {
      const oldest = this.#entries.keys().next().value as string;
      this.#giveUp(oldest, `more than ${this.#maxEntries} calls open at once`);
    }
    return new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => this.#giveUp(key, `no end hook within ${timeoutMs} ms`), timeoutMs);
      timer.unref?.();
      this.#entries.set(key, { resolve, reject, timer });
    });
  }

  resolve(key: string, value: unknown): boolean {
    const entry = this.#take(key);
    entry?.resolve(value);
    return entry !== undefined;
  }

  reject(key: string, error: unknown): boolean {
    const entry = this.#take(key);
    entry?.reject(error);
    return entry !== undefined;
  }

  /** Gives up every open call (shutdown). */
  clear(reason: string): void {
    for (const key of [...this.#entries.keys()]) this.#giveUp(key, reason);
  }

  #take(key: string): Entry | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    this.#entries.delete(key);
    clearTimeout(entry.timer);
    return entry;
  }

  #giveUp(key: string, reason: string): void {
    this.#take(key)?.reject(new DeferredTimeoutError(reason));
  }
}
