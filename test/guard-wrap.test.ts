import { callbackSink, createGuard, defaultRules, staleHeartbeatRule } from '@agentvitals/alerts';
import { isCircuitOpenError, isPolicyDeniedError, wrap } from '@agentvitals/core';
import { createTestKit } from '@agentvitals/testing';
import { afterEach, describe, expect, it } from 'vitest';

const kits: ReturnType<typeof createTestKit>[] = [];
afterEach(async () => {
  for (const kit of kits.splice(0)) await kit.shutdown();
});

function setup(guardOptions: Parameters<typeof createGuard>[0], agentName = 'support-bot') {
  let now = 1_700_000_000_000;
  const clock = () => now;
  const kit = createTestKit({
    agentName,
    clock,
    pricing: { 'test-model': { input: 10_000, output: 10_000, provider: 'test' } },
  });
  kits.push(kit);
  const guard = createGuard({ clock, ...guardOptions });
  return { kit, guard, advance: (ms: number) => (now += ms) };
}

describe('a wrapped agent under a guard', () => {
  it('is stopped by the breaker when it loops', async () => {
    const { kit, guard } = setup({ rules: defaultRules() });
    let searches = 0;
    const agent = wrap(
      {
        tools: {
          search: (query: string) => {
            searches++;
            return { hits: [`result for ${query}`] };
          },
        },
      },
      { vitals: kit.vitals, guard, tools: ['tools'], runs: false, reasoning: false, dispatchers: false },
    );
    const queries = [
      'Refund policy',
      'refund  policy',
      'REFUND POLICY?',
      ' refund policy ',
      'refund policy.',
      'Refund Policy',
    ];
    for (const query of queries) agent.tools.search(query);
    expect(searches).toBe(6);
    let caught: unknown;
    try {
      agent.tools.search('refund policy');
    } catch (error) {
      caught = error;
    }
    expect(isCircuitOpenError(caught)).toBe(true);
    expect(searches).toBe(6);
    expect(await kit.metric('agent.tool.calls', { 'agent.tool.outcome': 'blocked' })).toBe(1);
    expect(await kit.metric('agent.tool.calls', { 'agent.tool.outcome': 'success' })).toBe(6);
    expect(await kit.metric('agent.alerts', { 'agent.alert.name': 'AgentRepeatedToolCalls' })).toBe(1);
    expect(await kit.metric('agent.breaker.state', { 'agent.breaker.name': 'agent' })).toBe(2);
    await guard.shutdown();
  });

  it('is stopped once its spend passes the cap', async () => {
    const { kit, guard, advance } = setup({ rules: defaultRules({ costRate: { maxUsdPerHour: 5 } }) });
    let calls = 0;
    const agent = wrap(
      {
        think: async () => {
          calls++;
          return { model: 'test-model', usage: { prompt_tokens: 100, completion_tokens: 0 } };
        },
      },
      {
        vitals: kit.vitals,
        guard,
        reasoning: ['think'],
        model: 'test-model',
        runs: false,
        tools: false,
        dispatchers: false,
      },
    );
    for (let i = 0; i < 5; i++) {
      await agent.think();
      advance(60_000);
    }
    expect(guard.breaker()?.state).toBe('closed');
    await agent.think();
    expect(calls).toBe(6);
    // A blocked call fails before any work; awaiting it inside an async function catches
    // the error whether the wrapper throws it or returns it as a rejection.
    await expect((async () => agent.think())()).rejects.toSatisfy(isCircuitOpenError);
    expect(calls).toBe(6);
    expect(await kit.metric('agent.alerts', { 'agent.alert.name': 'AgentCostSpike' })).toBe(1);
    await guard.shutdown();
  });

  it('never runs a denied tool', async () => {
    const { kit, guard } = setup({
      rules: [],
      policy: { roles: { support: { allow: ['kb.*'] } }, defaultRole: 'support', defaultAction: 'deny' },
    });
    let ran = false;
    const agent = wrap(
      {
        tools: {
          'kb.search': () => 'ok',
          'shell.exec': () => {
            ran = true;
            return 'done';
          },
        },
      },
      { vitals: kit.vitals, guard, tools: ['tools'], runs: false, reasoning: false, dispatchers: false },
    );
    expect(agent.tools['kb.search']()).toBe('ok');
    let caught: unknown;
    try {
      agent.tools['shell.exec']();
    } catch (error) {
      caught = error;
    }
    expect(isPolicyDeniedError(caught)).toBe(true);
    expect(ran).toBe(false);
    expect(
      await kit.metric('agent.tool.calls', {
        'agent.tool.outcome': 'denied',
        'gen_ai.tool.name': 'shell.exec',
      }),
    ).toBe(1);
    await guard.shutdown();
  });

  it('counts agent.alerts once per firing, not per repeated notification', async () => {
    const statuses: string[] = [];
    const { kit, guard, advance } = setup({
      rules: [staleHeartbeatRule({ staleAfterMs: 1_000 })],
      sinks: [callbackSink((alert) => void statuses.push(alert.status), { repeatIntervalMs: 1_000 })],
    });
    kit.vitals.use(guard);
    const alerts = () => kit.metric('agent.alerts', { 'agent.alert.name': 'AgentHeartbeatStale' });
    kit.vitals.heartbeat();
    advance(1_001);
    guard.evaluate();
    for (let i = 0; i < 3; i++) {
      advance(1_000);
      guard.evaluate();
    }
    await guard.flush();
    expect(statuses).toEqual(['firing', 'firing', 'firing', 'firing']);
    expect(await alerts()).toBe(1);
    kit.vitals.heartbeat();
    advance(1_001);
    guard.evaluate();
    await guard.flush();
    expect(statuses.slice(4)).toEqual(['resolved', 'firing']);
    expect(await alerts()).toBe(2);
    await guard.shutdown();
  });
});
