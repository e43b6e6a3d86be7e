import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { writeExposition } from './exposition-writer.js';
import { PullMetricReader } from './pull-reader.js';

function setup() {
  const reader = new PullMetricReader();
  const provider = new MeterProvider({
    resource: resourceFromAttributes({ 'service.name': 'support', 'deployment.environment.name': 'staging' }),
    readers: [reader],
  });
  return { reader, meter: provider.getMeter('scope-a', '1.2.3') };
}

async function render(reader: PullMetricReader, options: Parameters<typeof writeExposition>[2] = {}) {
  const { resourceMetrics } = await reader.collect();
  const chunks: Buffer[] = [];
  await writeExposition(
    resourceMetrics,
    { closed: false, write: (chunk) => void chunks.push(Buffer.from(chunk)) },
    options,
  );
  return { text: Buffer.concat(chunks).toString('utf8'), chunks };
}

describe('writeExposition', () => {
  it('names series as the OpenTelemetry Collector does: unit suffixes, _total, _ratio, no annotations', async () => {
    const { reader, meter } = setup();
    meter.createCounter('agent.tool.calls', { unit: '{call}' }).add(2, { 'gen_ai.tool.name': 'search' });
    meter.createCounter('agent.cost', { unit: 'USD' }).add(0.5);
    meter
      .createHistogram('agent.run.duration', { unit: 's', advice: { explicitBucketBoundaries: [0.5, 1] } })
      .record(0.7);
    meter.createUpDownCounter('agent.escalation.backlog', { unit: '{escalation}' }).add(3);
    meter.createGauge('process.cpu.utilization', { unit: '1' }).record(0.25);
    meter.createGauge('process.memory.usage', { unit: 'By' }).record(1024);
    meter.createGauge('agent.heartbeat.timestamp', { unit: 's' }).record(1_800_000_000);
    const { text } = await render(reader);
    const types = Object.fromEntries([...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((m) => [m[1], m[2]]));
    expect(types).toEqual({
      target_info: 'gauge',
      agent_tool_calls_total: 'counter',
      agent_cost_USD_total: 'counter',
      agent_run_duration_seconds: 'histogram',
      agent_escalation_backlog: 'gauge',
      process_cpu_utilization_ratio: 'gauge',
      process_memory_usage_bytes: 'gauge',
      agent_heartbeat_timestamp_seconds: 'gauge',
    });
    expect(text).toContain(
      'agent_tool_calls_total{gen_ai_tool_name="search",otel_scope_name="scope-a",otel_scope_version="1.2.3"} 2\n',
    );
    expect(text).toContain('target_info{service_name="support",deployment_environment_name="staging"} 1\n');
  });

  it('writes cumulative buckets, +Inf, sum and count', async () => {
    const { reader, meter } = setup();
    const histogram = meter.createHistogram('agent.run.duration', {
      unit: 's',
      advice: { explicitBucketBoundaries: [0.5, 1] },
    });
    for (const value of [0.1, 0.7, 0.8, 3]) histogram.record(value, { 'agent.run.outcome': 'success' });
    const { text } = await render(reader);
    const labels = 'agent_run_outcome="success",otel_scope_name="scope-a",otel_scope_version="1.2.3"';
    expect(text).toContain(
      [
        `agent_run_duration_seconds_bucket{${labels},le="0.5"} 1`,
        `agent_run_duration_seconds_bucket{${labels},le="1"} 3`,
        `agent_run_duration_seconds_bucket{${labels},le="+Inf"} 4`,
        `agent_run_duration_seconds_sum{${labels}} 4.6`,
        `agent_run_duration_seconds_count{${labels}} 4`,
      ].join('\n'),
    );
  });

  it('escapes label values and merges attribute keys that become the same label', async () => {
    const { reader, meter } = setup();
    meter
      .createCounter('hostile')
      .add(1, { 'a.b': 'x"y\\z\nw', a_b: 'second', '9lives': true, list: ['p', 'q'] as unknown as string });
    const { text } = await render(reader);
    expect(text).toContain(
      'hostile_total{a_b="x\\"y\\\\z\\nw;second",key_9lives="true",list="[\\"p\\",\\"q\\"]",otel_scope_name="scope-a",otel_scope_version="1.2.3"} 1',
    );
  });

  it('renames attributes that would repeat a label the writer adds (le, otel_scope_*)', async () => {
    const { reader, meter } = setup();
    meter.createHistogram('sneaky', { advice: { explicitBucketBoundaries: [1] } }).record(0.5, {
      le: 'x',
      'otel.scope.name': 'y',
    });
    const { text } = await render(reader);
    expect(text).toContain(
      'sneaky_bucket{key_le="x",key_otel_scope_name="y",otel_scope_name="scope-a",otel_scope_version="1.2.3",le="1"} 1',
    );
  });

  it('keeps multi-byte label values whole across chunk boundaries', async () => {
    const { reader, meter } = setup();
    const counter = meter.createCounter('greetings');
    for (let i = 0; i < 50; i++) counter.add(1, { text: `héllo ✓ 👋 ${i}` });
    const { text, chunks } = await render(reader, { chunkSize: 300 });
    expect(chunks.length).toBeGreaterThan(10);
    for (let i = 0; i < 50; i++) expect(text).toContain(`greetings_total{text="héllo ✓ 👋 ${i}",`);
  });

  it('drops two instruments of different types that would share a name, keeping the rest', async () => {
    const { reader, meter } = setup();
    meter.createHistogram('clash', { unit: 's' }).record(1);
    meter.createGauge('clash.seconds').record(1);
    meter.createCounter('kept').add(1);
    const { text } = await render(reader);
    expect(text).not.toContain('clash');
    expect(text).toContain('kept_total{');
  });

  it('writes ±Inf and NaN as Prometheus spells them', async () => {
    const { reader, meter } = setup();
    const gauge = meter.createGauge('edge');
    gauge.record(Number.POSITIVE_INFINITY, { v: 'pos' });
    gauge.record(Number.NEGATIVE_INFINITY, { v: 'neg' });
    gauge.record(Number.NaN, { v: 'nan' });
    const { text } = await render(reader);
    expect(text).toMatch(/^edge\{v="pos",[^}]*\} \+Inf$/m);
    expect(text).toMatch(/^edge\{v="neg",[^}]*\} -Inf$/m);
    expect(text).toMatch(/^edge\{v="nan",[^}]*\} NaN$/m);
  });

  it('yields to the event loop between slices and hands the text over in chunks', async () => {
    const { reader, meter } = setup();
    const histogram = meter.createHistogram('agent.tool.duration', { unit: 's' });
    for (let i = 0; i < 1500; i++) histogram.record(0.1, { 'gen_ai.tool.name': `tool-${i}` });
    let yields = 0;
    const { text, chunks } = await render(reader, {
      sliceMs: 0,
      chunkSize: 4096,
      yieldToLoop: async () => void yields++,
    });
    expect(yields).toBeGreaterThan(20);
    expect(chunks.length).toBeGreaterThan(100);
    expect(text.match(/^agent_tool_duration_seconds_count\{/gm)).toHaveLength(1500);
  });

  it('stops writing once the scraper went away', async () => {
    const { reader, meter } = setup();
    const counter = meter.createCounter('many');
    for (let i = 0; i < 1000; i++) counter.add(1, { i: String(i) });
    const { resourceMetrics } = await reader.collect();
    let written = 0;
    const sink = {
      closed: false,
      write(chunk: Uint8Array) {
        written += chunk.length;
        sink.closed = true;
      },
    };
    await writeExposition(resourceMetrics, sink, { chunkSize: 100 });
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThan(1000);
  });
});

/** Strings rich in what the text format must escape or replace, mixed with any code point. */
const hostileString = (minLength: number, maxLength: number) =>
  fc.oneof(
    fc.string({
      unit: fc.constantFrom('"', '\\', '\n', 'a', '_', '9', '.', '{', '}', '=', ',', ' ', 'é', '👋'),
      minLength,
      maxLength,
    }),
    fc.string({ unit: 'binary', minLength, maxLength }),
  );

describe('writeExposition with hostile attributes', () => {
  const LINE = /^[a-zA-Z_:][a-zA-Z0-9_:]*\{((?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\[\\n"])*",?)*)\} \S+$/;
  const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="(?:[^"\\\n]|\\[\\n"])*"/g;

  it('always writes lines Prometheus can parse, with each label once', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(
          fc.oneof(
            hostileString(1, 12),
            fc.constantFrom('le', 'otel.scope.name', 'otel_scope_version', 'a.b', 'a_b'),
          ),
          hostileString(0, 20),
          { maxKeys: 6 },
        ),
        async (attributes) => {
          const { reader, meter } = setup();
          meter.createCounter('hostile.calls').add(1, attributes);
          meter.createHistogram('hostile.duration', { unit: 's' }).record(0.5, attributes);
          const { text } = await render(reader);
          for (const line of text.split('\n')) {
            if (line === '' || line.startsWith('#')) continue;
            const match = LINE.exec(line);
            expect(match, line).not.toBeNull();
            const names = [...match![1]!.matchAll(LABEL)].map((label) => label[1]);
            expect(new Set(names).size, line).toBe(names.length);
          }
        },
      ),
      { numRuns: 60 },
    );
  }, 60_000);
});
