import { createTestKit } from '@agentvitals/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { isPolicyDeniedError } from '../errors/policy-denied-error.js';
import type { Guard } from '../guard/guard.js';
import { ALLOW } from '../guard/guard.js';
import { wrapTool } from './functions.js';
import { wrap } from './wrap.js';

const kit = createTestKit({ agentName: 'shared' });
afterEach(() => kit.reset());

const noShell: Guard = {
  check: (request) =>
    request.kind === 'tool' && request.toolName === 'shell'
      ? { action: 'deny', reason: 'no shell', error: new Error('no shell') }
      : ALLOW,
  attach: () => ({ dispose() {} }),
};

const makeAgent = () => ({
  tools: { shell: (command: string) => command, search: (q: string) => [q] },
  async think() {
    return { model: 'gpt-4o-mini', usage: { prompt_tokens: 3, completion_tokens: 1 } };
  },
  async run() {
    await this.think();
    return this.tools.search('x');
  },
});

describe('wrap: per-agent name and guard', () => {
  it('two agents sharing one vitals instance are recorded under their own names', async () => {
    const support = wrap(makeAgent(), { name: 'support-bot', vitals: kit.vitals });
    const billing = wrap(makeAgent(), { name: 'billing-bot', vitals: kit.vitals });
    await support.run();
    await support.run();
    await billing.run();
    const runs = async (agent: string) => kit.metric('agent.runs', { 'gen_ai.agent.name': agent });
    expect(await runs('support-bot')).toBe(2);
    expect(await runs('billing-bot')).toBe(1);
    expect(await runs('shared')).toBe(0);
    expect(
      await kit.metric('agent.tool.calls', {
        'gen_ai.agent.name': 'billing-bot',
        'gen_ai.tool.name': 'search',
      }),
    ).toBe(1);
    expect(
      await kit.metric('gen_ai.client.token.usage', {
        'gen_ai.agent.name': 'support-bot',
        'gen_ai.token.type': 'input',
      }),
    ).toMatchObject({ sum: 6 });
    const spanAgents = new Set(kit.spans().map((s) => s.attributes['gen_ai.agent.name']));
    expect(spanAgents).toEqual(new Set(['support-bot', 'billing-bot']));
    expect(kit.spans().some((s) => s.name === 'invoke_agent billing-bot')).toBe(true);
  });

  it('events of a named agent reach the instance stream with its name', () => {
    const names: string[] = [];
    const subscription = kit.vitals.events.on('tool.end', (event) => names.push(event.agentName));
    wrap(makeAgent(), { name: 'a', vitals: kit.vitals }).tools.search('q');
    wrap(makeAgent(), { name: 'b', vitals: kit.vitals }).tools.search('q');
    subscription.dispose();
    expect(names).toEqual(['a', 'b']);
  });

  it('a guard given to wrap guards that agent only', async () => {
    const guarded = wrap(makeAgent(), { name: 'guarded', vitals: kit.vitals, guard: noShell });
    const free = wrap(makeAgent(), { name: 'free', vitals: kit.vitals });
    const sameName = wrap(makeAgent(), { vitals: kit.vitals });
    let caught: unknown;
    try {
      guarded.tools.shell('ls');
    } catch (error) {
      caught = error;
    }
    expect((caught as Error).message).toBe('no shell');
    expect(free.tools.shell('ls')).toBe('ls');
    expect(sameName.tools.shell('ls')).toBe('ls');
    expect(kit.vitals.callTool('shell', () => 'direct', undefined, [])).toBe('direct');
    expect(wrapTool('shell', (c: string) => c, { vitals: kit.vitals })('ls')).toBe('ls');
    expect(
      await kit.metric('agent.tool.calls', {
        'gen_ai.agent.name': 'guarded',
        'agent.tool.outcome': 'denied',
      }),
    ).toBe(1);
  });

  it('a guard of the vitals instance still guards every wrapped agent, before the agent’s own', () => {
    const order: string[] = [];
    const shared = createTestKit({
      agentName: 'base',
      guard: {
        check: (request) => {
          order.push('instance');
          return request.kind === 'tool' && request.toolName === 'shell'
            ? { action: 'deny', reason: 'instance says no', error: new Error('instance says no') }
            : ALLOW;
        },
        attach: () => ({ dispose() {} }),
      },
    });
    const own: Guard = {
      check: () => {
        order.push('own');
        return ALLOW;
      },
      attach: () => ({ dispose() {} }),
    };
    const agent = wrap(makeAgent(), { name: 'x', vitals: shared.vitals, guard: own });
    expect(() => agent.tools.shell('ls')).toThrow('instance says no');
    expect(agent.tools.search('q')).toEqual(['q']);
    expect(order).toEqual(['instance', 'instance', 'own']);
    void shared.shutdown();
  });

  it('a guard given to wrap without a vitals instance does not stay on the shared default', () => {
    class Bot {
      tools = { shell: (command: string) => command };
    }
    const guarded = wrap(new Bot(), { guard: noShell });
    const later = wrap(new Bot());
    let caught: unknown;
    try {
      guarded.tools.shell('ls');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(Error);
    expect(isPolicyDeniedError(caught)).toBe(false);
    expect(later.tools.shell('ls')).toBe('ls');
  });
});
