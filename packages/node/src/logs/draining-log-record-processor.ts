import { type Context, context } from '@opentelemetry/api';
import { ExportResultCode, suppressTracing } from '@opentelemetry/core';
import type { LogRecordExporter, LogRecordProcessor, ReadWriteLogRecord } from '@opentelemetry/sdk-logs';
import type { DroppedTelemetry } from '../drops/dropped-telemetry.js';

export interface DrainingLogRecordProcessorOptions {
  readonly exporter: LogRecordExporter;
  readonly dropped: DroppedTelemetry;
  /** Most records waiting for export; more are dropped and counted. */
  readonly maxQueueSize: number;
  /** Most UTF-16 units of record bodies waiting for export (the memory bound); more are dropped. */
  readonly maxQueueChars: number;
  /** Records per export request. */
  readonly maxExportBatchSize: number;
  /** Longest wait before a partial batch is exported. */
  readonly scheduledDelayMillis: number;
  /** An export taking longer counts as failed. */
  readonly exportTimeoutMillis: number;
}

/** What a queued record weighs: its body's length, or a fixed 256 for a structured body. */
const weightOf = (record: ReadWriteLogRecord): number =>
  typeof record.body === 'string' ? record.body.length + 64 : 256;

/**
 * Batches log records for export, and loses none it can keep: a burst emitted in one tick
 * (10,000 thoughts before a SIGTERM) waits in a queue bounded by count and by body size, full
 * batches are exported one after another as soon as the tick ends, and `forceFlush()` and
 * `shutdown()` drain the whole queue in as many exports as it takes. What is lost anyway (a
 * full queue, a failed export, a record after shutdown) is counted in `agent.telemetry.dropped`.
 */
export class DrainingLogRecordProcessor implements LogRecordProcessor {
  readonly #options: DrainingLogRecordProcessorOptions;
  #queue: ReadWriteLogRecord[] = [];
  #queuedWeight = 0;
  #exporting: Promise<void> | undefined;
  #timer: NodeJS.Timeout | undefined;
  #immediate: NodeJS.Immediate | undefined;
  #shutDown = false;

  constructor(options: DrainingLogRecordProcessorOptions) {
    this.#options = options;
  }

  onEmit(record: ReadWriteLogRecord, _context?: Context): void {
    if (this.#shutDown) {
      this.#options.dropped.record('logs', 'shutdown', 1);
      return;
    }
    const weight = weightOf(record);
    if (
      this.#queue.length >= this.#options.maxQueueSize ||
      this.#queuedWeight + weight > this.#options.maxQueueChars
    ) {
      this.#options.dropped.record('logs', 'queue_full', 1);
      return;
    }
    this.#queue.push(record);
    this.#queuedWeight += weight;
    if (this.#queue.length >= this.#options.maxExportBatchSize) this.#exportSoon();
    else this.#exportLater();
  }

  /** Exports everything queued, batch after batch, then resolves. */
  async forceFlush(): Promise<void> {
    this.#clearSchedule();
    while (this.#exporting || this.#queue.length > 0) {
      await (this.#exporting ?? this.#exportNext());
    }
  }

  async shutdown(): Promise<void> {
    if (this.#shutDown) return;
    this.#shutDown = true;
    try {
      await this.forceFlush();
    } finally {
      await this.#options.exporter.shutdown();
    }
  }

  /** Counts what is still queued as lost (a shutdown that ran out of time) and forgets it. */
  abandon(): void {
    this.#clearSchedule();
    this.#options.dropped.record('logs', 'shutdown', this.#queue.length);
    this.#queue = [];
    this.#queuedWeight = 0;
  }

  #exportSoon(): void {
    if (this.#immediate || this.#exporting) return;
    this.#immediate = setImmediate(() => {
      this.#immediate = undefined;
      void this.#drainFullBatches();
    });
    this.#immediate.unref?.();
  }

  #exportLater(): void {
    if (this.#timer || this.#exporting) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      if (!this.#exporting && this.#queue.length > 0) void this.#exportNext().then(() => this.#afterExport());
    }, this.#options.scheduledDelayMillis);
    this.#timer.unref?.();
  }

  async #drainFullBatches(): Promise<void> {
    while (!this.#exporting && this.#queue.length >= this.#options.maxExportBatchSize)
      await this.#exportNext();
    this.#afterExport();
  }

  #afterExport(): void {
    if (this.#shutDown || this.#queue.length === 0) return;
    if (this.#queue.length >= this.#options.maxExportBatchSize) this.#exportSoon();
    else this.#exportLater();
  }

  #clearSchedule(): void {
    if (this.#timer) clearTimeout(this.#timer);
    if (this.#immediate) clearImmediate(this.#immediate);
    this.#timer = undefined;
    this.#immediate = undefined;
  }

  /** Exports the oldest batch; a failure or timeout counts its records as dropped. */
  #exportNext(): Promise<void> {
    const batch = this.#queue.splice(0, this.#options.maxExportBatchSize);
    for (const record of batch) this.#queuedWeight -= weightOf(record);
    if (this.#queue.length === 0) this.#queuedWeight = 0;
    const exported = new Promise<void>((resolve) => {
      let settled = false;
      const settle = (succeeded: boolean) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (!succeeded) this.#options.dropped.record('logs', 'export_failed', batch.length);
        resolve();
      };
      const timer = setTimeout(() => settle(false), this.#options.exportTimeoutMillis);
      timer.unref?.();
      try {
        context.with(suppressTracing(context.active()), () =>
          this.#options.exporter.export(batch, (result) => settle(result.code === ExportResultCode.SUCCESS)),
        );
      } catch {
        settle(false);
      }
    });
    this.#exporting = exported.then(() => {
      this.#exporting = undefined;
    });
    return this.#exporting;
  }
}
