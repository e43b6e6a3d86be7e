import { createTestKit, type TestKit } from '@agentvitals/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Vitals } from '../vitals/types.js';
import { wrap } from '../wrap/wrap.js';

describe('a tool call in metrics-only mode nobody decides on or listens to (the untraced path)', () => {
  let kit: TestKit;
  let metricsOnly: Vitals;
  beforeEach(() => {
    kit = createTestKit({ agentName: 'traced-bot' });
    metricsOnly = kit.createVitals({ agentName: 'metrics-only-bot', tracing: false });
  });
  afterEach(() => kit.shutdown());

  /** The same calls through one vitals instance: a value, a rejected result, a throw, a promise each way, and a call in a run. */
  async function callEveryWay(vitals: Vitals): Promise<void> {
    const search = vitals.tool('kb.search', (query: string) => query.length);
    expect(search('four')).toBe(4);
    const strict = vitals.tool('kb.strict', (query: string) => query, { validate: () => 'empty' });
    expect(strict('')).toBe('');
    const failure = new RangeError('index down');
    const broken = vitals.tool('kb.broken', () => {
      throw failure;
    });
    expect(() => broken()).toThrow(failure);
    const lookup = vitals.tool('kb.lookup', async (ok: boolean) => {
      if (!ok) throw failure;
      return 'found';
    });
    await expect(lookup(true)).resolves.toBe('found');
    await expect(lookup(false)).rejects.toBe(failure);
    await vitals.run(async () => {
      vitals.usage({ inputTokens: 30, outputTokens: 12, model: 'gpt-4o-mini' });
      expect(search('in a run')).toBe(8);
    });
  }

  it('records the same metric points as a traced call, and no span', async () => {
    await callEveryWay(kit.vitals);
    expect(kit.spans()).toHaveLength(7); // six tool calls and the run
    await callEveryWay(metricsOnly);
    expect(kit.spans()).toHaveLength(7);
    const of = (agent: string) => ({ 'gen_ai.agent.name': agent });
    for (const [tool, outcome] of [
      ['kb.search', 'success'],
      ['kb.strict', 'invalid'],
      ['kb.broken', 'error'],
      ['kb.lookup', 'success'],
      ['kb.lookup', 'error'],
    ] as const) {
      const series = { 'gen_ai.tool.name': tool, 'agent.tool.outcome': outcome };
      const traced = await kit.metric('agent.tool.calls', { ...of('traced-bot'), ...series });
      expect(traced).toBeGreaterThan(0);
      expect(await kit.metric('agent.tool.calls', { ...of('metrics-only-bot'), ...series })).toBe(traced);
      const durations = await kit.metric('agent.tool.duration', { ...of('metrics-only-bot'), ...series });
      expect(durations).toMatchObject({ count: traced });
    }
    for (const name of ['agent.actions', 'agent.tokens_per_action']) {
      expect(await kit.metric(name, of('metrics-only-bot'))).toEqual(
        await kit.metric(name, of('traced-bot')),
      );
    }
    expect(await kit.metric('agent.tokens_per_action', of('metrics-only-bot'))).toMatchObject({
      count: 6,
      sum: 42,
    });
  });

  it('records a tool that wrap() sees called from inside another once, as the outer call', async () => {
    const agent = wrap(
      {
        tools: {
          dispatch: (name: string) => (agent.tools as Record<string, () => number>)[name]!(),
          inner: () => 7,
        },
      },
      { vitals: metricsOnly },
    );
    expect(agent.tools.dispatch('inner')).toBe(7);
    expect(agent.tools.inner()).toBe(7);
    const calls = (tool: string) =>
      kit.metric('agent.tool.calls', { 'gen_ai.agent.name': 'metrics-only-bot', 'gen_ai.tool.name': tool });
    expect(await calls('dispatch')).toBe(1);
    expect(await calls('inner')).toBe(1);
    expect(kit.spans()).toHaveLength(0);
  });
});
