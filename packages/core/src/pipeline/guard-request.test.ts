import { createTestKit } from '@agentvitals/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { isPolicyDeniedError, PolicyDeniedError } from '../errors/policy-denied-error.js';
import type { VitalsEvent } from '../events/vitals-event.js';
import { ALLOW, type Guard, type GuardDecision, type GuardRequest } from '../guard/guard.js';
import { wrap } from '../wrap/wrap.js';

const kits: ReturnType<typeof createTestKit>[] = [];
afterEach(async () => {
  for (const kit of kits.splice(0)) await kit.shutdown();
});

function newKit(options: Parameters<typeof createTestKit>[0] = {}) {
  const kit = createTestKit({ agentName: 'guarded', ...options });
  kits.push(kit);
  return kit;
}

/** A guard that records what it is asked and denies the tools named in `deny` (by exact name). */
function denyList(deny: readonly string[]) {
  const requests: GuardRequest[] = [];
  const guard: Guard = {
    check(request): GuardDecision {
      requests.push(request);
      if (request.kind === 'tool' && deny.includes(request.toolName)) {
        return {
          action: 'deny',
          reason: `tool ${request.toolName} is denied`,
          error: new PolicyDeniedError('denied', {
            agentName: 'guarded',
            toolName: request.toolName,
            rule: 'r',
          }),
        };
      }
      return ALLOW;
    },
    attach: () => ({ dispose() {} }),
  };
  return { guard, requests };
}

function attempt(fn: () => unknown): unknown {
  try {
    return fn();
  } catch (error) {
    return error;
  }
}

describe('guards decide on the real tool name', () => {
  it('a deny list on shell catches every disguise of the name', () => {
    const { guard } = denyList(['shell']);
    const kit = newKit({ guard });
    let ran = 0;
    for (const name of [
      'shell',
      'Shell',
      'SHELL',
      'shell\u200b',
      '\u200dshell',
      'ｓｈｅｌｌ',
      ' shell ',
      '"shell"',
      'she\u00adll',
    ]) {
      const result = attempt(() => kit.vitals.tool(name, (_command: string) => ran++)('rm -rf ~'));
      expect(isPolicyDeniedError(result), name).toBe(true);
    }
    expect(ran).toBe(0);
    expect(kit.vitals.tool('shellcheck', () => 'ok')()).toBe('ok');
  });

  it('the 201st distinct tool named shell is denied like the first, though recorded as _overflow', async () => {
    const { guard, requests } = denyList(['shell']);
    const kit = newKit({ guard });
    for (let i = 0; i < 200; i++) kit.vitals.callTool(`tool-${i}`, () => i, undefined, []);
    const result = attempt(() =>
      kit.vitals.callTool('shell', (_command: string) => 'ran', undefined, ['rm -rf ~']),
    );
    expect(isPolicyDeniedError(result)).toBe(true);
    expect(requests.at(-1)).toMatchObject({ kind: 'tool', toolName: 'shell' });
    expect(
      await kit.metric('agent.tool.calls', {
        'gen_ai.tool.name': '_overflow',
        'agent.tool.outcome': 'denied',
      }),
    ).toBe(1);
  });

  it('an allow list still admits a legitimate tool past the label cap', () => {
    const requests: GuardRequest[] = [];
    const allowOnly: Guard = {
      check(request) {
        requests.push(request);
        return request.kind === 'tool' && !request.toolName.startsWith('ok-')
          ? { action: 'deny', reason: 'not allowed', error: new Error('not allowed') }
          : ALLOW;
      },
      attach: () => ({ dispose() {} }),
    };
    const kit = newKit({ guard: allowOnly, limits: { maxToolNames: 2 } });
    for (const name of ['ok-a', 'ok-b', 'ok-c', 'ok-d']) {
      expect(kit.vitals.callTool(name, () => name, undefined, [])).toBe(name);
    }
  });

  it('distinct tools in the overflow bucket reach guards and events under their own names', () => {
    const kit = newKit({ limits: { maxToolNames: 1 } });
    const seen: string[] = [];
    const ended: string[] = [];
    kit.vitals.use({
      check(request) {
        if (request.kind === 'tool') seen.push(request.toolName);
        return ALLOW;
      },
      attach: (host) => host.events.on('tool.end', (event) => ended.push(event.toolName)),
    });
    for (const name of ['a', 'b', 'c', 'd']) kit.vitals.callTool(name, () => 1, undefined, []);
    expect(seen).toEqual(['a', 'b', 'c', 'd']);
    expect(ended).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('what a guard request carries', () => {
  it('a call id shared by the request and the events of the same call', () => {
    const { guard, requests } = denyList(['shell']);
    const kit = newKit({ guard });
    const events: VitalsEvent[] = [];
    kit.vitals.events.subscribe((event) => events.push(event));
    kit.vitals.callTool('search', (q: string) => q, undefined, ['a']);
    attempt(() => kit.vitals.callTool('shell', () => 1, undefined, []));
    kit.vitals.reasoning(() => 'thought', { model: 'gpt-4o' });
    const ids = requests.map((r) => r.callId);
    expect(new Set(ids).size).toBe(3);
    for (const id of ids) expect(typeof id).toBe('number');
    const of = (id: number | undefined) => events.filter((e) => e.callId === id).map((e) => e.type);
    expect(of(ids[0])).toEqual(['tool.start', 'tool.end']);
    expect(of(ids[1])).toEqual(['guard.deny', 'tool.end']);
    expect(of(ids[2])).toEqual(['reasoning.start', 'reasoning.end']);
  });

  it('the decoded input of an OpenAI-style call, and positional arguments', () => {
    const { guard, requests } = denyList([]);
    const kit = newKit({ guard });
    kit.vitals.callTool('shell', (_json: string) => 1, undefined, ['{"command":"rm -rf ~"}']);
    kit.vitals.callTool('add', (a: number, b: number) => a + b, undefined, [2, 3]);
    kit.vitals.callTool('q', (_o: object) => 1, undefined, [{ query: 'x' }]);
    expect(requests.map((r) => (r.kind === 'tool' ? r.input : undefined))).toEqual([
      { command: 'rm -rf ~' },
      [2, 3],
      { query: 'x' },
    ]);
    expect(requests[0]).toMatchObject({ args: ['{"command":"rm -rf ~"}'], nested: false });
  });

  it('maxOutputTokens from the reasoning options or an OpenAI-style request body', async () => {
    const { guard, requests } = denyList([]);
    const kit = newKit({ guard });
    kit.vitals.reasoning(() => 'a', { model: 'gpt-4o', maxOutputTokens: 500 });
    kit.vitals.reasoning(() => 'b', { model: 'gpt-4o' });
    const agent = wrap(
      {
        async complete(body: object) {
          return { body };
        },
      },
      { vitals: kit.vitals, reasoning: ['complete'] },
    );
    await agent.complete({ model: 'gpt-4o', max_tokens: 256 });
    await agent.complete({ model: 'o3', max_completion_tokens: 1024 });
    await agent.complete({ model: 'gpt-4.1', max_output_tokens: 64 });
    const limits = requests.map((r) => (r.kind === 'reasoning' ? r.maxOutputTokens : 'tool'));
    expect(limits).toEqual([500, undefined, 256, 1024, 64]);
  });
});

describe('through wrap()', () => {
  it('a dispatcher passes the real tool name and decoded input, in both call shapes', () => {
    const { guard, requests } = denyList(['shell']);
    const kit = newKit();
    let ran = 0;
    const agent = wrap(
      {
        callTool(call: unknown, _json?: string) {
          ran++;
          return call;
        },
      },
      { vitals: kit.vitals, guard },
    );
    const openAiCall = { type: 'function', function: { name: 'shell', arguments: '{"command":"rm -rf ~"}' } };
    expect(isPolicyDeniedError(attempt(() => agent.callTool(openAiCall)))).toBe(true);
    expect(isPolicyDeniedError(attempt(() => agent.callTool('shell', '{"command":"rm -rf ~"}')))).toBe(true);
    expect(isPolicyDeniedError(attempt(() => agent.callTool('Shell\u200b', '{"command":"rm -rf ~"}')))).toBe(
      true,
    );
    expect(ran).toBe(0);
    expect(requests.map((r) => (r.kind === 'tool' ? [r.toolName, r.input] : r.kind))).toEqual([
      ['shell', { command: 'rm -rf ~' }],
      ['shell', { command: 'rm -rf ~' }],
      ['shell', { command: 'rm -rf ~' }],
    ]);
    // `args` is what the tool receives: the dispatcher's arguments after the tool's name.
    expect(requests[1]?.kind === 'tool' && requests[1].args).toEqual(['{"command":"rm -rf ~"}']);
  });

  it('a tool called from inside another tool is guarded too, and counted once when allowed', async () => {
    const requests: GuardRequest[] = [];
    const noRm: Guard = {
      check(request) {
        requests.push(request);
        if (request.kind === 'tool' && request.toolName === 'shell' && /rm -rf/.test(String(request.input))) {
          return {
            action: 'deny',
            reason: 'rm -rf',
            error: new PolicyDeniedError('no', { agentName: 'a', toolName: 'shell', rule: 'rm' }),
          };
        }
        return ALLOW;
      },
      attach: () => ({ dispose() {} }),
    };
    const kit = newKit();
    const commands: string[] = [];
    const agent = wrap(
      {
        tools: {
          shell: (command: string) => {
            commands.push(command);
            return command;
          },
          'git.commit': (message: string): string => agent.tools.shell(`git commit -m ${message}`),
        },
      },
      { vitals: kit.vitals, guard: noRm },
    );
    expect(agent.tools['git.commit']('fix')).toBe('git commit -m fix');
    expect(isPolicyDeniedError(attempt(() => agent.tools['git.commit']('x; rm -rf ~')))).toBe(true);
    expect(isPolicyDeniedError(attempt(() => agent.tools.shell('rm -rf ~')))).toBe(true);
    expect(commands).toEqual(['git commit -m fix']);
    const inner = requests.filter((r) => r.kind === 'tool' && r.toolName === 'shell' && r.nested);
    expect(inner).toHaveLength(2);
    expect(
      await kit.metric('agent.tool.calls', {
        'gen_ai.tool.name': 'git.commit',
        'agent.tool.outcome': 'success',
      }),
    ).toBe(1);
    expect(
      await kit.metric('agent.tool.calls', {
        'gen_ai.tool.name': 'git.commit',
        'agent.tool.outcome': 'error',
      }),
    ).toBe(1);
    expect(
      await kit.metric('agent.tool.calls', { 'gen_ai.tool.name': 'shell', 'agent.tool.outcome': 'success' }),
    ).toBe(0);
    expect(
      await kit.metric('agent.tool.calls', { 'gen_ai.tool.name': 'shell', 'agent.tool.outcome': 'denied' }),
    ).toBe(2);
  });
});
