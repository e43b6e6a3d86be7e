import {
  type CatalogMetricNameOf,
  createVitals,
  GEN_AI_SEMCONV_STREAMS,
  type GenAiSemconvStreamName,
  genAiSemconvViews,
  METRIC_CATALOG,
  type Vitals,
  type VitalsOptions,
} from '@agentvitals/core';
import type { Attributes } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  InMemoryLogRecordExporter,
  LoggerProvider,
  type ReadableLogRecord,
  SimpleLogRecordProcessor,
} from '@opentelemetry/sdk-logs';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import {
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import { ensureContextManager } from './context-manager.js';
import { includesAttributes, MetricStore, type Series } from './metric-store.js';
import { TestMetricReader } from './test-metric-reader.js';

export interface TestKitOptions
  extends Omit<VitalsOptions, 'agentName' | 'meterProvider' | 'tracerProvider' | 'loggerProvider'> {
  /** Default `test-agent`. */
  readonly agentName?: string;
  /** Resource attributes of the kit's providers; default `{ 'service.name': 'agentvitals-test' }`. */
  readonly resource?: Attributes;
  /**
   * Also record the GenAI semantic-convention streams (`gen_ai.client.operation.duration`,
   * `gen_ai.invoke_agent.duration`, `gen_ai.execute_tool.duration`), as `start()` does. Default true.
   */
  readonly genAiStreams?: boolean;
}

/** Instruments whose value is a histogram's `{ count, sum }`. */
export type HistogramMetricName = CatalogMetricNameOf<'histogram'> | GenAiSemconvStreamName;
/** Instruments whose value is one number: counters, up-down counters and gauges. */
export type NumberMetricName = CatalogMetricNameOf<'counter' | 'updowncounter' | 'gauge'>;

/** A histogram's count and sum, summed over the matching series. */
export interface HistogramValue {
  readonly count: number;
  readonly sum: number;
}

export interface TestKit {
  /** A vitals instance recording into this kit only. */
  readonly vitals: Vitals;
  readonly meterProvider: MeterProvider;
  readonly tracerProvider: TracerProvider;
  readonly loggerProvider: LoggerProvider;
  /** Another vitals instance (another agent) on this kit's providers. */
  createVitals(options: Omit<VitalsOptions, 'meterProvider' | 'tracerProvider' | 'loggerProvider'>): Vitals;
  /**
   * A counter's, up-down counter's or gauge's value, or a histogram's `{ count, sum }`, summed
   * over the series whose attributes include `attributes`. 0 (or `{ count: 0, sum: 0 }`) when no
   * series matches. Throws for a name that is neither in the metric catalog nor recorded, to
   * catch typos. Typed by the name: a catalog counter gives `number`, a catalog histogram
   * `HistogramValue`; any other name gives the union (or use `counter()` and `histogram()`).
   */
  metric(name: HistogramMetricName, attributes?: Attributes): Promise<HistogramValue>;
  metric(name: NumberMetricName, attributes?: Attributes): Promise<number>;
  metric(name: string, attributes?: Attributes): Promise<number | HistogramValue>;
  /** A counter's, up-down counter's or gauge's value, as `metric()`; throws for a histogram. */
  counter(name: string, attributes?: Attributes): Promise<number>;
  /** A histogram's `{ count, sum }`, as `metric()`; throws for any other instrument. */
  histogram(name: string, attributes?: Attributes): Promise<HistogramValue>;
  /** Every series of an instrument (or of all instruments), with attributes, unit and buckets. */
  series(name?: string): Promise<Series[]>;
  /** Finished spans, in the order they ended. */
  spans(): ReadableSpan[];
  /** Emitted log records (thoughts among them), in order. */
  logs(): ReadableLogRecord[];
  /** Forgets every metric, span and log recorded so far. */
  reset(): Promise<void>;
  shutdown(): Promise<void>;
}

const STREAM_NAMES: readonly string[] = GEN_AI_SEMCONV_STREAMS.map((stream) => stream.name);
const HISTOGRAM_NAMES = new Set<string>([
  ...METRIC_CATALOG.filter((m) => m.kind === 'histogram').map((m) => m.name),
  ...STREAM_NAMES,
]);
const CATALOG_NAMES = new Set<string>([...METRIC_CATALOG.map((m) => m.name), ...STREAM_NAMES]);

/**
 * Wires an in-memory metric reader, span exporter and log exporter from the OpenTelemetry
 * SDK to a fresh vitals instance. Kits are isolated from each other and from the global
 * providers; only the context manager is shared (one is registered if none works).
 */
export function createTestKit(options: TestKitOptions = {}): TestKit {
  ensureContextManager();
  const {
    agentName = 'test-agent',
    resource: resourceAttributes,
    genAiStreams = true,
    ...vitalsOptions
  } = options;
  const resource = resourceFromAttributes(resourceAttributes ?? { 'service.name': 'agentvitals-test' });
  const reader = new TestMetricReader();
  // With views, an instrument no view matches is dropped: the `*` view keeps every instrument's own stream.
  const views = genAiStreams ? [{ instrumentName: '*' }, ...genAiSemconvViews()] : [];
  const meterProvider = new MeterProvider({ resource, readers: [reader], views });
  const spanExporter = new InMemorySpanExporter();
  const tracerProvider = new TracerProvider({
    resource,
    spanProcessors: [new SimpleSpanProcessor({ exporter: spanExporter })],
  });
  const logExporter = new InMemoryLogRecordExporter();
  const loggerProvider = new LoggerProvider({
    resource,
    processors: [new SimpleLogRecordProcessor({ exporter: logExporter })],
  });
  const store = new MetricStore();
  const providers = { meterProvider, tracerProvider, loggerProvider };

  const collect = async () => {
    const { resourceMetrics, errors } = await reader.collect();
    if (errors.length > 0) throw new AggregateError(errors, 'metric collection failed');
    store.add(resourceMetrics);
  };

  const value = async (name: string, attributes: Attributes = {}): Promise<number | HistogramValue> => {
    await collect();
    const matching = store.series(name).filter((s) => includesAttributes(s.attributes, attributes));
    if (matching.length === 0 && !store.has(name) && !CATALOG_NAMES.has(name)) {
      throw new Error(`no metric named '${name}' was recorded, and it is not in the Agent Vitals catalog`);
    }
    const isHistogram =
      matching.length > 0 ? matching[0]!.value.type === 'histogram' : HISTOGRAM_NAMES.has(name);
    if (isHistogram) {
      let count = 0;
      let sum = 0;
      for (const s of matching) {
        if (s.value.type === 'histogram') {
          count += s.value.count;
          sum += s.value.sum;
        }
      }
      return { count, sum };
    }
    let total = 0;
    for (const s of matching) if (s.value.type !== 'histogram') total += s.value.value;
    return total;
  };

  return {
    vitals: createVitals({ ...vitalsOptions, agentName, ...providers }),
    ...providers,
    createVitals: (more) => createVitals({ ...more, ...providers }),
    metric: value as TestKit['metric'],
    async counter(name, attributes) {
      const result = await value(name, attributes);
      if (typeof result !== 'number') throw new TypeError(`'${name}' is a histogram: use kit.histogram()`);
      return result;
    },
    async histogram(name, attributes) {
      const result = await value(name, attributes);
      if (typeof result === 'number') throw new TypeError(`'${name}' is not a histogram: use kit.counter()`);
      return result;
    },
    async series(name) {
      await collect();
      return store.series(name);
    },
    spans: () => spanExporter.getFinishedSpans(),
    logs: () => logExporter.getFinishedLogRecords(),
    async reset() {
      await collect();
      store.clear();
      spanExporter.reset();
      logExporter.reset();
    },
    async shutdown() {
      await Promise.all([meterProvider.shutdown(), tracerProvider.shutdown(), loggerProvider.shutdown()]);
    },
  };
}
