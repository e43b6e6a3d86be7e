/**
 * The guard's evaluation tick: one unref'd interval, running while at least one vitals
 * instance is attached, so an idle process can exit and a detached guard costs nothing.
 */
export class EvaluationTimer {
  readonly #intervalMs: number;
  readonly #tick: () => void;
  #users = 0;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(intervalMs: number, tick: () => void) {
    this.#intervalMs = intervalMs;
    this.#tick = tick;
  }

  get running(): boolean {
    return this.#timer !== undefined;
  }

  retain(): void {
    this.#users++;
    if (this.#timer !== undefined) return;
    this.#timer = setInterval(() => {
      try {
        this.#tick();
      } catch {
        // The tick isolates rules and sinks itself; nothing may escape a timer callback.
      }
    }, this.#intervalMs);
    this.#timer.unref?.();
  }

  release(): void {
    this.#users = Math.max(0, this.#users - 1);
    if (this.#users === 0) this.stop();
  }

  stop(): void {
    this.#users = 0;
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
