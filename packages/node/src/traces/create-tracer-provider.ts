import type { Resource } from '@opentelemetry/resources';
import { BatchSpanProcessor, type SpanExporter, TracerProvider } from '@opentelemetry/sdk-trace';

/** Spans are batched (bounded queue, dropped spans counted by the SDK) and flushed on shutdown. */
export function createTracerProvider(resource: Resource, exporters: readonly SpanExporter[]): TracerProvider {
  return new TracerProvider({
    resource,
    spanProcessors: exporters.map((exporter) => new BatchSpanProcessor({ exporter })),
  });
}
