import { ensureContextManager } from '@agentvitals/testing';
import { type Attributes, type Context, context, propagation } from '@opentelemetry/api';
import {
  AggregationTemporality,
  AggregationType,
  type DataPoint,
  DataPointType,
  InMemoryMetricExporter,
  MeterProvider,
  MetricReader,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import { describe, expect, it, vi } from 'vitest';
import type { MetricDefinition } from '../semconv/metrics.js';
import { batchedCounter } from './batched-counter.js';

class Reader extends MetricReader {
  constructor(temporality = AggregationTemporality.CUMULATIVE) {
    super({ aggregationTemporalitySelector: () => temporality });
  }
  async onForceFlush() {}
  async onShutdown() {}
}

const DEFINITION = { name: 'test.calls', unit: '{call}', description: 'calls' } as MetricDefinition;
const OPTIONS = { description: 'calls', unit: '{call}' };

function setUp(
  options: { views?: NonNullable<ConstructorParameters<typeof MeterProvider>[0]>['views'] } = {},
) {
  const reader = new Reader();
  const deltaReader = new Reader(AggregationTemporality.DELTA);
  const provider = new MeterProvider({ readers: [reader, deltaReader], views: options.views });
  const meter = provider.getMeter('test');
  const hook = meter.createObservableGauge('test.hook');
  const counter = () => batchedCounter(meter, hook, DEFINITION, OPTIONS);
  return { provider, meter, reader, deltaReader, counter };
}

/** Series of `test.calls` in one collection, as `JSON(attributes) -> value`. */
async function read(reader: MetricReader): Promise<Record<string, number>> {
  const { resourceMetrics } = await reader.collect();
  const series: Record<string, number> = {};
  for (const scope of resourceMetrics.scopeMetrics) {
    for (const metric of scope.metrics) {
      if (metric.descriptor.name !== 'test.calls') continue;
      expect(metric.dataPointType).toBe(DataPointType.SUM);
      for (const point of metric.dataPoints) series[JSON.stringify(point.attributes)] = point.value as number;
    }
  }
  return series;
}

/** The data points of `test.calls` in everything `exporter` received. */
function exported(exporter: InMemoryMetricExporter): DataPoint<number>[] {
  return exporter
    .getMetrics()
    .flatMap((resource) => resource.scopeMetrics)
    .flatMap((scope) => scope.metrics)
    .filter((metric) => metric.descriptor.name === 'test.calls')
    .flatMap((metric) => metric.dataPoints as DataPoint<number>[]);
}

const A: Attributes = Object.freeze({ tool: 'a' });
const B: Attributes = Object.freeze({ tool: 'b' });

describe('batchedCounter', () => {
  it('exports, at each collection, the sums of the adds before it, to cumulative and delta readers', async () => {
    const { reader, deltaReader, counter } = setUp();
    const calls = counter();
    calls.add(1, A);
    calls.add(1, A);
    calls.add(2.5, B);
    expect(await read(reader)).toEqual({ '{"tool":"a"}': 2, '{"tool":"b"}': 2.5 });
    calls.add(1, A);
    expect(await read(reader)).toEqual({ '{"tool":"a"}': 3, '{"tool":"b"}': 2.5 });
    // The delta reader had not collected yet: it gets everything once, then only what is new.
    expect(await read(deltaReader)).toEqual({ '{"tool":"a"}': 3, '{"tool":"b"}': 2.5 });
    calls.add(4, B);
    expect(await read(deltaReader)).toEqual({ '{"tool":"b"}': 4 });
    expect(await read(reader)).toEqual({ '{"tool":"a"}': 3, '{"tool":"b"}': 6.5 });
  });

  it('is one counter per meter and name: adds through either, and equal attribute objects, add up', async () => {
    const { reader, counter } = setUp();
    const first = counter();
    const second = counter();
    expect(second).toBe(first);
    first.add(1, A);
    second.add(1, { tool: 'a' });
    second.add(1, A);
    expect(await read(reader)).toEqual({ '{"tool":"a"}': 3 });
  });

  it('shows a series from its first add, even of 0, and does with values it cannot sum what the SDK counter does', async () => {
    const { reader, meter, counter } = setUp();
    const calls = counter();
    const plain = meter.createCounter('test.plain');
    for (const [value, attributes] of [
      [0, A],
      [-1, B],
      [Number.NaN, B],
      [Number.POSITIVE_INFINITY, { tool: 'c' }],
      [1, undefined],
    ] as const) {
      calls.add(value, attributes);
      plain.add(value, attributes);
    }
    const { resourceMetrics } = await reader.collect();
    const metrics = resourceMetrics.scopeMetrics[0]!.metrics;
    const points = (name: string) =>
      metrics
        .find((metric) => metric.descriptor.name === name)!
        .dataPoints.map((p) => [p.attributes, p.value])
        .sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
    expect(points('test.calls')).toEqual(points('test.plain'));
    expect(points('test.calls')).toContainEqual([A, 0]);
    expect(points('test.calls')).toContainEqual([{}, 1]);
  });

  it('exports the start time of a series as a plain counter does: its first add since the last collection', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const { reader, deltaReader, meter, counter } = setUp();
      const calls = counter();
      const plain = meter.createCounter('test.plain');
      const both = (value: number, attributes: Attributes) => {
        calls.add(value, attributes);
        plain.add(value, attributes);
      };
      /** `[attributes, start, end, value]` of each point of `name`, in seconds. */
      const points = async (from: MetricReader) => {
        const { resourceMetrics } = await from.collect();
        const all = resourceMetrics.scopeMetrics.flatMap((scope) => scope.metrics);
        const of = (name: string) =>
          (all.find((metric) => metric.descriptor.name === name)?.dataPoints ?? []).map((p) => [
            p.attributes,
            p.startTime[0],
            p.endTime[0],
            p.value,
          ]);
        expect(of('test.calls')).toEqual(of('test.plain'));
        return of('test.calls');
      };
      vi.setSystemTime(1_000);
      both(1, A);
      vi.setSystemTime(2_000);
      both(1, A);
      vi.setSystemTime(5_000);
      expect(await points(reader)).toEqual([[A, 1, 5, 2]]);
      vi.setSystemTime(6_000);
      both(1, B);
      vi.setSystemTime(9_000);
      expect(await points(reader)).toEqual([
        [A, 1, 9, 2],
        [B, 6, 9, 1],
      ]);
      expect(await points(deltaReader)).toEqual([
        [A, 1, 9, 2],
        [B, 6, 9, 1],
      ]);
      // A delta series absent from the previous collection starts at its first add again.
      vi.setSystemTime(10_000);
      expect(await points(deltaReader)).toEqual([]);
      vi.setSystemTime(11_000);
      both(2, A);
      vi.setSystemTime(12_000);
      both(1, A);
      vi.setSystemTime(14_000);
      expect(await points(deltaReader)).toEqual([[A, 11, 14, 3]]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("records with the root context, the caller's and the collection's alike: a context-reading attributes processor sees none", async () => {
    ensureContextManager();
    const tenants = (value: string) =>
      propagation.setBaggage(context.active(), propagation.createBaggage({ tenant: { value } }));
    // A view's processor may add dimensions from the context: it sees the active one on a plain counter.
    const byTenant = {
      process(incoming: Attributes, from?: Context): Attributes {
        const tenant = from === undefined ? undefined : propagation.getBaggage(from)?.getEntry('tenant');
        return tenant === undefined ? incoming : { ...incoming, tenant: tenant.value };
      },
    };
    const { reader, meter, counter } = setUp({
      views: [{ instrumentName: '*', attributesProcessors: [byTenant] }],
    });
    const calls = counter();
    const plain = meter.createCounter('test.plain');
    for (const tenant of ['x', 'y', 'x'])
      context.with(tenants(tenant), () => {
        calls.add(1, A);
        plain.add(1, A);
      });
    const { resourceMetrics } = await context.with(tenants('scraper'), () => reader.collect());
    const points = (name: string) =>
      resourceMetrics.scopeMetrics[0]!.metrics.find(
        (metric) => metric.descriptor.name === name,
      )!.dataPoints.map((p) => [p.attributes, p.value]);
    expect(points('test.plain')).toEqual([
      [{ tool: 'a', tenant: 'x' }, 2],
      [{ tool: 'a', tenant: 'y' }, 1],
    ]);
    expect(points('test.calls')).toEqual([[A, 3]]);
  });

  it('keeps the cardinality limit and its overflow series exact', async () => {
    const { reader, counter } = setUp({
      views: [{ instrumentName: 'test.calls', aggregationCardinalityLimit: 3 }],
    });
    const calls = counter();
    for (let index = 0; index < 10; index++) calls.add(1, Object.freeze({ tool: `t${index}` }));
    calls.add(5, Object.freeze({ tool: 't9' }));
    const series = await read(reader);
    expect(Object.keys(series)).toHaveLength(3);
    expect(series['{"otel.metric.overflow":true}']).toBe(13);
  });

  it.each([
    ['a cumulative reader', [AggregationTemporality.CUMULATIVE]],
    ['a delta reader', [AggregationTemporality.DELTA]],
    ['two readers', [AggregationTemporality.CUMULATIVE, AggregationTemporality.DELTA]],
  ])('sums fractional values as the SDK counter does, over collections, for %s', async (_, temporalities) => {
    const readers = temporalities.map((temporality) => new Reader(temporality));
    const meter = new MeterProvider({ readers }).getMeter('test');
    const calls = batchedCounter(meter, meter.createObservableGauge('test.hook'), DEFINITION, OPTIONS);
    const plain = meter.createCounter('test.plain');
    let seed = 7;
    for (let round = 0; round < 6; round++) {
      for (let index = 0; index < 50; index++) {
        seed = (seed * 48_271) % 2_147_483_647;
        const usd = (seed % 100_000) / 7_919_000 + 0.1;
        calls.add(usd, A);
        plain.add(usd, A);
      }
      const { resourceMetrics } = await readers[round % readers.length]!.collect();
      const value = (name: string) =>
        resourceMetrics.scopeMetrics[0]!.metrics.find((metric) => metric.descriptor.name === name)!
          .dataPoints[0]!.value as number;
      // To the bit with one reader. With two and no view, the SDK keeps a storage per reader,
      // and a plain counter's adds run on in a reader's storage until that reader collects;
      // the batched sums are handed to both at every collection of either, so a reader's sum
      // is added up in another order: equal within rounding.
      if (readers.length === 1) expect(value('test.calls')).toBe(value('test.plain'));
      else expect(value('test.calls')).toBeCloseTo(value('test.plain'), 12);
    }
  });

  it('hands every sum over to each of two readers collecting at once, while slicing', async () => {
    const { reader, deltaReader, counter } = setUp({
      views: [{ instrumentName: 'test.calls', aggregationCardinalityLimit: 100_000 }],
    });
    const calls = counter();
    const sets = Array.from({ length: 5_000 }, (_, index) => Object.freeze({ tool: `t${index}` }));
    for (const set of sets) calls.add(1, set);
    setImmediate(() => calls.add(1, sets[4_999]!));
    const [cumulative, delta] = await Promise.all([read(reader), read(deltaReader)]);
    for (const series of [cumulative, delta]) {
      expect(Object.keys(series)).toHaveLength(5_000);
      expect(Object.values(series).reduce((sum, value) => sum + value, 0)).toBe(5_001);
    }
  });

  it('hands many series over in slices, letting the event loop run between them, and loses none', async () => {
    const { reader, counter } = setUp({
      views: [{ instrumentName: 'test.calls', aggregationCardinalityLimit: 100_000 }],
    });
    const calls = counter();
    const sets = Array.from({ length: 5_000 }, (_, index) => Object.freeze({ tool: `t${index}` }));
    for (const set of sets) calls.add(2, set);
    // Runs only if the event loop turns during the collection; an add made then is in it too.
    setImmediate(() => calls.add(1, sets[0]!));
    const series = await read(reader);
    expect(Object.keys(series)).toHaveLength(5_000);
    expect(series['{"tool":"t0"}']).toBe(3);
    expect(series['{"tool":"t4999"}']).toBe(2);
  });

  it('still hands the sums over when a view drops the instrument its callback is registered on', async () => {
    const { reader, counter } = setUp({
      views: [{ instrumentName: 'test.hook', aggregation: { type: AggregationType.DROP } }],
    });
    counter().add(1, A);
    expect(await read(reader)).toEqual({ '{"tool":"a"}': 1 });
  });

  it('loses nothing on shutdown: the final export carries the adds since the last one', async () => {
    const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
    const provider = new MeterProvider({
      readers: [new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 })],
    });
    const meter = provider.getMeter('test');
    const calls = batchedCounter(meter, meter.createObservableGauge('test.hook'), DEFINITION, OPTIONS);
    calls.add(1, A);
    calls.add(1, A);
    await provider.shutdown();
    const points = exported(exporter);
    expect(points.map((point) => point.value)).toEqual([2]);
  });

  it('loses nothing on shutdown when a busy event loop slows a sliced hand-over past the timeout', async () => {
    const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
    const provider = new MeterProvider({
      readers: [
        new PeriodicExportingMetricReader({
          exporter,
          exportIntervalMillis: 3_600_000,
          exportTimeoutMillis: 300,
        }),
      ],
      views: [{ instrumentName: 'test.calls', aggregationCardinalityLimit: 100_000 }],
    });
    const meter = provider.getMeter('test');
    const calls = batchedCounter(meter, meter.createObservableGauge('test.hook'), DEFINITION, OPTIONS);
    const sets = Array.from({ length: 20_000 }, (_, index) => Object.freeze({ tool: `t${index}` }));
    for (const set of sets) calls.add(1, set);
    // Other work takes 40 ms of every turn of the event loop: ten slices alone would take 400 ms.
    let busy = true;
    const spin = () => {
      const until = performance.now() + 40;
      while (performance.now() < until) {}
      if (busy) setImmediate(spin);
    };
    setImmediate(spin);
    try {
      await provider.shutdown();
    } finally {
      busy = false;
    }
    const points = exported(exporter);
    expect(points).toHaveLength(20_000);
    expect(points.every((point) => point.value === 1)).toBe(true);
  });
});
