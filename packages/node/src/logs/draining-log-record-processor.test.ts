import { ExportResultCode } from '@opentelemetry/core';
import { InMemoryLogRecordExporter, LoggerProvider, type ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { describe, expect, it } from 'vitest';
import { DroppedTelemetry } from '../drops/dropped-telemetry.js';
import { DrainingLogRecordProcessor } from './draining-log-record-processor.js';

const options = {
  maxQueueSize: 100,
  maxQueueChars: 1_000_000,
  maxExportBatchSize: 10,
  scheduledDelayMillis: 60_000,
  exportTimeoutMillis: 1000,
};

function pipeline(exporter = new InMemoryLogRecordExporter(), overrides: Partial<typeof options> = {}) {
  const dropped = new DroppedTelemetry('bot');
  const processor = new DrainingLogRecordProcessor({ exporter, dropped, ...options, ...overrides });
  const provider = new LoggerProvider({ processors: [processor] });
  const logger = provider.getLogger('test');
  return { exporter, dropped, processor, provider, emit: (body: string) => logger.emit({ body }) };
}

describe('DrainingLogRecordProcessor', () => {
  it('keeps a burst as large as its queue and drains all of it on flush, in batches', async () => {
    const { exporter, dropped, processor, emit } = pipeline();
    for (let i = 0; i < 100; i++) emit(`record ${i}`);
    await processor.forceFlush();
    expect(exporter.getFinishedLogRecords().map((r) => r.body)).toEqual(
      Array.from({ length: 100 }, (_, i) => `record ${i}`),
    );
    expect(dropped.total()).toBe(0);
  });

  it('counts what does not fit, by count and by body size', async () => {
    const byCount = pipeline();
    for (let i = 0; i < 130; i++) byCount.emit(`record ${i}`);
    expect(byCount.dropped.total('logs', 'queue_full')).toBe(30);
    await byCount.processor.forceFlush();
    expect(byCount.exporter.getFinishedLogRecords()).toHaveLength(100);

    const bySize = pipeline(undefined, { maxQueueChars: 5000 });
    for (let i = 0; i < 10; i++) bySize.emit('x'.repeat(1000));
    expect(bySize.dropped.total('logs', 'queue_full')).toBe(6);
  });

  it('counts the records of failed and timed-out exports, and records emitted after shutdown', async () => {
    const failing = {
      export: (_records: ReadableLogRecord[], done: (result: { code: number }) => void) =>
        done({ code: ExportResultCode.FAILED }),
      shutdown: async () => {},
    };
    const failed = pipeline(failing as never);
    for (let i = 0; i < 25; i++) failed.emit('x');
    await failed.processor.shutdown();
    expect(failed.dropped.total('logs', 'export_failed')).toBe(25);
    failed.emit('late');
    expect(failed.dropped.total('logs', 'shutdown')).toBe(1);

    const hanging = { export: () => {}, shutdown: async () => {} };
    const slow = pipeline(hanging as never, { exportTimeoutMillis: 20 });
    for (let i = 0; i < 5; i++) slow.emit('x');
    await slow.processor.forceFlush();
    expect(slow.dropped.total('logs', 'export_failed')).toBe(5);
  });

  it('exports full batches on its own once the emitting tick ends', async () => {
    const { exporter, emit } = pipeline();
    for (let i = 0; i < 35; i++) emit('x');
    expect(exporter.getFinishedLogRecords()).toHaveLength(0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(exporter.getFinishedLogRecords()).toHaveLength(30);
  });

  it('abandon() counts what is still queued as lost', () => {
    const { dropped, processor, emit } = pipeline();
    for (let i = 0; i < 7; i++) emit('x');
    processor.abandon();
    expect(dropped.total('logs', 'shutdown')).toBe(7);
  });
});
