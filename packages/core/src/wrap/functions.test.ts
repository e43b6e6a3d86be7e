import { createTestKit } from '@agentvitals/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { PolicyDeniedError } from '../errors/policy-denied-error.js';
import { NOOP_DISPOSABLE } from '../events/disposable.js';
import { ALLOW, type Guard } from '../guard/guard.js';
import { wrapReasoning, wrapRun, wrapTool } from './functions.js';
import { wrap } from './wrap.js';

const kit = createTestKit({ agentName: 'functions' });
afterEach(() => kit.reset());
const vitals = kit.vitals;

describe('wrapTool, wrapReasoning, wrapRun', () => {
  it('wrapTool keeps the signature, this and result, and records outcomes', async () => {
    const counter = {
      base: 10,
      add(this: { base: number }, n: number) {
        return this.base + n;
      },
    };
    const add = wrapTool('add', counter.add, { vitals, validate: (result) => result < 100 });
    expect(add.call(counter, 5)).toBe(15);
    expect(add.call(counter, 500)).toBe(510);
    expect(add.name).toBe('add');
    expect(
      await kit.metric('agent.tool.calls', { 'gen_ai.tool.name': 'add', 'agent.tool.outcome': 'success' }),
    ).toBe(1);
    expect(
      await kit.metric('agent.tool.calls', { 'gen_ai.tool.name': 'add', 'agent.tool.outcome': 'invalid' }),
    ).toBe(1);
  });

  it('wrapping a wrapped function records once', async () => {
    const once = wrapTool('echo', (x: string) => x, { vitals });
    const twice = wrapTool('echo', once, { vitals });
    expect(twice('a')).toBe('a');
    expect(await kit.metric('agent.tool.calls')).toBe(1);
  });

  it('wrapReasoning reads usage; wrapRun gives nested calls its request id', async () => {
    const think = wrapReasoning(
      async (prompt: string) => ({
        type: 'message',
        role: 'assistant',
        model: 'claude-3-5-haiku-20241022',
        content: [{ type: 'text', text: prompt }],
        usage: { input_tokens: 12, output_tokens: 4 },
      }),
      { vitals },
    );
    const handle = wrapRun(async (ticket: { id: string }) => think(ticket.id), {
      vitals,
      requestId: (ticket) => ticket.id,
    });
    await handle({ id: 'T-9' });
    const chat = kit.spans().find((s) => s.name.startsWith('chat'))!;
    expect(chat.attributes['agent.request.id']).toBe('T-9');
    expect(
      await kit.metric('gen_ai.client.token.usage', { 'gen_ai.provider.name': 'anthropic' }),
    ).toMatchObject({ sum: 16 });
  });

  it('rejects bad arguments and options at wrap time', () => {
    expect(() => wrapTool('', () => 1)).toThrow(/non-empty tool name/);
    expect(() => wrapTool('x', 'nope' as never)).toThrow(/needs a function/);
    expect(() => wrapTool('x', () => 1, { validate: 3 as never })).toThrow(/'validate' must be a function/);
    expect(() => wrapReasoning(() => 1, { model: 7 as never, runs: [] } as never)).toThrow(
      /unknown option 'runs'.*'model' must be a non-empty string/,
    );
    expect(() => wrapRun(() => 1, { requestId: 'r-1' as never })).toThrow(/'requestId' must be a function/);
  });

  it('passes the call through when the requestId option throws', async () => {
    const run = wrapRun(() => 'ok', {
      vitals,
      requestId: () => {
        throw new Error('bad option');
      },
    });
    expect(run()).toBe('ok');
    expect(await kit.metric('agent.runs')).toBe(1);
  });
});

describe('wrap with a guard', () => {
  it('attaches the guard to each agent given it, and lets it veto tool calls before they run', async () => {
    let attached = 0;
    let ran = false;
    const denial = new PolicyDeniedError('rm -rf is not allowed', {
      agentName: 'functions',
      toolName: 'shell',
      rule: 'no-rm',
    });
    const guard: Guard = {
      check: (request) =>
        request.kind === 'tool' && String(request.args[0]).includes('rm -rf')
          ? { action: 'deny', error: denial, reason: 'no-rm' }
          : ALLOW,
      attach: () => {
        attached += 1;
        return NOOP_DISPOSABLE;
      },
    };
    const make = () =>
      wrap(
        {
          tools: {
            shell: (command: string) => {
              ran = true;
              return command;
            },
          },
        },
        { vitals, guard },
      );
    const agent = make();
    make();
    expect(attached).toBe(2);
    expect(() => agent.tools.shell('rm -rf /')).toThrow(denial);
    expect(ran).toBe(false);
    expect(agent.tools.shell('ls')).toBe('ls');
    expect(await kit.metric('agent.tool.calls', { 'agent.tool.outcome': 'denied' })).toBe(1);
    expect(await kit.metric('agent.tool.calls', { 'agent.tool.outcome': 'success' })).toBe(1);
    // Another agent recording into the same vitals, without a guard, is not guarded by it.
    const unguarded = wrap({ tools: { shell: (command: string) => command } }, { vitals });
    expect(unguarded.tools.shell('rm -rf /')).toBe('rm -rf /');
    expect(kit.vitals.callTool('shell', (command: string) => command, undefined, ['rm -rf /'])).toBe(
      'rm -rf /',
    );
  });
});
