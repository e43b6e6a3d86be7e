import { AggregationTemporality, MetricReader } from '@opentelemetry/sdk-metrics';

/** A pull reader for tests: delta temporality, so each collection holds what changed since the last. */
export class TestMetricReader extends MetricReader {
  constructor() {
    super({ aggregationTemporalitySelector: () => AggregationTemporality.DELTA });
  }

  protected override async onForceFlush(): Promise<void> {}

  protected override async onShutdown(): Promise<void> {}
}
