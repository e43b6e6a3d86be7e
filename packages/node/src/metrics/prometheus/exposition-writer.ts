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

/** Where the text goes, as UTF-8 chunks; `write` resolves when the sink can take more (backpressure). */
export interface ExpositionSink {
  write(chunk: Uint8Array): void | Promise<void>;
  /** True once the reader went away: the rest is not written. */
  readonly closed: boolean;
}

export interface ExpositionOptions {
  /** Longest stretch of synchronous work before yielding to the event loop, in ms. Default 4. */
  readonly sliceMs?: number;
  /** Size of the chunks handed to the sink, in bytes. Default 256 KiB. */
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

const RESERVED_LABELS = new Set(['le', 'otel_scope_name', 'otel_scope_version']);

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
    const label = labelNameOf(key);
    // Labels the writer adds itself: an attribute of that name would repeat them.
    const name = RESERVED_LABELS.has(label) ? `key_${label}` : label;
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
  const sliceMs = options.sliceMs ?? 4;
  const yieldToLoop = options.yieldToLoop ?? yieldImmediate;
  const chunks = new ChunkWriter(options.chunkSize ?? 262_144);
  let sliceStart = performance.now();
  let sinceCheck = 0;

  const handOver = async () => {
    for (const chunk of chunks.takeFull()) {
      if (sink.closed) return;
      await sink.write(chunk);
    }
  };
  /** True when the slice is used up (checked every 32 series: reading the clock costs too). */
  const sliceOver = () => {
    if (++sinceCheck < 32) return false;
    sinceCheck = 0;
    return performance.now() - sliceStart >= sliceMs;
  };
  const pause = async () => {
    chunks.rotate();
    await handOver();
    await yieldToLoop();
    sliceStart = performance.now();
  };

  chunks.put(
    `# HELP target_info Target metadata\n# TYPE target_info gauge\ntarget_info${openLabels(resourceMetrics.resource.attributes, '').replace(/,$/, '')}} 1\n`,
  );
  for (const family of groupFamilies(resourceMetrics)) {
    if (sink.closed) return;
    chunks.put(
      `# HELP ${family.name} ${escapeHelp(family.help || family.name)}\n# TYPE ${family.name} ${family.type}\n`,
    );
    for (const { metric, scopeLabels } of family.members) {
      const name = family.name;
      if (metric.dataPointType === DataPointType.HISTOGRAM) {
        for (const point of metric.dataPoints) {
          if (sink.closed) return;
          chunks.put(histogramText(name, cachedLabels(point.attributes, scopeLabels), point.value));
          if (chunks.hasFull()) await handOver();
          if (sliceOver()) await pause();
        }
      } else if (metric.dataPointType === DataPointType.SUM || metric.dataPointType === DataPointType.GAUGE) {
        for (const point of metric.dataPoints) {
          if (sink.closed) return;
          chunks.put(`${name}${cachedLabels(point.attributes, scopeLabels)}} ${valueText(point.value)}\n`);
          if (chunks.hasFull()) await handOver();
          if (sliceOver()) await pause();
        }
      }
    }
  }
  chunks.rotate();
  await handOver();
}

/**
 * UTF-8 text in fixed-size buffers. Each series' text is encoded as soon as it is built, so the
 * only text alive at a time is one series' (a long string held across a slice would be copied
 * by every young-generation collection), and the chunks live outside the JavaScript heap.
 */
class ChunkWriter {
  readonly #size: number;
  #chunk: Buffer;
  #used = 0;
  #full: Buffer[] = [];

  constructor(size: number) {
    this.#size = size;
    this.#chunk = Buffer.allocUnsafe(size);
  }

  put(text: string): void {
    // A UTF-16 code unit takes at most 3 UTF-8 bytes.
    if (this.#used + text.length * 3 > this.#size) {
      this.rotate();
      if (text.length * 3 > this.#size) {
        this.#full.push(Buffer.from(text, 'utf8'));
        return;
      }
    }
    this.#used += this.#chunk.write(text, this.#used, 'utf8');
  }

  /** Ends the current chunk (if it holds anything) and starts a new one. */
  rotate(): void {
    if (this.#used === 0) return;
    this.#full.push(this.#chunk.subarray(0, this.#used));
    this.#chunk = Buffer.allocUnsafe(this.#size);
    this.#used = 0;
  }

  hasFull(): boolean {
    return this.#full.length > 0;
  }

  takeFull(): Buffer[] {
    const full = this.#full;
    this.#full = [];
    return full;
  }
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
