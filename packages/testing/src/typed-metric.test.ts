import { describe, expect, expectTypeOf, it } from 'vitest';
import { createTestKit, type HistogramValue } from './index.js';

describe('kit.metric() is typed by the instrument', () => {
  it('gives a number for a counter and { count, sum } for a histogram, with no cast', async () => {
    const kit = createTestKit();
    await kit.vitals.tool('kb.search', () => 'found')();

    const calls: number = await kit.metric('agent.tool.calls', { 'agent.tool.outcome': 'success' });
    const duration: HistogramValue = await kit.metric('agent.tool.duration');
    const semconv: HistogramValue = await kit.metric('gen_ai.execute_tool.duration');
    expect(calls).toBe(1);
    expect(duration.count).toBe(1);
    expect(semconv.count).toBe(1);

    // Type-level only (checked by the package typecheck, tsconfig.test.json), never called.
    const typesOnly = () => {
      expectTypeOf(kit.metric('agent.runs')).resolves.toEqualTypeOf<number>();
      expectTypeOf(kit.metric('agent.breaker.state')).resolves.toEqualTypeOf<number>();
      expectTypeOf(kit.metric('agent.run.duration')).resolves.toEqualTypeOf<HistogramValue>();
      expectTypeOf(kit.metric('my.own.counter')).resolves.toEqualTypeOf<number | HistogramValue>();
    };
    expect(typesOnly).toBeTypeOf('function');
    // @ts-expect-error a histogram is not a number
    const wrong: number = await kit.metric('agent.tool.duration');
    expect(wrong).toEqual({ count: 1, sum: expect.any(Number) });
    await kit.shutdown();
  });

  it('counter() and histogram() type any name, and refuse the other kind at run time', async () => {
    const kit = createTestKit();
    await kit.vitals.tool('kb.search', () => 'found')();
    const own = kit.meterProvider.getMeter('test').createCounter('my.own.counter');
    own.add(3);
    const mine: number = await kit.counter('my.own.counter');
    const tools: HistogramValue = await kit.histogram('agent.tool.duration');
    expect(mine).toBe(3);
    expect(tools.count).toBe(1);
    await expect(kit.counter('agent.tool.duration')).rejects.toThrow(/is a histogram: use kit.histogram\(\)/);
    await expect(kit.histogram('agent.tool.calls')).rejects.toThrow(/is not a histogram/);
    await kit.shutdown();
  });

  it('records the GenAI semantic-convention streams beside the catalog, unless switched off', async () => {
    const kit = createTestKit({ genAiStreams: false });
    await kit.vitals.tool('kb.search', () => 'found')();
    expect(await kit.series('gen_ai.execute_tool.duration')).toEqual([]);
    expect((await kit.histogram('agent.tool.duration')).count).toBe(1);
    await kit.shutdown();
  });
});
