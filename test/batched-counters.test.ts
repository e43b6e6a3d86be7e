// The four batched counters (agent.tool.calls, agent.actions, agent.cost, agent.runs) seen from a
// user's side: what each reader and view exports must be what plain synchronous counters export.
import { createVitals, type Vitals, wrap } from '@agentvitals/core';
import { createTestKit, ensureContextManager } from '@agentvitals/testing';
import {
  AggregationTemporality,
  AggregationType,
  createAllowListAttributesProcessor,
  type DataPoint,
  InMemoryMetricExporter,
  MeterProvider,
  MetricReader,
  type MetricReaderOptions,
  PeriodicExportingMetricReader,
  type ResourceMetrics,
  type ViewOptions,
} from '@opentelemetry/sdk-metrics';
import { describe, expect, it } from 'vitest';

class PullReader extends MetricReader {
  constructor(options: MetricReaderOptions = {}) {
    super(options);
  }
  async onForceFlush() {}
  async onShutdown() {}
}

const PRICING = { 'model-a': { input: 0.37, output: 1.13 }, 'model-b': { input: 2.9, output: 7.7 } };
/** Token counts of the usage calls; their costs are fractional USD. */
const USAGES = [
  ['model-a', 123, 457],
  ['model-b', 991, 17],
  ['model-a', 7, 3],
  ['model-a', 1_234, 5_678],
  ['model-b', 3, 100_003],
] as const;
const costOf = (model: keyof typeof PRICING, input: number, output: number) =>
  (input * PRICING[model].input + output * PRICING[model].output) / 1_000_000;

/**
 * The workload, and what plain counters would hold after it: sums in call order from 0, as the
 * SDK's sum aggregation adds them.
 */
async function workload(vitals: Vitals) {
  const search = vitals.tool('search', async (fail: boolean) => {
    await new Promise((resolve) => setTimeout(resolve, 1));
    if (fail) throw new Error('search failed');
    return 'found';
  });
  const fetchPage = vitals.tool('fetch_page', () => 'page');
  await Promise.all([search(false), search(false), search(false), search(true).catch(() => undefined)]);
  fetchPage();
  fetchPage();
  await vitals.run(async () => 'ok');
  await vitals.run(async () => 'ok');
  await vitals.run(async () => Promise.reject(new Error('run failed'))).catch(() => undefined);
  for (const [model, inputTokens, outputTokens] of USAGES) vitals.usage({ model, inputTokens, outputTokens });
  vitals.action();
}

const cost = (model: keyof typeof PRICING) =>
  USAGES.filter(([m]) => m === model).reduce((sum, [m, i, o]) => sum + costOf(m, i, o), 0);
const EXPECTED = {
  'agent.tool.calls': { 'search/success': 3, 'search/error': 1, 'fetch_page/success': 2 },
  'agent.runs': { success: 2, error: 1 },
  'agent.cost': { 'model-a': cost('model-a'), 'model-b': cost('model-b') },
  // One per tool call that ran, and the explicit one.
  'agent.actions': 7,
};

type Points = {
  name: string;
  attributes: Record<string, unknown>;
  value: number;
  start: number;
  end: number;
}[];

function pointsOf(resourceMetrics: ResourceMetrics | readonly ResourceMetrics[]): Points {
  const all = Array.isArray(resourceMetrics) ? resourceMetrics : [resourceMetrics];
  return all
    .flatMap((resource) => resource.scopeMetrics)
    .flatMap((scope) => scope.metrics)
    .flatMap((metric) =>
      (metric.dataPoints as DataPoint<number>[]).map((point) => ({
        name: metric.descriptor.name,
        attributes: point.attributes,
        value: point.value,
        start: point.startTime[0] * 1e3 + point.startTime[1] / 1e6,
        end: point.endTime[0] * 1e3 + point.endTime[1] / 1e6,
      })),
    );
}

/** The workload's four counters as `EXPECTED` shapes them, summed over the matching points. */
function counters(points: Points) {
  const sum = (name: string, match: (attributes: Record<string, unknown>) => boolean) =>
    points.filter((p) => p.name === name && match(p.attributes)).reduce((total, p) => total + p.value, 0);
  const tool = (name: string, outcome: string) =>
    sum('agent.tool.calls', (a) => a['gen_ai.tool.name'] === name && a['agent.tool.outcome'] === outcome);
  const only = (name: string, key: string, value: string) => {
    const matching = points.filter((p) => p.name === name && p.attributes[key] === value);
    expect(matching.length, `${name} ${value}`).toBeLessThanOrEqual(1);
    return matching[0]?.value ?? 0;
  };
  return {
    'agent.tool.calls': {
      'search/success': tool('search', 'success'),
      'search/error': tool('search', 'error'),
      'fetch_page/success': tool('fetch_page', 'success'),
    },
    'agent.runs': {
      success: only('agent.runs', 'agent.run.outcome', 'success'),
      error: only('agent.runs', 'agent.run.outcome', 'error'),
    },
    'agent.cost': {
      'model-a': only('agent.cost', 'gen_ai.request.model', 'model-a'),
      'model-b': only('agent.cost', 'gen_ai.request.model', 'model-b'),
    },
    'agent.actions': sum('agent.actions', () => true),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('batched counters through createVitals({ meterProvider })', () => {
  it.each([
    ['cumulative', AggregationTemporality.CUMULATIVE],
    ['delta', AggregationTemporality.DELTA],
  ])(
    'a periodic %s reader: forceFlush() and shutdown() export every count, each once',
    async (_, temporality) => {
      ensureContextManager();
      const exporter = new InMemoryMetricExporter(temporality);
      const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 });
      const meterProvider = new MeterProvider({ readers: [reader] });
      const vitals = createVitals({ agentName: 'bot', meterProvider, pricing: PRICING });
      const before = Date.now();
      await workload(vitals);
      await sleep(5);
      await meterProvider.forceFlush();
      const first = pointsOf(exporter.getMetrics());
      expect(counters(first)).toEqual(EXPECTED);
      // Each series starts at its first add, before the export, as a plain counter's does.
      for (const point of first.filter((p) => p.name === 'agent.tool.calls' || p.name === 'agent.cost')) {
        expect(point.start).toBeGreaterThanOrEqual(before);
        expect(point.start).toBeLessThan(point.end);
      }
      exporter.reset();
      await workload(vitals);
      await meterProvider.shutdown();
      const last = counters(pointsOf(exporter.getMetrics()));
      if (temporality === AggregationTemporality.DELTA) expect(last).toEqual(EXPECTED);
      else
        expect(last).toEqual({
          'agent.tool.calls': { 'search/success': 6, 'search/error': 2, 'fetch_page/success': 4 },
          'agent.runs': { success: 4, error: 2 },
          // Cumulative: the second collection's sum added to the first's, as the SDK merges them.
          'agent.cost': {
            'model-a': cost('model-a') + cost('model-a'),
            'model-b': cost('model-b') + cost('model-b'),
          },
          'agent.actions': 14,
        });
    },
  );

  it('two readers at once, pulled and periodic, each get every count', async () => {
    ensureContextManager();
    const pull = new PullReader({ aggregationTemporalitySelector: () => AggregationTemporality.DELTA });
    const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
    const periodic = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 });
    const meterProvider = new MeterProvider({ readers: [pull, periodic] });
    const vitals = createVitals({ agentName: 'bot', meterProvider, pricing: PRICING });
    await workload(vitals);
    expect(counters(pointsOf((await pull.collect()).resourceMetrics))).toEqual(EXPECTED);
    // A second workload, then both readers collect at once.
    await workload(vitals);
    exporter.reset();
    const [pulled] = await Promise.all([pull.collect(), periodic.forceFlush()]);
    expect(counters(pointsOf(pulled.resourceMetrics))).toEqual(EXPECTED);
    expect(counters(pointsOf(exporter.getMetrics()))['agent.actions']).toBe(14);
    exporter.reset();
    await meterProvider.shutdown();
    const total = counters(pointsOf(exporter.getMetrics()));
    expect(total['agent.tool.calls']).toEqual({
      'search/success': 6,
      'search/error': 2,
      'fetch_page/success': 4,
    });
    expect(total['agent.actions']).toBe(14);
  });

  it('views: renamed, dropped and attribute-filtered counters export what plain counters would', async () => {
    ensureContextManager();
    const reader = new PullReader();
    const views: ViewOptions[] = [
      { instrumentName: 'agent.tool.calls', name: 'tool_calls' },
      { instrumentName: 'agent.runs', aggregation: { type: AggregationType.DROP } },
      {
        instrumentName: 'agent.cost',
        attributesProcessors: [createAllowListAttributesProcessor(['gen_ai.request.model'])],
      },
      { instrumentName: 'agent.queue.depth', aggregation: { type: AggregationType.DROP } },
      { instrumentName: 'agent.act*', aggregationCardinalityLimit: 10 },
    ];
    const meterProvider = new MeterProvider({ readers: [reader], views });
    const vitals = createVitals({ agentName: 'bot', meterProvider, pricing: PRICING });
    await workload(vitals);
    const points = pointsOf((await reader.collect()).resourceMetrics);
    const names = new Set(points.map((p) => p.name));
    expect(names.has('agent.tool.calls')).toBe(false);
    expect(names.has('agent.runs')).toBe(false);
    expect(names.has('agent.queue.depth')).toBe(false);
    const renamed = points.filter((p) => p.name === 'tool_calls');
    expect(renamed.reduce((sum, p) => sum + p.value, 0)).toBe(6);
    expect(points.filter((p) => p.name === 'agent.cost')).toEqual([
      expect.objectContaining({ attributes: { 'gen_ai.request.model': 'model-a' }, value: cost('model-a') }),
      expect.objectContaining({ attributes: { 'gen_ai.request.model': 'model-b' }, value: cost('model-b') }),
    ]);
    expect(counters(points)['agent.actions']).toBe(7);
  });

  it.each([
    ['the reader', { cardinalitySelector: () => 3 }, []],
    ['a view', {}, [{ instrumentName: 'agent.*', aggregationCardinalityLimit: 3 }]],
  ] as const)(
    'a cardinality limit set on %s: the same series and overflow as a plain counter',
    async (_, options, views) => {
      ensureContextManager();
      const reader = new PullReader(options);
      const meterProvider = new MeterProvider({ readers: [reader], views: [...views] });
      const vitals = createVitals({ agentName: 'bot', meterProvider });
      const plain = meterProvider.getMeter('plain').createCounter('agent.plain.tool.calls');
      for (let index = 0; index < 10; index++) {
        vitals.tool(`tool_${index}`, () => index)();
        plain.add(1, { 'gen_ai.agent.name': 'bot', 'gen_ai.tool.name': `tool_${index}` });
      }
      vitals.tool('tool_0', () => 0)();
      plain.add(1, { 'gen_ai.agent.name': 'bot', 'gen_ai.tool.name': 'tool_0' });
      const points = pointsOf((await reader.collect()).resourceMetrics);
      const shape = (name: string) =>
        points
          .filter((p) => p.name === name)
          .map((p) => [p.attributes['gen_ai.tool.name'] ?? p.attributes['otel.metric.overflow'], p.value]);
      expect(shape('agent.tool.calls')).toEqual(shape('agent.plain.tool.calls'));
      expect(shape('agent.tool.calls')).toEqual([
        ['tool_0', 2],
        ['tool_1', 1],
        [true, 8],
      ]);
    },
  );
});

describe('batched counters through the testing kit', () => {
  it('kit.counter() after calls, kit.reset() then more calls, and kits kept apart', async () => {
    const kits = [createTestKit(), createTestKit(), createTestKit({ agentName: 'other' })];
    try {
      for (const [index, kit] of kits.entries()) {
        for (let call = 0; call <= index; call++) await kit.vitals.run(async () => kit.vitals.action());
      }
      for (const [index, kit] of kits.entries()) {
        expect(await kit.counter('agent.runs')).toBe(index + 1);
        expect(await kit.counter('agent.actions')).toBe(index + 1);
      }
      const [kit] = kits;
      await kit!.reset();
      expect(await kit!.counter('agent.runs')).toBe(0);
      kit!.vitals.tool('search', () => 1)();
      kit!.vitals.tool('search', () => 1)();
      expect(await kit!.counter('agent.tool.calls', { 'gen_ai.tool.name': 'search' })).toBe(2);
      expect(await kit!.counter('agent.runs')).toBe(0);
      expect(await kit!.counter('agent.actions')).toBe(2);
    } finally {
      await Promise.all(kits.map((kit) => kit.shutdown()));
    }
  });

  it('per-agent names through wrap(agent, { name }) on one vitals: counted apart, none lost', async () => {
    const kit = createTestKit({ agentName: 'shared' });
    try {
      const agent = (reply: string) => ({
        tools: { search: async (query: string) => `${reply} ${query}` },
        async run(query: string) {
          return this.tools.search(query);
        },
      });
      const support = wrap(agent('support'), { name: 'support-bot', vitals: kit.vitals });
      const billing = wrap(agent('billing'), { name: 'billing-bot', vitals: kit.vitals });
      for (let index = 0; index < 5; index++) {
        await support.run('a');
        if (index % 2 === 0) await billing.run('b');
        if (index === 2)
          expect(await kit.counter('agent.runs', { 'gen_ai.agent.name': 'support-bot' })).toBe(3);
      }
      for (const [name, count] of [
        ['support-bot', 5],
        ['billing-bot', 3],
      ] as const) {
        const agentName = { 'gen_ai.agent.name': name };
        expect(await kit.counter('agent.runs', agentName)).toBe(count);
        expect(await kit.counter('agent.tool.calls', { ...agentName, 'gen_ai.tool.name': 'search' })).toBe(
          count,
        );
        expect(await kit.counter('agent.actions', agentName)).toBe(count);
      }
      expect(await kit.counter('agent.runs', { 'gen_ai.agent.name': 'shared' })).toBe(0);
    } finally {
      await kit.shutdown();
    }
  });

  it('two vitals instances of one agent name on one kit', async () => {
    const kit = createTestKit({ agentName: 'bot', pricing: PRICING });
    try {
      const twin = kit.createVitals({ agentName: 'bot', pricing: PRICING });
      kit.vitals.tool('search', () => 1)();
      twin.tool('search', () => 1)();
      kit.vitals.usage({ model: 'model-a', inputTokens: 123, outputTokens: 457 });
      twin.usage({ model: 'model-a', inputTokens: 7, outputTokens: 3 });
      expect(await kit.counter('agent.tool.calls', { 'gen_ai.agent.name': 'bot' })).toBe(2);
      const series = await kit.series('agent.cost');
      expect(series).toHaveLength(1);
      expect(await kit.counter('agent.cost')).toBe(costOf('model-a', 123, 457) + costOf('model-a', 7, 3));
    } finally {
      await kit.shutdown();
    }
  });
});
