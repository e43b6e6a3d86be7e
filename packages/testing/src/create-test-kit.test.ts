import { createVitals } from '@agentvitals/core';
import { logs, metrics, trace } from '@opentelemetry/api';
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestKit } from './create-test-kit.js';
import { TestMetricReader } from './test-metric-reader.js';

describe('kit.metric', () => {
  it('sums a counter over the series whose attributes include those given', async () => {
    const kit = createTestKit({ agentName: 'bot' });
    kit.vitals.callTool('a', () => 1, undefined, []);
    kit.vitals.callTool('a', () => 1, undefined, []);
    kit.vitals.callTool('b', () => 1, undefined, []);
    expect(() =>
      kit.vitals.callTool(
        'b',
        () => {
          throw new Error('x');
        },
        undefined,
        [],
      ),
    ).toThrow('x');
    expect(await kit.metric('agent.tool.calls')).toBe(4);
    expect(await kit.metric('agent.tool.calls', { 'gen_ai.tool.name': 'a' })).toBe(2);
    expect(await kit.metric('agent.tool.calls', { 'gen_ai.tool.name': 'b' })).toBe(2);
    expect(
      await kit.metric('agent.tool.calls', { 'gen_ai.tool.name': 'b', 'agent.tool.outcome': 'error' }),
    ).toBe(1);
    expect(await kit.metric('agent.tool.calls', { 'gen_ai.tool.name': 'nope' })).toBe(0);
    // Collecting again does not count twice: values are cumulative since the last reset.
    expect(await kit.metric('agent.tool.calls')).toBe(4);
    await kit.shutdown();
  });

  it("gives a histogram's count and sum, and zeroes when nothing matches", async () => {
    const kit = createTestKit();
    kit.vitals.usage({ inputTokens: 100, outputTokens: 7, model: 'm1' });
    kit.vitals.usage({ inputTokens: 50, outputTokens: 3, model: 'm2' });
    expect(await kit.metric('gen_ai.client.token.usage')).toEqual({ count: 4, sum: 160 });
    expect(await kit.metric('gen_ai.client.token.usage', { 'gen_ai.token.type': 'input' })).toEqual({
      count: 2,
      sum: 150,
    });
    expect(await kit.metric('agent.run.duration')).toEqual({ count: 0, sum: 0 });
    expect(await kit.metric('agent.runs')).toBe(0);
    await kit.shutdown();
  });

  it("reads a gauge's last value and an up-down counter's running total", async () => {
    let now = 1_000_000;
    const kit = createTestKit({ clock: () => now });
    kit.vitals.heartbeat();
    now = 2_000_000;
    kit.vitals.heartbeat();
    expect(await kit.metric('agent.heartbeat.timestamp')).toBe(2000);
    const open = kit.vitals.escalate('refund');
    kit.vitals.escalate('refund');
    expect(await kit.metric('agent.escalation.backlog')).toBe(2);
    open.resolve();
    expect(await kit.metric('agent.escalation.backlog')).toBe(1);
    await kit.shutdown();
  });

  it('throws for a name that is neither in the catalog nor recorded, to catch typos', async () => {
    const kit = createTestKit();
    await expect(kit.metric('agent.tool.call')).rejects.toThrow(/no metric named 'agent.tool.call'/);
    await kit.shutdown();
  });

  it('reset() starts every signal from zero', async () => {
    const kit = createTestKit();
    kit.vitals.run(() => kit.vitals.thought('before'));
    expect(await kit.metric('agent.runs')).toBe(1);
    expect(kit.spans()).toHaveLength(1);
    expect(kit.logs()).toHaveLength(1);
    await kit.reset();
    expect(await kit.metric('agent.runs')).toBe(0);
    expect(kit.spans()).toHaveLength(0);
    expect(kit.logs()).toHaveLength(0);
    kit.vitals.run(() => 1);
    expect(await kit.metric('agent.runs')).toBe(1);
    await kit.shutdown();
  });

  it('series() lists each series with its unit and attributes; createVitals() adds an agent on the same providers', async () => {
    const kit = createTestKit({ agentName: 'first' });
    const second = kit.createVitals({ agentName: 'second' });
    kit.vitals.action();
    second.action();
    second.action();
    const series = await kit.series('agent.actions');
    expect(series.map((s) => [s.attributes['gen_ai.agent.name'], s.value, s.unit]).sort()).toEqual([
      ['first', { type: 'sum', value: 1 }, '{action}'],
      ['second', { type: 'sum', value: 2 }, '{action}'],
    ]);
    expect(await kit.metric('agent.actions', { 'gen_ai.agent.name': 'second' })).toBe(2);
    await kit.shutdown();
  });
});

describe('isolation', () => {
  afterEach(() => {
    metrics.disable();
    trace.disable();
    logs.disable();
  });

  it('kits record neither into each other nor into the global providers, and globals not into kits', async () => {
    const globalReader = new TestMetricReader();
    const globalMeters = new MeterProvider({ readers: [globalReader] });
    const globalSpans = new InMemorySpanExporter();
    const globalLogs = new InMemoryLogRecordExporter();
    expect(metrics.setGlobalMeterProvider(globalMeters)).toBe(true);
    expect(
      trace.setGlobalTracerProvider(
        new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter: globalSpans })] }),
      ),
    ).toBe(true);
    expect(
      logs.setGlobalLoggerProvider(
        new LoggerProvider({ processors: [new SimpleLogRecordProcessor({ exporter: globalLogs })] }),
      ),
    ).toBe(true);

    const one = createTestKit({ agentName: 'one' });
    const two = createTestKit({ agentName: 'two' });
    one.vitals.run(() => {
      one.vitals.tool('search', () => 'hit')();
      one.vitals.thought('kit one thinks');
    });
    const globalVitals = createVitals({ agentName: 'global' });
    globalVitals.run(() => {
      globalVitals.tool('search', () => 'hit')();
      globalVitals.thought('global thinks');
    });

    expect(await one.metric('agent.runs')).toBe(1);
    expect(await one.metric('agent.tool.calls')).toBe(1);
    expect((await one.series()).every((s) => s.attributes['gen_ai.agent.name'] === 'one')).toBe(true);
    expect(one.spans().map((s) => s.attributes['gen_ai.agent.name'])).toEqual(['one', 'one']);
    expect(one.logs().map((r) => r.body)).toEqual(['kit one thinks']);

    expect(await two.series()).toEqual([]);
    expect(two.spans()).toEqual([]);
    expect(two.logs()).toEqual([]);

    const { resourceMetrics } = await globalReader.collect();
    const globalAgents = resourceMetrics.scopeMetrics.flatMap((scope) =>
      scope.metrics.flatMap((metric) => metric.dataPoints.map((p) => p.attributes['gen_ai.agent.name'])),
    );
    expect(globalAgents.length).toBeGreaterThan(0);
    expect(new Set(globalAgents)).toEqual(new Set(['global']));
    expect(globalSpans.getFinishedSpans().map((s) => s.attributes['gen_ai.agent.name'])).toEqual([
      'global',
      'global',
    ]);
    expect(globalLogs.getFinishedLogRecords().map((r) => r.body)).toEqual(['global thinks']);

    await Promise.all([one.shutdown(), two.shutdown(), globalMeters.shutdown()]);
  });
});
