import { createTestKit, type TestKit } from '@agentvitals/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CircuitOpenError } from '../errors/circuit-open-error.js';
import { isPolicyDeniedError, PolicyDeniedError } from '../errors/policy-denied-error.js';
import { ALLOW, type Guard, type GuardRequest } from '../guard/guard.js';

describe('vitals.tool', () => {
  let kit: TestKit;
  beforeEach(() => {
    kit = createTestKit({ agentName: 'support-bot' });
  });
  afterEach(() => kit.shutdown());

  const calls = (outcome: string, tool = 'crm.lookup') =>
    kit.metric('agent.tool.calls', { 'gen_ai.tool.name': tool, 'agent.tool.outcome': outcome });

  it('keeps the signature: sync stays sync, this is kept, the value passes through', async () => {
    const crm = {
      prefix: 'cust-',
      lookup(id: number) {
        return `${this.prefix}${id}`;
      },
    };
    crm.lookup = kit.vitals.tool('crm.lookup', crm.lookup);
    expect(crm.lookup(7)).toBe('cust-7');
    expect(crm.lookup.name).toBe('lookup');
    expect(await calls('success')).toBe(1);
    expect(await kit.metric('agent.tool.duration', { 'agent.tool.outcome': 'success' })).toMatchObject({
      count: 1,
    });
    expect(await kit.metric('agent.actions')).toBe(1);
    const span = kit.spans()[0]!;
    expect(span.name).toBe('execute_tool crm.lookup');
    expect(span.attributes).toMatchObject({
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.tool.name': 'crm.lookup',
    });
  });

  it('records error, timeout and invalid outcomes, rethrowing the same error', async () => {
    const failure = new Error('crm down');
    const failing = kit.vitals.tool('crm.lookup', async () => {
      throw failure;
    });
    await expect(failing()).rejects.toBe(failure);
    const timeout = kit.vitals.tool('crm.lookup', () => {
      throw new DOMException('too slow', 'TimeoutError');
    });
    expect(() => timeout()).toThrow('too slow');
    const validated = kit.vitals.tool(
      'crm.lookup',
      async (id: number) => ({ id, email: id > 0 ? 'a@b.c' : '' }),
      {
        validate: (result) => (result.email ? true : 'missing email'),
      },
    );
    expect(await validated(0)).toEqual({ id: 0, email: '' });
    expect(await validated(1)).toEqual({ id: 1, email: 'a@b.c' });
    expect(await calls('error')).toBe(1);
    expect(await calls('timeout')).toBe(1);
    expect(await calls('invalid')).toBe(1);
    expect(await calls('success')).toBe(1);
    const errorSpan = kit.spans().find((s) => s.attributes['agent.tool.outcome'] === 'error')!;
    expect(errorSpan.attributes['error.type']).toBe('Error');
  });

  it('calls the function exactly once even when the validator throws', async () => {
    let count = 0;
    const tool = kit.vitals.tool(
      'crm.lookup',
      () => {
        count++;
        return 1;
      },
      {
        validate: () => {
          throw new Error('validator bug');
        },
      },
    );
    expect(tool()).toBe(1);
    expect(count).toBe(1);
    expect(await calls('invalid')).toBe(1);
  });

  it('asks guards first: denied and blocked calls never run', async () => {
    const requests: GuardRequest[] = [];
    let verdict: 'allow' | 'deny' | 'block' = 'deny';
    const guard: Guard = {
      check(request) {
        requests.push(request);
        if (verdict === 'deny') {
          return {
            action: 'deny',
            reason: 'shell is forbidden',
            error: new PolicyDeniedError('no', {
              agentName: 'support-bot',
              toolName: 'shell',
              rule: 'deny:shell',
            }),
          };
        }
        if (verdict === 'block') {
          return {
            action: 'block',
            reason: 'open',
            error: new CircuitOpenError('open', { breakerName: 'agent', agentName: 'support-bot' }),
          };
        }
        return ALLOW;
      },
      attach: () => ({ dispose() {} }),
    };
    kit.vitals.use(guard);
    let ran = 0;
    const shell = kit.vitals.tool('shell', (command: string) => {
      ran++;
      return command;
    });
    expect(() => shell('rm -rf /')).toThrow(PolicyDeniedError);
    verdict = 'block';
    expect(() => shell('ls')).toThrow(CircuitOpenError);
    verdict = 'allow';
    expect(shell('ls')).toBe('ls');
    expect(ran).toBe(1);
    expect(requests[0]).toMatchObject({
      kind: 'tool',
      toolName: 'shell',
      args: ['rm -rf /'],
      agentName: 'support-bot',
    });
    expect(await calls('denied', 'shell')).toBe(1);
    expect(await calls('blocked', 'shell')).toBe(1);
    expect(await calls('success', 'shell')).toBe(1);
    expect(await kit.metric('agent.actions')).toBe(1);
  });

  it('denies the call when a guard throws (fail closed), saying why', () => {
    kit.vitals.use({
      check() {
        throw new Error('guard bug');
      },
      attach: () => ({ dispose() {} }),
    });
    let ran = false;
    let caught: unknown;
    try {
      kit.vitals.tool('t', () => {
        ran = true;
      })();
    } catch (error) {
      caught = error;
    }
    expect(ran).toBe(false);
    expect(isPolicyDeniedError(caught)).toBe(true);
    expect((caught as Error).message).toMatch(/could not decide .*check\(\) threw/);
  });

  it('refuses bad configuration with a TypeError', () => {
    expect(() => kit.vitals.tool('', () => 1)).toThrow(TypeError);
    expect(() => kit.vitals.tool('x', 'nope' as never)).toThrow(TypeError);
  });

  it('bounds tool names that come from model output', async () => {
    const small = createTestKit({ agentName: 'a', limits: { maxToolNames: 2, maxNameLength: 10 } });
    for (const name of ['one', 'two', 'three', 'four', 'x'.repeat(50)]) {
      small.vitals.callTool(name, () => 1, undefined, []);
    }
    small.vitals.callTool({ evil: true } as never, () => 1, undefined, []);
    small.vitals.callTool('bad name\n{}', () => 1, undefined, []);
    const names = (await small.series('agent.tool.calls'))
      .map((s) => s.attributes['gen_ai.tool.name'])
      .sort();
    expect(names).toEqual(['_invalid', '_overflow', '_redacted', 'one', 'two']);
    await small.shutdown();
  });
});

describe('guards and async functions', () => {
  const block: Guard = {
    check: () => ({
      action: 'block',
      reason: 'open',
      error: new CircuitOpenError('open', { breakerName: 'agent', agentName: 'a' }),
    }),
    attach: () => ({ dispose() {} }),
  };

  it('refuses an async tool with a rejected promise, a sync one with a throw', async () => {
    const kit = createTestKit({ agentName: 'a', guard: block });
    const asyncTool = kit.vitals.tool('t', async () => 1);
    const returned = asyncTool();
    expect(returned).toBeInstanceOf(Promise);
    await expect(returned).rejects.toBeInstanceOf(CircuitOpenError);
    expect(() => kit.vitals.tool('t', () => 1)()).toThrow(CircuitOpenError);
    await kit.shutdown();
  });

  it('refuses an async reasoning call, or one marked returnsPromise, with a rejected promise', async () => {
    const kit = createTestKit({ agentName: 'a', guard: block });
    await expect(kit.vitals.reasoning(async () => 1)).rejects.toBeInstanceOf(CircuitOpenError);
    await expect(
      kit.vitals.reasoning(() => Promise.resolve(1), { returnsPromise: true }),
    ).rejects.toBeInstanceOf(CircuitOpenError);
    expect(() => kit.vitals.reasoning(() => 1)).toThrow(CircuitOpenError);
    await kit.shutdown();
  });
});
