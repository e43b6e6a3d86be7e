import type { Alert } from '../lifecycle/alert.js';
import type { AlertSink } from './alert-sink.js';
import { SinkQueue, type SinkStats } from './sink-queue.js';

/**
 * Fans notifications out to every sink's queue and re-sends firing alerts to each sink
 * at that sink's repeat interval. Remembers one timestamp per firing alert and sink.
 */
export class SinkDispatcher {
  readonly #queues: SinkQueue[];
  readonly #repeatMs: number[];
  readonly #lastSent: Map<string, number>[];

  constructor(sinks: readonly AlertSink[], defaultRepeatIntervalMs: number) {
    this.#queues = sinks.map((sink) => new SinkQueue(sink));
    this.#repeatMs = sinks.map((sink) => sink.repeatIntervalMs ?? defaultRepeatIntervalMs);
    this.#lastSent = sinks.map(() => new Map());
  }

  /** A firing or resolved transition: every sink is told. */
  notify(alert: Alert, now: number): void {
    for (let i = 0; i < this.#queues.length; i++) {
      if (alert.status === 'firing') this.#lastSent[i]!.set(alert.fingerprint, now);
      else this.#lastSent[i]!.delete(alert.fingerprint);
      this.#queues[i]!.enqueue(alert);
    }
  }

  /** A still-firing alert: sinks whose repeat interval has passed are told again. */
  repeat(alert: Alert, now: number): void {
    for (let i = 0; i < this.#queues.length; i++) {
      const last = this.#lastSent[i]!.get(alert.fingerprint);
      if (last !== undefined && now >= last && now - last < this.#repeatMs[i]!) continue;
      this.#lastSent[i]!.set(alert.fingerprint, now);
      this.#queues[i]!.enqueue(alert);
    }
  }

  async flush(): Promise<void> {
    await Promise.all(this.#queues.map((queue) => queue.flush()));
  }

  stats(): SinkStats[] {
    return this.#queues.map((queue) => queue.stats());
  }
}
