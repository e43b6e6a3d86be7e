/**
 * A flat view of decoded OTLP export requests, the same whether they arrived as
 * protobuf or as OTLP/JSON: ids as lowercase hex, int64 values as numbers (times as bigint).
 */
export type AttributeValue =
  | string
  | number
  | boolean
  | null
  | readonly AttributeValue[]
  | { readonly [key: string]: AttributeValue };
export type Attributes = Readonly<Record<string, AttributeValue>>;

export interface Scope {
  readonly name: string;
  readonly version: string;
}

export interface ReceivedSpan {
  readonly traceId: string;
  readonly spanId: string;
  /** Empty for a root span. */
  readonly parentSpanId: string;
  readonly name: string;
  readonly kind: number;
  readonly startTimeUnixNano: bigint;
  readonly endTimeUnixNano: bigint;
  readonly attributes: Attributes;
  readonly status: { readonly code: number; readonly message: string };
  /** Span events (the `exception` event of a failed call), with their attributes. */
  readonly events: readonly { readonly name: string; readonly attributes: Attributes }[];
  readonly resource: Attributes;
  readonly scope: Scope;
}

export interface ReceivedDataPoint {
  readonly attributes: Attributes;
  /** 0 when absent (gauges). */
  readonly startTimeUnixNano: bigint;
  readonly timeUnixNano: bigint;
  /** Gauge and sum points. */
  readonly value?: number;
  /** Histogram points. */
  readonly count?: number;
  readonly sum?: number;
  readonly min?: number;
  readonly max?: number;
  readonly bucketCounts?: readonly number[];
  readonly explicitBounds?: readonly number[];
}

export type MetricType = 'gauge' | 'sum' | 'histogram' | 'exponentialHistogram' | 'summary';

export interface ReceivedMetric {
  readonly name: string;
  readonly unit: string;
  readonly description: string;
  readonly type: MetricType;
  readonly isMonotonic?: boolean;
  /** 1 delta, 2 cumulative. */
  readonly temporality?: number;
  readonly points: readonly ReceivedDataPoint[];
  readonly resource: Attributes;
  readonly scope: Scope;
}

export interface ReceivedLogRecord {
  readonly eventName: string;
  readonly body: AttributeValue;
  readonly severityNumber: number;
  readonly severityText: string;
  readonly attributes: Attributes;
  readonly traceId: string;
  readonly spanId: string;
  readonly timeUnixNano: bigint;
  readonly resource: Attributes;
  readonly scope: Scope;
}

/** How the id fields (trace, span, parent span) are encoded: base64 from protobuf, hex in OTLP/JSON. */
export type IdEncoding = 'base64' | 'hex';

// Decoded OTLP payloads are untyped JSON-like trees.
type Json = any;

const list = (value: Json): Json[] => (Array.isArray(value) ? value : []);

const toNumber = (value: Json): number => {
  if (value === undefined || value === null || value === '') return 0;
  if (typeof value === 'object' && 'low' in value && 'high' in value) {
    return Number(BigInt.asUintN(64, (BigInt(value.high >>> 0) << 32n) | BigInt(value.low >>> 0)));
  }
  return Number(value);
};

const toBigInt = (value: Json): bigint => {
  if (value === undefined || value === null || value === '') return 0n;
  if (typeof value === 'number') return BigInt(Math.trunc(value));
  return BigInt(String(value));
};

const toId = (value: Json, encoding: IdEncoding): string => {
  if (value === undefined || value === null) return '';
  if (value instanceof Uint8Array) return Buffer.from(value).toString('hex');
  const text = String(value);
  return encoding === 'hex' ? text.toLowerCase() : Buffer.from(text, 'base64').toString('hex');
};

export function toAttributeValue(value: Json): AttributeValue {
  if (value === undefined || value === null) return null;
  if ('stringValue' in value) return String(value.stringValue);
  if ('boolValue' in value) return Boolean(value.boolValue);
  if ('intValue' in value) return toNumber(value.intValue);
  if ('doubleValue' in value) return Number(value.doubleValue);
  if ('arrayValue' in value) return list(value.arrayValue?.values).map(toAttributeValue);
  if ('kvlistValue' in value) return toAttributes(value.kvlistValue?.values);
  if ('bytesValue' in value) return String(value.bytesValue);
  return null;
}

export function toAttributes(keyValues: Json): Attributes {
  const attributes: Record<string, AttributeValue> = {};
  for (const entry of list(keyValues)) attributes[String(entry.key)] = toAttributeValue(entry.value);
  return attributes;
}

const toScope = (scope: Json): Scope => ({
  name: String(scope?.name ?? ''),
  version: String(scope?.version ?? ''),
});

export function spansOf(request: Json, encoding: IdEncoding): ReceivedSpan[] {
  const spans: ReceivedSpan[] = [];
  for (const resourceSpans of list(request?.resourceSpans)) {
    const resource = toAttributes(resourceSpans.resource?.attributes);
    for (const scopeSpans of list(resourceSpans.scopeSpans)) {
      const scope = toScope(scopeSpans.scope);
      for (const span of list(scopeSpans.spans)) {
        spans.push({
          traceId: toId(span.traceId, encoding),
          spanId: toId(span.spanId, encoding),
          parentSpanId: toId(span.parentSpanId, encoding),
          name: String(span.name ?? ''),
          kind: toNumber(span.kind),
          startTimeUnixNano: toBigInt(span.startTimeUnixNano),
          endTimeUnixNano: toBigInt(span.endTimeUnixNano),
          attributes: toAttributes(span.attributes),
          status: { code: toNumber(span.status?.code), message: String(span.status?.message ?? '') },
          events: list(span.events).map((event) => ({
            name: String(event.name ?? ''),
            attributes: toAttributes(event.attributes),
          })),
          resource,
          scope,
        });
      }
    }
  }
  return spans;
}

const METRIC_TYPES: readonly MetricType[] = ['gauge', 'sum', 'histogram', 'exponentialHistogram', 'summary'];

const toPoint = (point: Json): ReceivedDataPoint => {
  const base = {
    attributes: toAttributes(point.attributes),
    startTimeUnixNano: toBigInt(point.startTimeUnixNano),
    timeUnixNano: toBigInt(point.timeUnixNano),
  };
  if ('asDouble' in point || 'asInt' in point) {
    return { ...base, value: 'asDouble' in point ? Number(point.asDouble) : toNumber(point.asInt) };
  }
  return {
    ...base,
    count: toNumber(point.count),
    sum: point.sum === undefined ? undefined : Number(point.sum),
    min: point.min === undefined ? undefined : Number(point.min),
    max: point.max === undefined ? undefined : Number(point.max),
    bucketCounts: list(point.bucketCounts).map(toNumber),
    explicitBounds: list(point.explicitBounds).map(Number),
  };
};

export function metricsOf(request: Json): ReceivedMetric[] {
  const metrics: ReceivedMetric[] = [];
  for (const resourceMetrics of list(request?.resourceMetrics)) {
    const resource = toAttributes(resourceMetrics.resource?.attributes);
    for (const scopeMetrics of list(resourceMetrics.scopeMetrics)) {
      const scope = toScope(scopeMetrics.scope);
      for (const metric of list(scopeMetrics.metrics)) {
        const type = METRIC_TYPES.find((candidate) => metric[candidate] !== undefined);
        if (type === undefined) continue;
        const data = metric[type];
        metrics.push({
          name: String(metric.name ?? ''),
          unit: String(metric.unit ?? ''),
          description: String(metric.description ?? ''),
          type,
          // proto3 omits false booleans: an absent is_monotonic on a sum means false.
          ...(type === 'sum' ? { isMonotonic: Boolean(data.isMonotonic) } : {}),
          ...(data.aggregationTemporality !== undefined
            ? { temporality: toNumber(data.aggregationTemporality) }
            : {}),
          points: list(data.dataPoints).map(toPoint),
          resource,
          scope,
        });
      }
    }
  }
  return metrics;
}

export function logsOf(request: Json, encoding: IdEncoding): ReceivedLogRecord[] {
  const records: ReceivedLogRecord[] = [];
  for (const resourceLogs of list(request?.resourceLogs)) {
    const resource = toAttributes(resourceLogs.resource?.attributes);
    for (const scopeLogs of list(resourceLogs.scopeLogs)) {
      const scope = toScope(scopeLogs.scope);
      for (const record of list(scopeLogs.logRecords)) {
        records.push({
          eventName: String(record.eventName ?? ''),
          body: toAttributeValue(record.body),
          severityNumber: toNumber(record.severityNumber),
          severityText: String(record.severityText ?? ''),
          attributes: toAttributes(record.attributes),
          traceId: toId(record.traceId, encoding),
          spanId: toId(record.spanId, encoding),
          timeUnixNano: toBigInt(record.timeUnixNano),
          resource,
          scope,
        });
      }
    }
  }
  return records;
}
