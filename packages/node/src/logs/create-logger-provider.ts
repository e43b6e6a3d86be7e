import type { Resource } from '@opentelemetry/resources';
import {
  BatchLogRecordProcessor,
  LoggerProvider,
  type LogRecordExporter,
  type LogRecordProcessor,
} from '@opentelemetry/sdk-logs';

/** Longest queue of log records awaiting export; a burst of thoughts beyond it is dropped and counted. */
export const LOG_QUEUE_SIZE = 8192;

/** Log records (thoughts) are batched and flushed on shutdown; `extra` processors run first, in process. */
export function createLoggerProvider(
  resource: Resource,
  exporters: readonly LogRecordExporter[],
  extra: readonly LogRecordProcessor[],
): LoggerProvider {
  return new LoggerProvider({
    resource,
    processors: [
      ...extra,
      ...exporters.map(
        (exporter) =>
          new BatchLogRecordProcessor({ exporter, maxQueueSize: LOG_QUEUE_SIZE, maxExportBatchSize: 512 }),
      ),
    ],
  });
}
