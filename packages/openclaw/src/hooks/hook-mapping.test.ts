import { afterEach, describe, expect, it } from 'vitest';
import { PluginRuntime } from '../runtime/plugin-runtime.js';
import {
  agentCtx,
  fakeApi,
  kitTelemetry,
  modelCall,
  modelCtx,
  RUN_ID,
  toolCall,
  toolCtx,
  toolResult,
} from '../test-support.js';
import { registerHooks } from './register-hooks.js';

const runtimes: PluginRuntime[] = [];

async function setup(config: object = {}) {
  const telemetry = kitTelemetry();
  const api = fakeApi(config);
  const runtime = new PluginRuntime(config, { startTelemetry: telemetry.startTelemetry, logger: api.logger });
  runtimes.push(runtime);
  registerHooks(api, runtime);
  await api.fire('gateway_start', { port: 18789 });
  return { api, runtime, kit: telemetry.kit, starts: telemetry.starts };
}

afterEach(async () => {
  for (const runtime of runtimes.splice(0)) await runtime.stop();
});

const PRICED = { pricing: { 'scripted-1': { input: 1000, output: 5000 } } };

describe('model calls', () => {
  it('records one reasoning call per provider request, attributed to the agent of its run', async () => {
    const { api, kit } = await setup();
    await api.fire('before_agent_run', { prompt: 'hi', messages: [] }, agentCtx());
    await api.fire('model_call_started', modelCall(1), modelCtx());
    await api.fire(
      'model_call_ended',
      { ...modelCall(1), durationMs: 1261, outcome: 'completed' },
      modelCtx(),
    );
    await api.fire('model_call_started', modelCall(2), modelCtx());
    await api.fire(
      'model_call_ended',
      { ...modelCall(2), durationMs: 794, outcome: 'completed' },
      modelCtx(),
    );
    const duration = await kit.metric('agent.reasoning.duration', {
      'gen_ai.agent.name': 'main',
      'gen_ai.request.model': 'scripted-1',
      'gen_ai.provider.name': 'scripted',
    });
    expect(duration).toMatchObject({ count: 2 });
  });

  it('records a failed model call with its category as error.type, and a timeout as TimeoutError', async () => {
    const { api, kit } = await setup();
    await api.fire('model_call_started', modelCall(1), modelCtx());
    await api.fire(
      'model_call_ended',
      { ...modelCall(1), outcome: 'error', errorCategory: 'rate_limit', durationMs: 5 },
      modelCtx(),
    );
    await api.fire('model_call_started', modelCall(2), modelCtx());
    await api.fire(
      'model_call_ended',
      { ...modelCall(2), outcome: 'error', failureKind: 'timeout', durationMs: 5 },
      modelCtx(),
    );
    expect(await kit.metric('agent.reasoning.duration', { 'error.type': 'rate_limit' })).toMatchObject({
      count: 1,
    });
    expect(await kit.metric('agent.reasoning.duration', { 'error.type': 'TimeoutError' })).toMatchObject({
      count: 1,
    });
  });
});

describe('tokens, cost and runs', () => {
  it('records the run usage of llm_output as tokens and prices it', async () => {
    const { api, kit } = await setup(PRICED);
    await api.fire(
      'llm_output',
      {
        runId: RUN_ID,
        provider: 'scripted',
        model: 'scripted-1',
        assistantTexts: ['done'],
        usage: { input: 2000, output: 400, cacheRead: 0, cacheWrite: 0, total: 2400 },
      },
      agentCtx(),
    );
    expect(await kit.metric('gen_ai.client.token.usage', { 'gen_ai.token.type': 'input' })).toMatchObject({
      sum: 2000,
    });
    expect(await kit.metric('gen_ai.client.token.usage', { 'gen_ai.token.type': 'output' })).toMatchObject({
      sum: 400,
    });
    // 2000 × 1000 / 1e6 + 400 × 5000 / 1e6 = 2 + 2 USD.
    expect(await kit.metric('agent.cost', { 'gen_ai.agent.name': 'main' })).toBeCloseTo(4, 6);
  });

  it('counts cache reads and writes as input tokens, cache reads as cached', async () => {
    const { api, kit } = await setup();
    await api.fire(
      'llm_output',
      {
        runId: RUN_ID,
        provider: 'scripted',
        model: 'scripted-1',
        usage: { input: 10, output: 1, cacheRead: 90, cacheWrite: 5 },
      },
      agentCtx(),
    );
    expect(await kit.metric('gen_ai.client.token.usage', { 'gen_ai.token.type': 'input' })).toMatchObject({
      sum: 105,
    });
  });

  it('ends runs from agent_end with their outcome', async () => {
    const { api, kit } = await setup();
    await api.fire('before_agent_run', { prompt: 'hi', messages: [] }, agentCtx('run-ok'));
    await api.fire(
      'agent_end',
      { runId: 'run-ok', success: true, durationMs: 5086, messages: [] },
      agentCtx('run-ok'),
    );
    await api.fire('model_call_started', modelCall(1, 'run-bad'), modelCtx('run-bad'));
    await api.fire(
      'agent_end',
      { runId: 'run-bad', success: false, error: 'boom', messages: [] },
      agentCtx('run-bad'),
    );
    expect(
      await kit.metric('agent.runs', { 'agent.run.outcome': 'success', 'gen_ai.agent.name': 'main' }),
    ).toBe(1);
    expect(
      await kit.metric('agent.runs', { 'agent.run.outcome': 'error', 'gen_ai.agent.name': 'main' }),
    ).toBe(1);
  });

  it('keeps agent activity as heartbeats per agent', async () => {
    const { api, kit } = await setup();
    await api.fire('model_call_started', modelCall(1, 'r-ops'), {
      runId: 'r-ops',
      sessionKey: 'agent:ops:x',
    });
    const heartbeat = await kit.metric('agent.heartbeat.timestamp', { 'gen_ai.agent.name': 'ops' });
    expect(heartbeat).toBeGreaterThan(Date.now() / 1000 - 60);
  });
});

describe('thoughts and sentiment', () => {
  it('records assistant texts as redacted thoughts when thoughts are on', async () => {
    const { api, kit } = await setup({ thoughts: true });
    const secret = 'sk-proj-abcdefghijklmnopqrstuvwxyz0123456789';
    await api.fire(
      'llm_output',
      { runId: RUN_ID, provider: 'scripted', model: 'scripted-1', assistantTexts: [`the key is ${secret}`] },
      agentCtx(),
    );
    const bodies = kit.logs().map((record) => JSON.stringify(record.body));
    expect(bodies.some((body) => body.includes('the key is'))).toBe(true);
    expect(bodies.join('\n')).not.toContain(secret);
  });

  it('records no thoughts by default', async () => {
    const { api, kit } = await setup();
    await api.fire('llm_output', { runId: RUN_ID, assistantTexts: ['private reasoning'] }, agentCtx());
    expect(kit.logs()).toEqual([]);
  });

  it('scores inbound messages when sentiment is on', async () => {
    const { api, kit } = await setup({ sentiment: true });
    await api.fire(
      'message_received',
      { content: 'this is terrible, awful and useless' },
      { agentId: 'main' },
    );
    expect(await kit.metric('agent.sentiment.messages', { 'agent.sentiment.label': 'negative' })).toBe(1);
  });
});

describe('tool calls', () => {
  it('records an allowed tool call with its duration and outcome when after_tool_call arrives', async () => {
    const { api, kit } = await setup();
    const allowed = await api.fire(
      'before_tool_call',
      toolCall('call_1', { command: 'echo hello' }),
      toolCtx('call_1'),
    );
    expect(allowed).toBeUndefined();
    await api.fire(
      'after_tool_call',
      { ...toolCall('call_1', { command: 'echo hello' }), result: toolResult('hello\n'), durationMs: 810 },
      toolCtx('call_1'),
    );
    const attributes = { 'gen_ai.tool.name': 'exec', 'agent.tool.outcome': 'success' };
    expect(await kit.metric('agent.tool.calls', attributes)).toBe(1);
    expect(await kit.metric('agent.tool.duration', attributes)).toMatchObject({ count: 1 });
  });

  it('records a failing tool as error and a call blocked by someone else as ToolCallBlocked', async () => {
    const { api, kit } = await setup();
    await api.fire('before_tool_call', toolCall('call_1', { path: 'a' }, 'read'), toolCtx('call_1'));
    await api.fire(
      'after_tool_call',
      { ...toolCall('call_1', { path: 'a' }, 'read'), error: 'ENOENT' },
      toolCtx('call_1'),
    );
    await api.fire('before_tool_call', toolCall('call_2', { command: 'ls' }), toolCtx('call_2'));
    await api.fire(
      'after_tool_call',
      {
        ...toolCall('call_2', { command: 'ls' }),
        result: {
          content: [{ type: 'text', text: 'no' }],
          details: { status: 'blocked', deniedReason: 'plugin-before-tool-call' },
        },
        error: 'no',
      },
      toolCtx('call_2'),
    );
    expect(
      await kit.metric('agent.tool.calls', { 'gen_ai.tool.name': 'read', 'agent.tool.outcome': 'error' }),
    ).toBe(1);
    const blocked = (await kit.series('agent.tool.calls')).filter(
      (series) => series.attributes['gen_ai.tool.name'] === 'exec',
    );
    expect(blocked.map((series) => series.attributes['agent.tool.outcome'])).toEqual(['error']);
    const spans = kit.spans().filter((span) => span.name === 'execute_tool exec');
    expect(spans[0]?.attributes['error.type']).toBe('ToolCallBlocked');
  });

  it('denies an exec of rm -rf before it runs and says why', async () => {
    const { api, kit } = await setup();
    const answer = await api.fire(
      'before_tool_call',
      toolCall('call_1', { command: 'rm -rf /tmp/work/victim' }),
      toolCtx('call_1'),
    );
    expect(answer).toMatchObject({ block: true });
    expect((answer as { blockReason: string }).blockReason).toMatch(/rm-recursive-force.*rm -rf/);
    expect(
      await kit.metric('agent.tool.calls', { 'gen_ai.tool.name': 'exec', 'agent.tool.outcome': 'denied' }),
    ).toBe(1);
  });

  it('sees through disguises of rm -rf in exec', async () => {
    const { api } = await setup();
    for (const [index, command] of [
      'bash -c "rm -fr ~"',
      'sudo /bin/rm -r -f build',
      'X=1 \\rm --recursive --force .',
    ].entries()) {
      const answer = await api.fire(
        'before_tool_call',
        toolCall(`c${index}`, { command }),
        toolCtx(`c${index}`),
      );
      expect(answer, command).toMatchObject({ block: true });
    }
  });

  it('allows harmless commands and tools the policy allows', async () => {
    const { api } = await setup();
    for (const [index, command] of ['ls -la', 'echo "rm -rf /"', 'git status'].entries()) {
      expect(
        await api.fire('before_tool_call', toolCall(`c${index}`, { command }), toolCtx(`c${index}`)),
      ).toBeUndefined();
    }
  });

  it('applies roles per OpenClaw agent id', async () => {
    const { api, kit } = await setup({
      guard: {
        policy: {
          defaultAction: 'deny',
          roles: { reader: { allow: ['read'] }, coder: { allow: ['read', 'write', 'exec'] } },
          agents: { main: 'reader', dev: 'coder' },
        },
      },
    });
    const denied = await api.fire('before_tool_call', toolCall('c1', { command: 'ls' }), toolCtx('c1'));
    expect((denied as { blockReason: string }).blockReason).toMatch(/roles\.reader\.allow/);
    const allowed = await api.fire('before_tool_call', toolCall('c2', { command: 'ls' }), {
      ...toolCtx('c2'),
      agentId: 'dev',
    });
    expect(allowed).toBeUndefined();
    const devRm = await api.fire('before_tool_call', toolCall('c3', { command: 'rm -rf x' }), {
      ...toolCtx('c3'),
      agentId: 'dev',
    });
    expect(devRm).toMatchObject({ block: true });
    expect(
      await kit.metric('agent.tool.calls', { 'gen_ai.agent.name': 'dev', 'agent.tool.outcome': 'denied' }),
    ).toBe(1);
  });
});

describe('loops and caps', () => {
  const loopOnce = async (
    api: ReturnType<typeof fakeApi>,
    id: string,
    params: object,
    text: string,
    runId = RUN_ID,
  ) => {
    const answer = await api.fire(
      'before_tool_call',
      toolCall(id, params, 'exec', runId),
      toolCtx(id, runId),
    );
    if (answer === undefined) {
      await api.fire(
        'after_tool_call',
        { ...toolCall(id, params, 'exec', runId), result: toolResult(text) },
        toolCtx(id, runId),
      );
    }
    return answer as { block: true; blockReason: string } | undefined;
  };

  it('stops a tool repeated with equivalent arguments, then blocks the agent', async () => {
    const { api, kit } = await setup();
    const answers = [];
    for (let i = 0; i < 8; i++)
      answers.push(await loopOnce(api, `call_${i}`, { command: 'cat  status.txt' }, 'pending'));
    const firstBlocked = answers.findIndex((answer) => answer !== undefined);
    expect(firstBlocked).toBe(6);
    expect(answers[firstBlocked]?.blockReason).toMatch(/AgentRepeatedToolCalls/);
    expect(await kit.metric('agent.tool.calls', { 'agent.tool.outcome': 'blocked' })).toBe(2);
    expect(await kit.metric('agent.alerts', { 'agent.alert.name': 'AgentRepeatedToolCalls' })).toBe(1);
  });

  it('stops a loop that varies its arguments but gets the same result', async () => {
    const { api } = await setup();
    const answers = [];
    for (let i = 0; i < 8; i++)
      answers.push(await loopOnce(api, `call_${i}`, { command: `cat status.txt # ${i}` }, 'pending'));
    expect(answers.findIndex((answer) => answer !== undefined)).toBe(6);
  });

  it('caps tool calls per run whatever the arguments and results', async () => {
    const { api } = await setup({ guard: { loops: { maxToolCallsPerRun: 3 } } });
    const answers = [];
    for (let i = 0; i < 5; i++)
      answers.push(await loopOnce(api, `call_${i}`, { command: `echo ${i}` }, `out ${i}`));
    expect(answers.map((answer) => answer === undefined)).toEqual([true, true, true, false, false]);
    expect(answers[3]?.blockReason).toMatch(/more than 3 tool calls in one run/);
  });

  it('stays quiet while calls make progress', async () => {
    const { api, runtime } = await setup();
    for (let i = 0; i < 20; i++)
      expect(
        await loopOnce(api, `call_${i}`, { command: `echo ${i}` }, `out ${i}`, `run-${i}`),
      ).toBeUndefined();
    expect(runtime.guard?.alerts()).toEqual([]);
  });

  it('blocks tool calls and new runs once the hourly cost cap is reached', async () => {
    const { api, kit } = await setup({ ...PRICED, guard: { costCap: { usdPerHour: 3 } } });
    expect(
      await api.fire('before_agent_run', { prompt: 'one', messages: [] }, agentCtx('run-1')),
    ).toBeUndefined();
    await api.fire(
      'llm_output',
      { runId: 'run-1', provider: 'scripted', model: 'scripted-1', usage: { input: 2000, output: 400 } },
      agentCtx('run-1'),
    );
    expect(await kit.metric('agent.alerts', { 'agent.alert.name': 'AgentCostSpike' })).toBe(1);
    const run = await api.fire('before_agent_run', { prompt: 'two', messages: [] }, agentCtx('run-2'));
    expect(run).toMatchObject({ outcome: 'block' });
    expect((run as { reason: string }).reason).toMatch(/AgentCostSpike/);
    const tool = await api.fire(
      'before_tool_call',
      toolCall('c1', { command: 'ls' }, 'exec', 'run-2'),
      toolCtx('c1', 'run-2'),
    );
    expect(tool).toMatchObject({ block: true });
    expect(await kit.metric('agent.tool.calls', { 'agent.tool.outcome': 'blocked' })).toBe(1);
  });

  it('keeps the daily cap separate from the hourly one', async () => {
    const { api, kit } = await setup({ ...PRICED, guard: { costCap: { usdPerHour: 100, usdPerDay: 3 } } });
    await api.fire(
      'llm_output',
      { runId: 'run-1', provider: 'scripted', model: 'scripted-1', usage: { input: 2000, output: 400 } },
      agentCtx('run-1'),
    );
    expect(await kit.metric('agent.alerts', { 'agent.alert.name': 'AgentDailyCostCap' })).toBe(1);
    expect(await kit.metric('agent.alerts', { 'agent.alert.name': 'AgentCostSpike' })).toBe(0);
    expect(
      await api.fire('before_agent_run', { prompt: 'x', messages: [] }, agentCtx('run-2')),
    ).toMatchObject({
      outcome: 'block',
    });
  });

  it('lets every agent spend under the cap', async () => {
    const { api } = await setup({ ...PRICED, guard: { costCap: { usdPerHour: 5 } } });
    await api.fire(
      'llm_output',
      { runId: 'r', provider: 'scripted', model: 'scripted-1', usage: { input: 2000, output: 400 } },
      agentCtx('r'),
    );
    expect(await api.fire('before_agent_run', { prompt: 'x', messages: [] }, agentCtx('r2'))).toBeUndefined();
  });

  it('fires the stale-heartbeat alert when an agent goes silent', async () => {
    const { api, runtime, kit } = await setup({ guard: { staleHeartbeatMs: 1_000 } });
    await api.fire('model_call_started', modelCall(1), modelCtx());
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    runtime.guard?.evaluate();
    expect(
      await kit.metric('agent.alerts', {
        'agent.alert.name': 'AgentHeartbeatStale',
        'gen_ai.agent.name': 'main',
      }),
    ).toBe(1);
    expect(api.logs.some((line) => line.includes('AgentHeartbeatStale'))).toBe(true);
  });

  it('keeps the stale-heartbeat alert quiet while the agent is active', async () => {
    const { api, runtime, kit } = await setup({ guard: { staleHeartbeatMs: 1_000 } });
    for (let i = 0; i < 10; i++) {
      await api.fire('model_call_started', modelCall(i), modelCtx());
      await api.fire('model_call_ended', { ...modelCall(i), outcome: 'completed' }, modelCtx());
      await new Promise((resolve) => setTimeout(resolve, 300));
      runtime.guard?.evaluate();
    }
    expect(await kit.metric('agent.alerts', { 'agent.alert.name': 'AgentHeartbeatStale' })).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    runtime.guard?.evaluate();
    expect(await kit.metric('agent.alerts', { 'agent.alert.name': 'AgentHeartbeatStale' })).toBe(1);
  });
});
