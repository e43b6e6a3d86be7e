import type { ViewOptions } from '@opentelemetry/sdk-metrics';

/**
 * One view for every instrument that only caps cardinality: past `limit` attribute sets an
 * instrument records into a single `otel.metric.overflow=true` series instead of growing
 * without bound. The aggregation stays the default, so the explicit bucket boundaries the
 * core instruments give as advice (GenAI semconv buckets) still apply.
 */
export function createViews(cardinalityLimit: number): ViewOptions[] {
  return [{ instrumentName: '*', aggregationCardinalityLimit: cardinalityLimit }];
}
