import { MetricReader } from '@opentelemetry/sdk-metrics';

/**
 * A metric reader that only collects when asked (on each scrape), with the SDK's default
 * cumulative temporality. Nothing is buffered, so flush and shutdown have nothing to do.
 */
export class PullMetricReader extends MetricReader {
  protected override async onForceFlush(): Promise<void> {}
  protected override async onShutdown(): Promise<void> {}
}
