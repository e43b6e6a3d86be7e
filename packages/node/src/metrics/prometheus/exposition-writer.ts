import { prometheusMetricName } from '@agentvitals/core';
import { type Attributes, diag } from '@opentelemetry/api';
import {
  DataPointType,
  type Histogram,
  type MetricData,
  type ResourceMetrics,
  type ScopeMetrics,
} from '@opentelemetry/sdk-metrics';
import { labelNameOf } from './label-names.js';

const log = diag.createComponentLogger({ namespace: '@agentvitals/node/prometheus' });

/** Where the text goes; `write` resolves when the sink can take more (backpressure). */
export interface ExpositionSink {
  write(text: string): void | Promise<void>;
  /** True once the reader went away: the rest is not written. */
  readonly closed: boolean;
}

export interface ExpositionOptions {
  /** Longest stretch of synchronous work before yielding to the event loop, in ms. Default 8. */
  readonly sliceMs?: number;
  /** Text buffered before it is handed to the sink, in UTF-16 code units. Default 256 KiB. */
  readonly chunkSize?: number;
  /** Yields to the event loop; `setImmediate` by default (tests and benchmarks may count it). */
  readonly yieldToLoop?: () => Promise<void>;
}

const yieldImmediate = () => new Promise<void>((resolve) => setImmediate(resolve));

type PrometheusType = 'counter' | 'gauge' | 'histogram';

interface Family {
  readonly name: string;
  readonly type: PrometheusType;
  readonly help: string;
  readonly members: Array<{ metric: MetricData; scopeLabels: string }>;
}

function typeOf(metric: MetricData): PrometheusType | undefined {
  switch (metric.dataPointType) {
    case DataPointType.SUM:
      return metric.isMonotonic ? 'counter' : 'gauge';
    case DataPointType.GAUGE:
      return 'gauge';
    case DataPointType.HISTOGRAM:
      return 'histogram';
    default:
      return undefined;
  }
}

const KIND_OF_TYPE = { counter: 'counter', gauge: 'gauge', histogram: 'histogram' } as const;

/** `name` as the OTel Collector's Prometheus exporters write it (unit suffix, `_total`, `_ratio`). */
function familyName(metric: MetricData, type: PrometheusType): string {
  const { name, unit } = metric.descriptor;
  // A non-monotonic sum is a Prometheus gauge, but keeps its OTel kind for the `_ratio` rule.
  const kind =
    metric.dataPointType === DataPointType.SUM && !metric.isMonotonic ? 'updowncounter' : KIND_OF_TYPE[type];
  return prometheusMetricName(name, unit, kind);
}

const escapeHelp = (text: string) => text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
const escapeLabelValue = (text: string) =>
  text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');

function valueText(value: number): string {
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(value);
}

/**
 * `{a="1",b="2"` without the closing brace, so histogram buckets can append `le`. Attribute keys
 * that become the same label (`a.b`, `a_b`) are merged with `;`, as the Collector does, since
 * Prometheus rejects a whole scrape with a repeated label.
 */
function openLabels(attributes: Attributes, tail: string): string {
  const names: string[] = [];
  const values: string[] = [];
  for (const key in attributes) {
    const raw = attributes[key];
    if (raw === undefined) continue;
    const name = labelNameOf(key);
    const value = escapeLabelValue(typeof raw === 'string' ? raw : JSON.stringify(raw));
    const seen = names.indexOf(name);
    if (seen === -1) {
      names.push(name);
      values.push(value);
    } else {
      values[seen] = `${values[seen]};${value}`;
    }
  }
  let text = '{';
  for (let index = 0; index < names.length; index++) text += `${names[index]}="${values[index]}",`;
  return text + tail;
}

/**
 * Label text per attribute set, by scope. The SDK hands out the same attributes object for a
 * series on every collection, so a scrape after the first rebuilds almost no label text; entries
 * go with their series when the SDK drops them (weak keys).
 */
const labelTexts = new Map<string, WeakMap<Attributes, string>>();

function cachedLabels(attributes: Attributes, scopeLabels: string): string {
  let byAttributes = labelTexts.get(scopeLabels);
  if (byAttributes === undefined) {
    byAttributes = new WeakMap();
    if (labelTexts.size < 1024) labelTexts.set(scopeLabels, byAttributes);
  }
  let text = byAttributes.get(attributes);
  if (text === undefined) {
    text = openLabels(attributes, scopeLabels);
    byAttributes.set(attributes, text);
  }
  return text;
}

function scopeLabelsOf(scope: ScopeMetrics['scope']): string {
  let text = `otel_scope_name="${escapeLabelValue(scope.name)}"`;
  if (scope.version) text += `,otel_scope_version="${escapeLabelValue(scope.version)}"`;
  return text;
}

function groupFamilies(resourceMetrics: ResourceMetrics): Family[] {
  const families = new Map<string, Family | null>();
  for (const scopeMetrics of resourceMetrics.scopeMetrics) {
    const scopeLabels = scopeLabelsOf(scopeMetrics.scope);
    for (const metric of scopeMetrics.metrics) {
      const type = typeOf(metric);
      if (type === undefined) {
        log.warn(`metric "${metric.descriptor.name}" has a data point type Prometheus cannot show; skipped`);
        continue;
      }
      const name = familyName(metric, type);
      const family = families.get(name);
      if (family === null) continue;
      if (family === undefined) {
        families.set(name, {
          name,
          type,
          help: metric.descriptor.description,
          members: [{ metric, scopeLabels }],
        });
      } else if (family.type !== type) {
        log.warn(`metrics of types ${family.type} and ${type} both become "${name}"; dropping both`);
        families.set(name, null);
      } else {
        family.members.push({ metric, scopeLabels });
      }
    }
  }
  return [...families.values()].filter((family): family is Family => family !== null);
}

/**
 * Writes `resourceMetrics` in the Prometheus text format (0.0.4), `target_info` first, with the
 * names the OTel Collector gives the same data. The work is cut into slices of at most `sliceMs`
 * with a yield to the event loop in between, so a scrape of any size never stalls the agent for
 * long; the text goes to `sink` in chunks, honouring its backpressure.
 */
export async function writeExposition(
  resourceMetrics: ResourceMetrics,
  sink: ExpositionSink,
  options: ExpositionOptions = {},
): Promise<void> {
  const sliceMs = options.sliceMs ?? 8;
  const chunkSize = options.chunkSize ?? 262_144;
  const yieldToLoop = options.yieldToLoop ?? yieldImmediate;
  let buffer = '';
  let sliceStart = performance.now();
  let sinceCheck = 0;

  const flush = async () => {
    if (buffer === '') return;
    const text = buffer;
    buffer = '';
    await sink.write(text);
  };
  /** Called after every series: hands full chunks to the sink and yields when the slice is used up. */
  const pace = async () => {
    if (buffer.length >= chunkSize) await flush();
    if (++sinceCheck < 32) return;
    sinceCheck = 0;
    if (performance.now() - sliceStart < sliceMs) return;
    await flush();
    await yieldToLoop();
    sliceStart = performance.now();
  };

  buffer += `# HELP target_info Target metadata\n# TYPE target_info gauge\ntarget_info${openLabels(resourceMetrics.resource.attributes, '').replace(/,$/, '')}} 1\n`;
  for (const family of groupFamilies(resourceMetrics)) {
    if (sink.closed) return;
    buffer += `# HELP ${family.name} ${escapeHelp(family.help || family.name)}\n# TYPE ${family.name} ${family.type}\n`;
    for (const { metric, scopeLabels } of family.members) {
      const name = family.name;
      if (metric.dataPointType === DataPointType.HISTOGRAM) {
        for (const point of metric.dataPoints) {
          if (sink.closed) return;
          buffer += histogramText(name, cachedLabels(point.attributes, scopeLabels), point.value);
          await pace();
        }
      } else if (metric.dataPointType === DataPointType.SUM || metric.dataPointType === DataPointType.GAUGE) {
        for (const point of metric.dataPoints) {
          if (sink.closed) return;
          buffer += `${name}${cachedLabels(point.attributes, scopeLabels)}} ${valueText(point.value)}\n`;
          await pace();
        }
      }
    }
  }
  await flush();
}

const boundaryTexts = new WeakMap<readonly number[], string[]>();

function leTexts(boundaries: readonly number[]): string[] {
  let texts = boundaryTexts.get(boundaries);
  if (texts === undefined) {
    texts = boundaries.map((boundary) => `,le="${valueText(boundary)}"} `);
    boundaryTexts.set(boundaries, texts);
  }
  return texts;
}

function histogramText(name: string, labels: string, histogram: Histogram): string {
  const { boundaries, counts } = histogram.buckets;
  const les = leTexts(boundaries);
  const bucket = `${name}_bucket${labels}`;
  let text = '';
  let cumulative = 0;
  for (let index = 0; index < boundaries.length; index++) {
    cumulative += counts[index] ?? 0;
    text += `${bucket}${les[index]}${cumulative}\n`;
  }
  cumulative += counts[boundaries.length] ?? 0;
  text += `${bucket},le="+Inf"} ${cumulative}\n`;
  text += `${name}_sum${labels}} ${valueText(histogram.sum ?? 0)}\n`;
  text += `${name}_count${labels}} ${histogram.count}\n`;
  return text;
}
