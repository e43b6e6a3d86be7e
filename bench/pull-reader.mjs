// What the benchmarks record into: a metric reader that is only read when asked (nothing is
// exported on a timer), and a span processor that drops finished spans, so the cost measured
// is the SDK's and the instrumentation's.
import { AggregationTemporality, MetricReader } from '@opentelemetry/sdk-metrics';

export class PullReader extends MetricReader {
  constructor() {
    super({ aggregationTemporalitySelector: () => AggregationTemporality.CUMULATIVE });
  }
  async onForceFlush() {}
  async onShutdown() {}
}

/** A span processor that ends spans nowhere. */
export const DISCARD_SPANS = {
  onStart() {},
  onEnd() {},
  forceFlush: async () => {},
  shutdown: async () => {},
};
