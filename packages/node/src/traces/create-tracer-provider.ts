import type { MeterProvider } from '@opentelemetry/api';
import type { Resource } from '@opentelemetry/resources';
import { BatchSpanProcessor, type SpanExporter, TracerProvider } from '@opentelemetry/sdk-trace';

/**
 * Spans are batched (bounded queue) and flushed on shutdown. `selfObsMeterProvider` receives
 * the batch processor's own counts, such as spans dropped by its full queue.
 */
export function createTracerProvider(
  resource: Resource,
  exporters: readonly SpanExporter[],
  selfObsMeterProvider?: MeterProvider,
): TracerProvider {
  return new TracerProvider({
    resource,
    spanProcessors: exporters.map(
      (exporter) =>
        new BatchSpanProcessor({ exporter, ...(selfObsMeterProvider ? { selfObsMeterProvider } : {}) }),
    ),
  });
}
