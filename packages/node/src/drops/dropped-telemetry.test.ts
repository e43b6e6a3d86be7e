import { diag } from '@opentelemetry/api';
import { ExportResultCode } from '@opentelemetry/core';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import { BatchSpanProcessor, InMemorySpanExporter, TracerProvider } from '@opentelemetry/sdk-trace';
import { describe, expect, it, vi } from 'vitest';
import { countingSpanExporter } from './counting-exporters.js';
import { DroppedTelemetry } from './dropped-telemetry.js';
import { spanQueueDropsMeterProvider } from './span-queue-drops.js';

describe('DroppedTelemetry', () => {
  it('counts by signal and reason from 0, including drops before the meter, and warns once per kind', async () => {
    const warn = vi.fn();
    diag.setLogger({ warn, error: vi.fn(), info: vi.fn(), debug: vi.fn(), verbose: vi.fn() });
    try {
      const dropped = new DroppedTelemetry('bot');
      dropped.record('logs', 'queue_full', 3);
      const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
      const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 60_000 });
      const provider = new MeterProvider({ readers: [reader] });
      dropped.bind(provider.getMeter('test'));
      dropped.record('logs', 'queue_full', 2);
      dropped.record('spans', 'export_failed', 4);
      await reader.forceFlush();
      const points = exporter
        .getMetrics()
        .flatMap((r) => r.scopeMetrics.flatMap((s) => s.metrics))
        .filter((m) => m.descriptor.name === 'agent.telemetry.dropped')
        .flatMap(
          (m) => m.dataPoints as ReadonlyArray<{ attributes: Record<string, unknown>; value: unknown }>,
        );
      const value = (signal: string, reason: string) =>
        points.find(
          (p) =>
            p.attributes['agent.telemetry.signal'] === signal &&
            p.attributes['agent.telemetry.drop.reason'] === reason,
        )?.value;
      expect(value('logs', 'queue_full')).toBe(5);
      expect(value('spans', 'export_failed')).toBe(4);
      expect(value('metrics', 'export_failed')).toBe(0);
      expect(points.every((p) => p.attributes['gen_ai.agent.name'] === 'bot')).toBe(true);
      expect(warn).toHaveBeenCalledTimes(2);
      await provider.shutdown();
    } finally {
      diag.disable();
    }
  });

  it('counts spans refused by the batch processor queue and spans of failed exports', async () => {
    const dropped = new DroppedTelemetry('bot');
    const exporter = new InMemorySpanExporter();
    const processor = new BatchSpanProcessor({
      exporter,
      maxQueueSize: 2,
      maxExportBatchSize: 2,
      selfObsMeterProvider: spanQueueDropsMeterProvider(dropped),
    });
    const tracer = new TracerProvider({ spanProcessors: [processor] }).getTracer('t');
    for (let i = 0; i < 20; i++) tracer.startSpan(`s${i}`).end();
    await processor.forceFlush();
    // Every span ended was either exported or counted as dropped.
    expect(dropped.total('spans', 'queue_full')).toBeGreaterThan(0);
    expect(exporter.getFinishedSpans().length + dropped.total('spans', 'queue_full')).toBe(20);

    const failing = countingSpanExporter(
      {
        export: (_spans, done) => done({ code: ExportResultCode.FAILED }),
        shutdown: async () => {},
      },
      dropped,
    );
    await new Promise<void>((resolve) => failing.export([{}, {}] as never, () => resolve()));
    expect(dropped.total('spans', 'export_failed')).toBe(2);
  });
});
