import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import type { PushMetricExporter, ResourceMetrics } from '@opentelemetry/sdk-metrics';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';
import type { DroppedTelemetry } from './dropped-telemetry.js';

/** A span exporter that counts the spans of every failed export in `agent.telemetry.dropped`. */
export function countingSpanExporter(exporter: SpanExporter, dropped: DroppedTelemetry): SpanExporter {
  return {
    export(spans: ReadableSpan[], done: (result: ExportResult) => void) {
      exporter.export(spans, (result) => {
        if (result.code !== ExportResultCode.SUCCESS) dropped.record('spans', 'export_failed', spans.length);
        done(result);
      });
    },
    shutdown: () => exporter.shutdown(),
    forceFlush: () => exporter.forceFlush?.() ?? Promise.resolve(),
  };
}

/** A metric exporter that counts every failed export (one item per export) in `agent.telemetry.dropped`. */
export function countingMetricExporter(
  exporter: PushMetricExporter,
  dropped: DroppedTelemetry,
): PushMetricExporter {
  const counting: PushMetricExporter = {
    export(metrics: ResourceMetrics, done: (result: ExportResult) => void) {
      exporter.export(metrics, (result) => {
        if (result.code !== ExportResultCode.SUCCESS) dropped.record('metrics', 'export_failed', 1);
        done(result);
      });
    },
    shutdown: () => exporter.shutdown(),
    forceFlush: () => exporter.forceFlush(),
  };
  if (exporter.selectAggregationTemporality)
    counting.selectAggregationTemporality = exporter.selectAggregationTemporality.bind(exporter);
  if (exporter.selectAggregation) counting.selectAggregation = exporter.selectAggregation.bind(exporter);
  return counting;
}
