import { createGuard, createToolPolicy, RECOMMENDED_SHELL_COMMANDS } from '@agentvitals/alerts';
import { isPolicyDeniedError, wrap } from '@agentvitals/core';
import { createTestKit } from '@agentvitals/testing';
import { afterEach, describe, expect, it } from 'vitest';

/**
 * The ways around the guard reported against the recommended coding-agent policy, end to end:
 * a real `wrap()`ped agent, a real `createGuard()`, and a shell tool that records what reached it.
 */
const policy = () =>
  createToolPolicy({
    defaultAction: 'deny',
    defaultRole: 'coder',
    roles: {
      coder: {
        allow: ['shell', 'git.*', 'fs.*', 'tool.*'],
        shell: { tools: ['shell'], commands: RECOMMENDED_SHELL_COMMANDS },
      },
    },
  });

describe('the guard decides on the call as the tool receives it', () => {
  const kits: Array<ReturnType<typeof createTestKit>> = [];
  afterEach(async () => {
    for (const kit of kits.splice(0)) await kit.shutdown();
  });

  function setUp() {
    const kit = createTestKit({ agentName: 'code-bot' });
    kits.push(kit);
    const ran: unknown[] = [];
    const agent = wrap(
      {
        tools: {
          shell: async (input: unknown) => {
            ran.push(input);
            return 'ok';
          },
          'git.commit': async (message: string) => agent.tools.shell(`git commit -m ${message}`),
        },
        async callTool(call: unknown, args?: unknown) {
          if (typeof call === 'string') return this.tools.shell(args);
          const { function: fn } = call as { function: { name: string; arguments: string } };
          return this.tools.shell(JSON.parse(fn.arguments));
        },
      },
      { name: 'code-bot', vitals: kit.vitals, guard: createGuard({ policy: policy() }) },
    );
    return { kit, agent, ran };
  }

  it('denies rm -rf inside the JSON string of an OpenAI-shaped dispatch, in both shapes', async () => {
    const { agent, ran, kit } = setUp();
    const dispatch = { type: 'function', function: { name: 'shell', arguments: '{"command":"rm -rf ~"}' } };
    await expect(agent.callTool(dispatch)).rejects.toSatisfy(isPolicyDeniedError);
    await expect(agent.callTool('shell', '{"command":"rm -rf ~"}')).rejects.toSatisfy(isPolicyDeniedError);
    expect(ran).toEqual([]);
    expect(await kit.metric('agent.tool.calls', { 'agent.tool.outcome': 'denied' })).toBeGreaterThanOrEqual(
      2,
    );
    // The same shapes with an allowed command run.
    await agent.callTool({
      type: 'function',
      function: { name: 'shell', arguments: '{"command":"git status"}' },
    });
    expect(ran).toEqual([{ command: 'git status' }]);
  });

  it('denies a tool called from inside another tool', async () => {
    const { agent, ran } = setUp();
    await expect(agent.tools['git.commit']('x; rm -rf ~')).rejects.toSatisfy(isPolicyDeniedError);
    expect(ran).toEqual([]);
  });

  it('denies a deny-listed name however it is disguised, and past the label cap', async () => {
    const kit = createTestKit({ agentName: 'bot' });
    kits.push(kit);
    kit.vitals.use(createGuard({ policy: { roles: { r: { deny: ['shell'] } }, defaultRole: 'r' } }));
    let runs = 0;
    const run = async () => {
      runs++;
    };
    for (const name of ['shell\u200b', 'Shell', 'ＳＨＥＬＬ', ' shell ', 'she\u00adll', '\u2060shell']) {
      await expect(kit.vitals.tool(name, run)()).rejects.toSatisfy(isPolicyDeniedError);
    }
    for (let i = 0; i < 250; i++) await kit.vitals.tool(`tool.${i}`, run)();
    const before = runs;
    await expect(kit.vitals.tool('shell', run)()).rejects.toSatisfy(isPolicyDeniedError);
    expect(runs).toBe(before);
  });
});
