import type { Attributes } from '@opentelemetry/api';
import { DataPointType, type Histogram, type ResourceMetrics } from '@opentelemetry/sdk-metrics';

/** One series of one instrument, accumulated over every collection since the last reset. */
export type SeriesValue =
  | { readonly type: 'sum' | 'gauge'; value: number }
  | { readonly type: 'histogram'; count: number; sum: number; boundaries: number[]; bucketCounts: number[] };

export interface Series {
  readonly name: string;
  readonly unit: string;
  readonly description: string;
  readonly attributes: Attributes;
  readonly value: SeriesValue;
}

const seriesKey = (name: string, attributes: Attributes) =>
  `${name}\u0000${JSON.stringify(
    Object.keys(attributes)
      .sort()
      .map((k) => [k, attributes[k]]),
  )}`;

/**
 * Accumulates delta collections into cumulative series, so that `reset()` really starts
 * from zero (an SDK's cumulative state cannot be cleared).
 */
export class MetricStore {
  readonly #series = new Map<string, Series>();
  readonly #names = new Set<string>();

  add(resourceMetrics: ResourceMetrics): void {
    for (const scope of resourceMetrics.scopeMetrics) {
      for (const metric of scope.metrics) {
        const { name, unit, description } = metric.descriptor;
        this.#names.add(name);
        for (const point of metric.dataPoints) {
          const key = seriesKey(name, point.attributes);
          const existing = this.#series.get(key);
          if (metric.dataPointType === DataPointType.HISTOGRAM) {
            const histogram = point.value as Histogram;
            if (existing && existing.value.type === 'histogram') {
              existing.value.count += histogram.count;
              existing.value.sum += histogram.sum ?? 0;
              histogram.buckets.counts.forEach((c, i) => {
                if (existing.value.type === 'histogram') {
                  existing.value.bucketCounts[i] = (existing.value.bucketCounts[i] ?? 0) + c;
                }
              });
            } else {
              this.#series.set(key, {
                name,
                unit,
                description,
                attributes: point.attributes,
                value: {
                  type: 'histogram',
                  count: histogram.count,
                  sum: histogram.sum ?? 0,
                  boundaries: [...histogram.buckets.boundaries],
                  bucketCounts: [...histogram.buckets.counts],
                },
              });
            }
          } else if (metric.dataPointType === DataPointType.SUM) {
            const value = point.value as number;
            if (existing && existing.value.type === 'sum') existing.value.value += value;
            else
              this.#series.set(key, {
                name,
                unit,
                description,
                attributes: point.attributes,
                value: { type: 'sum', value },
              });
          } else if (metric.dataPointType === DataPointType.GAUGE) {
            const value = point.value as number;
            this.#series.set(key, {
              name,
              unit,
              description,
              attributes: point.attributes,
              value: { type: 'gauge', value },
            });
          }
        }
      }
    }
  }

  /** True if the instrument was ever seen with data since the last reset. */
  has(name: string): boolean {
    return this.#names.has(name);
  }

  series(name?: string): Series[] {
    const all = [...this.#series.values()];
    return name === undefined ? all : all.filter((s) => s.name === name);
  }

  clear(): void {
    this.#series.clear();
    this.#names.clear();
  }
}

/** True when every given attribute is present on the series with the same value. */
export function includesAttributes(series: Attributes, wanted: Attributes): boolean {
  for (const [key, value] of Object.entries(wanted)) {
    if (series[key] !== value) return false;
  }
  return true;
}
