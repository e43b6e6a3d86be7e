import type { Resource } from '@opentelemetry/resources';
import { LoggerProvider, type LogRecordExporter, type LogRecordProcessor } from '@opentelemetry/sdk-logs';
import type { DroppedTelemetry } from '../drops/dropped-telemetry.js';
import { DrainingLogRecordProcessor } from './draining-log-record-processor.js';
import { RedactingLogRecordProcessor } from './redacting-log-record-processor.js';

/**
 * Most log records awaiting export. A burst of thoughts larger than this (or than
 * {@link LOG_QUEUE_CHARS} of bodies) is dropped and counted in `agent.telemetry.dropped`.
 */
export const LOG_QUEUE_SIZE = 65_536;
/** Most UTF-16 units of log record bodies awaiting export (about 64 MiB): the queue's memory bound. */
export const LOG_QUEUE_CHARS = 32 * 1024 * 1024;
/** Log records per export request. */
export const LOG_EXPORT_BATCH_SIZE = 512;

export interface LoggerProviderSetup {
  readonly resource: Resource;
  readonly exporters: readonly LogRecordExporter[];
  /** Processors run in process after redaction and before export (the thoughts-to-logger one). */
  readonly extra: readonly LogRecordProcessor[];
  readonly redact: (text: string) => string;
  readonly dropped: DroppedTelemetry;
  readonly exportTimeoutMillis?: number;
}

/** The log pipeline's processors, in order: redaction, the extra ones, then one draining exporter each. */
export interface LogPipeline {
  readonly provider: LoggerProvider;
  /** Counts what is still queued as lost; for a shutdown that ran out of time. */
  abandon(): void;
}

/**
 * Log records (thoughts) are redacted first, then batched and exported; the queue is drained
 * completely on flush and shutdown, and every record lost is counted.
 */
export function createLoggerProvider(setup: LoggerProviderSetup): LogPipeline {
  const draining = setup.exporters.map(
    (exporter) =>
      new DrainingLogRecordProcessor({
        exporter,
        dropped: setup.dropped,
        maxQueueSize: LOG_QUEUE_SIZE,
        maxQueueChars: LOG_QUEUE_CHARS,
        maxExportBatchSize: LOG_EXPORT_BATCH_SIZE,
        scheduledDelayMillis: 1000,
        exportTimeoutMillis: setup.exportTimeoutMillis ?? 30_000,
      }),
  );
  const provider = new LoggerProvider({
    resource: setup.resource,
    processors: [new RedactingLogRecordProcessor(setup.redact), ...setup.extra, ...draining],
  });
  return {
    provider,
    abandon() {
      for (const processor of draining) processor.abandon();
    },
  };
}
