import { createTestKit } from '@agentvitals/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { wrap } from '../wrap/wrap.js';

const kit = createTestKit({ agentName: 'hostile' });
afterEach(() => kit.reset());

const boom = () => {
  throw new Error('hostile');
};

describe('nothing from the instrumentation escapes into the agent', () => {
  it('a run whose requestId getter throws runs with a generated id', async () => {
    const options = Object.defineProperty({}, 'requestId', { get: boom });
    expect(kit.vitals.run(() => 'done', options)).toBe('done');
    expect(await kit.metric('agent.runs', { 'agent.run.outcome': 'success' })).toBe(1);
  });

  it('usage() with a throwing getter records the readable fields', async () => {
    const usage = Object.defineProperty({ outputTokens: 5 }, 'inputTokens', { get: boom });
    expect(() => kit.vitals.usage(usage)).not.toThrow();
    expect(await kit.metric('gen_ai.client.token.usage', { 'gen_ai.token.type': 'output' })).toMatchObject({
      sum: 5,
    });
  });

  it('reasoning and tool options with throwing getters are ignored', () => {
    const options = Object.defineProperty({}, 'model', { get: boom });
    expect(kit.vitals.reasoning(() => 1, options)).toBe(1);
    const toolOptions = Object.defineProperty({}, 'returnsPromise', { get: boom });
    expect(kit.vitals.callTool('t', () => 2, undefined, [], toolOptions)).toBe(2);
  });

  const hostileResults: [string, () => object][] = [
    ['a then getter that throws', () => Object.defineProperty({}, 'then', { get: boom })],
    [
      'a revoked Proxy',
      () => {
        const { proxy, revoke } = Proxy.revocable({}, {});
        revoke();
        return proxy;
      },
    ],
  ];
  for (const [what, make] of hostileResults) {
    it(`a sync result with ${what} is returned as is, and every span ends`, () => {
      const result = make();
      expect(kit.vitals.run(() => result)).toBe(result);
      expect(kit.vitals.reasoning(() => result)).toBe(result);
      expect(kit.vitals.tool('t', () => result)()).toBe(result);
      const agent = wrap({ think: () => result, tools: { t: () => result } }, { vitals: kit.vitals });
      expect(agent.think()).toBe(result);
      expect(agent.tools.t()).toBe(result);
      expect(
        kit
          .spans()
          .map((span) => span.name.split(' ')[0])
          .sort(),
      ).toEqual(['chat', 'chat', 'execute_tool', 'execute_tool', 'invoke_agent']);
    });
  }

  it('a thrown error whose fields throw still ends the span and passes through', () => {
    const hostileError = new Proxy(new Error('x'), { get: boom, getPrototypeOf: boom });
    let caught: unknown;
    try {
      kit.vitals.tool('t', () => {
        throw hostileError;
      })();
    } catch (error) {
      caught = error;
    }
    expect(caught).toBe(hostileError);
    expect(kit.spans()).toHaveLength(1);
  });

  it('a queue depth whose toString throws is dropped, and collection still works', async () => {
    const handle = kit.vitals.queueDepth('tickets', () => ({ toString: boom, valueOf: boom }) as never);
    kit.vitals.queueDepth('ok', () => 3);
    expect(await kit.metric('agent.queue.depth', { 'agent.queue.name': 'ok' })).toBe(3);
    handle.dispose();
  });

  it('a Proxy agent whose getOwnPropertyDescriptor throws reads as the unwrapped agent', async () => {
    const agent = new Proxy(
      { name: 'bot', run: () => 'ran', tools: { search: (q: string) => [q] } },
      { getOwnPropertyDescriptor: boom },
    );
    const wrapped = wrap(agent, { vitals: kit.vitals });
    expect(wrapped.name).toBe('bot');
    expect(wrapped.run()).toBe('ran');
    expect(wrapped.tools.search('q')).toEqual(['q']);
    expect(await kit.metric('agent.tool.calls', { 'gen_ai.tool.name': 'search' })).toBe(1);
  });
});
