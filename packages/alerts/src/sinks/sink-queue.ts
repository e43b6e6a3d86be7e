import { diag } from '@opentelemetry/api';
import type { Alert } from '../lifecycle/alert.js';
import type { AlertSink } from './alert-sink.js';

const logger = diag.createComponentLogger({ namespace: '@agentvitals/alerts/sinks' });

export const DEFAULT_MAX_QUEUE_SIZE = 1000;

/** Counters of one sink. */
export interface SinkStats {
  readonly name: string;
  /** Notifications waiting. */
  readonly queued: number;
  /** Notifications delivered. */
  readonly sent: number;
  /** Notifications whose delivery failed (the sink threw or rejected). */
  readonly failed: number;
  /** Notifications dropped because the queue was full. */
  readonly dropped: number;
}

/**
 * A bounded FIFO in front of one sink, drained by a single worker: `enqueue` is
 * synchronous and never throws; when full, the oldest notification is dropped and counted.
 */
export class SinkQueue {
  readonly sink: AlertSink;
  readonly #max: number;
  readonly #batch: number;
  #items: Alert[] = [];
  #head = 0;
  #worker: Promise<void> | undefined;
  #sent = 0;
  #failed = 0;
  #dropped = 0;

  constructor(sink: AlertSink) {
    this.sink = sink;
    this.#max = sink.maxQueueSize ?? DEFAULT_MAX_QUEUE_SIZE;
    this.#batch = Math.max(1, Math.floor(sink.maxBatchSize ?? 1));
  }

  get size(): number {
    return this.#items.length - this.#head;
  }

  enqueue(alert: Alert): void {
    if (this.size >= this.#max) {
      this.#head++;
      this.#dropped++;
      if (this.#dropped === 1 || this.#dropped % 1000 === 0) {
        logger.warn(
          `sink '${this.sink.name}' is not keeping up; ${this.#dropped} notification(s) dropped so far`,
        );
      }
    }
    this.#items.push(alert);
    this.#worker ??= this.#drain();
  }

  /** Resolves once everything queued so far (and anything queued meanwhile) was handed to the sink. */
  async flush(): Promise<void> {
    while (this.#worker) await this.#worker;
  }

  stats(): SinkStats {
    return {
      name: this.sink.name,
      queued: this.size,
      sent: this.#sent,
      failed: this.#failed,
      dropped: this.#dropped,
    };
  }

  async #drain(): Promise<void> {
    // Let the caller's synchronous code finish first: sinks never run inside the agent's call.
    await Promise.resolve();
    try {
      while (this.size > 0) {
        const batch = this.#items.slice(this.#head, this.#head + this.#batch);
        this.#head += batch.length;
        if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
          this.#items = this.#items.slice(this.#head);
          this.#head = 0;
        }
        try {
          await this.sink.send(batch);
          this.#sent += batch.length;
        } catch (error) {
          this.#failed += batch.length;
          logger.warn(`sink '${this.sink.name}' failed to deliver ${batch.length} notification(s)`, error);
        }
      }
      this.#items = [];
      this.#head = 0;
    } finally {
      this.#worker = undefined;
    }
  }
}
