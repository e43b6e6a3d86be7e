import { createGuard, DANGEROUS_SHELL_RULES, defaultRules } from '@agentvitals/alerts';
import { isCircuitOpenError } from '@agentvitals/core';
import { instrumentAgent, instrumentModelProvider } from '@agentvitals/openai-agents';
import { createTestKit, type TestKit } from '@agentvitals/testing';
import {
  Agent,
  OpenAIProvider,
  Runner,
  run,
  setDefaultOpenAIClient,
  setOpenAIAPI,
  setTraceProcessors,
  setTracingDisabled,
  tool,
} from '@openai/agents';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type ScriptedOpenAIServer, startScriptedOpenAIServer } from './helpers/scripted-openai-server.js';

// Usage per conversation: 100 + n input tokens and 10 + n output tokens per model request,
// where n is the number in the user's message, so each run's usage is told apart.
const numberIn = (text: string) => Number(/(\d+)/.exec(text)?.[1] ?? 0);

let server: ScriptedOpenAIServer;

beforeAll(async () => {
  server = await startScriptedOpenAIServer((request) => {
    const n = numberIn(request.userText);
    const usage = { inputTokens: 100 + n, outputTokens: 10 + n };
    const toolNames = ((request.body.tools as Array<{ name?: string }> | undefined) ?? []).map((t) => t.name);
    const handoff = toolNames.find((name) => name?.startsWith('transfer_to_'));
    if (handoff && request.toolResults.length === 0)
      return { ...usage, toolCalls: [{ name: handoff, arguments: {} }] };
    if (toolNames.includes('ask_inner') && request.toolResults.length === 0) {
      return { ...usage, toolCalls: [{ name: 'ask_inner', arguments: { input: `question ${n}` } }] };
    }
    if (request.userText.includes('checked') && request.toolResults.length === 0) {
      return { ...usage, toolCalls: [{ name: 'checked', arguments: { query: 'x' } }] };
    }
    if (request.userText.includes('shell') && request.toolResults.length === 0) {
      return { ...usage, toolCalls: [{ name: 'shell', arguments: { command: 'rm -rf /' } }] };
    }
    if (request.toolResults.length === 0) {
      return {
        ...usage,
        toolCalls: [
          { name: 'lookup', arguments: { query: `q${n}` } },
          { name: 'explode', arguments: { query: `q${n}` } },
        ],
      };
    }
    return { ...usage, text: `answer ${n}: ${request.toolResults.join(' | ')}` };
  });
  // Nothing leaves the process: no trace exporter, the model client points at the scripted server.
  setTraceProcessors([]);
  // The SDK turns its tracing off when NODE_ENV is 'test'; the integration reads runs from it.
  setTracingDisabled(false);
  setDefaultOpenAIClient(new OpenAI({ baseURL: server.baseURL, apiKey: 'test-key' }));
});

afterAll(async () => {
  await server.close();
});

let shellRuns = 0;

function makeAgent(name: string, options: { withOutputSchemaTool?: boolean } = {}) {
  const lookup = tool({
    name: 'lookup',
    description: 'Looks something up.',
    parameters: z.object({ query: z.string() }),
    execute: async ({ query }) => `found ${query}`,
  });
  const explode = tool({
    name: 'explode',
    description: 'Always fails.',
    parameters: z.object({ query: z.string() }),
    execute: async () => {
      throw new Error('kaboom');
    },
  });
  const shell = tool({
    name: 'shell',
    description: 'Runs a shell command.',
    parameters: z.object({ command: z.string() }),
    execute: async ({ command }) => {
      shellRuns++;
      return `ran ${command}`;
    },
  });
  const checked = tool({
    name: 'checked',
    description: 'Returns a result its output schema rejects.',
    parameters: z.object({ query: z.string() }),
    outputSchema: z.object({ ok: z.boolean() }),
    execute: async () => ({ ok: 'not a boolean' }) as unknown as { ok: boolean },
  });
  return new Agent({
    name,
    instructions: 'Help.',
    model: 'gpt-4o-mini',
    tools: options.withOutputSchemaTool ? [lookup, explode, shell, checked] : [lookup, explode, shell],
  });
}

const kits: TestKit[] = [];
function kitFor(agentName: string, guard?: ReturnType<typeof createGuard>) {
  const kit = createTestKit({ agentName, ...(guard ? { guard } : {}) });
  kits.push(kit);
  return kit;
}

afterEach(async () => {
  for (const kit of kits.splice(0)) await kit.shutdown();
});

describe('OpenAI Agents JS, instrumented with instrumentAgent()', () => {
  it('records one run with a reasoning call per model request and each tool outcome', async () => {
    const kit = kitFor('oa-one');
    const agent = instrumentAgent(makeAgent('oa-one'), kit.vitals);
    const result = await run(agent, 'question 1');
    expect(result.finalOutput).toContain('answer 1');

    expect(await kit.metric('agent.runs', { 'agent.run.outcome': 'success' })).toBe(1);
    expect(await kit.metric('agent.reasoning.duration')).toMatchObject({ count: 2 });
    expect(
      await kit.metric('agent.tool.calls', { 'gen_ai.tool.name': 'lookup', 'agent.tool.outcome': 'success' }),
    ).toBe(1);
    expect(
      await kit.metric('agent.tool.calls', { 'gen_ai.tool.name': 'explode', 'agent.tool.outcome': 'error' }),
    ).toBe(1);
    expect(await kit.metric('gen_ai.client.token.usage', { 'gen_ai.token.type': 'input' })).toEqual({
      count: 2,
      sum: 202,
    });
    expect(await kit.metric('agent.cost', { 'gen_ai.request.model': 'gpt-4o-mini' })).toBeGreaterThan(0);

    const spans = kit.spans();
    const runSpan = spans.find((s) => s.name === 'invoke_agent oa-one')!;
    expect(runSpan).toBeDefined();
    const chats = spans.filter((s) => s.name.startsWith('chat'));
    const tools = spans.filter((s) => s.name.startsWith('execute_tool'));
    expect(chats.map((s) => s.name)).toEqual(['chat gpt-4o-mini', 'chat gpt-4o-mini']);
    expect(tools.map((s) => s.name).sort()).toEqual(['execute_tool explode', 'execute_tool lookup']);
    for (const child of [...chats, ...tools]) {
      expect(child.spanContext().traceId).toBe(runSpan.spanContext().traceId);
      expect(child.parentSpanContext?.spanId).toBe(runSpan.spanContext().spanId);
    }
    expect(chats[0]!.attributes['gen_ai.request.model']).toBe('gpt-4o-mini');
    expect(chats[0]!.attributes['gen_ai.response.model']).toBe('gpt-4o-mini-2024-07-18');
  });
});

describe('OpenAI Agents JS streamed runs', () => {
  it('ends the run when its stream is consumed, not before', async () => {
    const kit = kitFor('oa-stream');
    const agent = instrumentAgent(makeAgent('oa-stream'), kit.vitals);
    const stream = await run(agent, 'question 3', { stream: true });
    // The run started but has not ended: nothing consumed the stream yet.
    expect(await kit.metric('agent.runs')).toBe(0);
    const text: string[] = [];
    for await (const event of stream) {
      if (event.type === 'raw_model_stream_event' && event.data.type === 'output_text_delta') {
        text.push(event.data.delta);
      }
    }
    await stream.completed;
    expect(text.join('')).toContain('answer 3');
    expect(stream.finalOutput).toContain('answer 3');

    expect(await kit.metric('agent.runs', { 'agent.run.outcome': 'success' })).toBe(1);
    expect(await kit.metric('agent.reasoning.duration')).toMatchObject({ count: 2 });
    expect(await kit.metric('gen_ai.client.token.usage', { 'gen_ai.token.type': 'output' })).toEqual({
      count: 2,
      sum: 26,
    });
    expect(await kit.metric('agent.tool.calls', { 'agent.tool.outcome': 'error' })).toBe(1);
    const runSpan = kit.spans().find((s) => s.name === 'invoke_agent oa-stream')!;
    const lastToolEnd = Math.max(
      ...kit
        .spans()
        .filter((s) => s.name.startsWith('execute_tool'))
        .map((s) => s.endTime[0] * 1e9 + s.endTime[1]),
    );
    expect(runSpan.endTime[0] * 1e9 + runSpan.endTime[1]).toBeGreaterThanOrEqual(lastToolEnd);
    const chats = kit.spans().filter((s) => s.name === 'chat gpt-4o-mini');
    expect(chats).toHaveLength(2);
    expect(chats.every((s) => s.parentSpanContext?.spanId === runSpan.spanContext().spanId)).toBe(true);
  });

  it('ends an abandoned streamed run', async () => {
    const kit = kitFor('oa-abandon');
    const agent = instrumentAgent(makeAgent('oa-abandon'), kit.vitals);
    const stream = await run(agent, 'question 4', { stream: true });
    for await (const _event of stream) break;
    await stream.completed.catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await kit.metric('agent.runs')).toBe(1);
    // The SDK settles an abandoned stream's loop normally: the run ends as a success.
    expect(await kit.metric('agent.runs', { 'agent.run.outcome': 'success' })).toBe(1);
    expect(kit.spans().some((s) => s.name === 'invoke_agent oa-abandon')).toBe(true);
  });
});

describe('OpenAI Agents JS with a Runner of its own', () => {
  it('records the model requests of a runner whose provider is instrumented', async () => {
    const kit = kitFor('oa-runner');
    const agent = instrumentAgent(makeAgent('oa-runner'), kit.vitals);
    const client = new OpenAI({ baseURL: server.baseURL, apiKey: 'test-key' });
    const runner = new Runner({
      modelProvider: instrumentModelProvider(new OpenAIProvider({ openAIClient: client })),
    });
    expect((await runner.run(agent, 'question 4')).finalOutput).toContain('answer 4');
    expect(await kit.metric('agent.runs', { 'agent.run.outcome': 'success' })).toBe(1);
    expect(
      await kit.metric('agent.reasoning.duration', { 'gen_ai.request.model': 'gpt-4o-mini' }),
    ).toMatchObject({
      count: 2,
    });
    expect(await kit.metric('agent.tool.calls')).toBe(2);
  });
});

describe('OpenAI Agents JS agents inside agents', () => {
  it('keeps an agent run as a tool of another agent inside the outer run', async () => {
    const kit = kitFor('oa-outer');
    const inner = makeAgent('oa-inner');
    const outer = instrumentAgent(
      new Agent({
        name: 'oa-outer',
        instructions: 'Delegate.',
        model: 'gpt-4o-mini',
        tools: [inner.asTool({ toolName: 'ask_inner', toolDescription: 'Asks the inner agent.' })],
      }),
      kit.vitals,
    );
    instrumentAgent(inner, kit.vitals);
    const result = await run(outer, 'question 3');
    expect(String(result.finalOutput)).toContain('answer 3');
    expect(await kit.metric('agent.runs')).toBe(1);
    // The outer agent's two model requests and the inner agent's two, its tool and the inner tools.
    expect(await kit.metric('agent.reasoning.duration')).toMatchObject({ count: 4 });
    expect(await kit.metric('agent.tool.calls', { 'gen_ai.tool.name': 'ask_inner' })).toBe(1);
    expect(
      await kit.metric('agent.tool.calls', { 'gen_ai.tool.name': 'explode', 'agent.tool.outcome': 'error' }),
    ).toBe(1);
    const runSpan = kit.spans().find((s) => s.name === 'invoke_agent oa-outer')!;
    const traceIds = new Set(kit.spans().map((s) => s.spanContext().traceId));
    expect(traceIds).toEqual(new Set([runSpan.spanContext().traceId]));
  });
});

describe('OpenAI Agents JS handoffs', () => {
  it('records a run that hands off as one run with the model requests of both agents', async () => {
    const kit = kitFor('oa-front');
    const specialist = makeAgent('oa-specialist');
    const front = instrumentAgent(
      new Agent({
        name: 'oa-front',
        instructions: 'Hand off.',
        model: 'gpt-4o-mini',
        handoffs: [specialist],
      }),
      kit.vitals,
    );
    const result = await run(front, 'question 6');
    expect(result.lastAgent?.name).toBe('oa-specialist');
    expect(await kit.metric('agent.runs', { 'agent.run.outcome': 'success' })).toBe(1);
    expect(await kit.metric('agent.reasoning.duration')).toMatchObject({ count: 2 });
    const runSpan = kit.spans().find((s) => s.name === 'invoke_agent oa-front')!;
    for (const chat of kit.spans().filter((s) => s.name.startsWith('chat'))) {
      expect(chat.parentSpanContext?.spanId).toBe(runSpan.spanContext().spanId);
    }
  });
});

describe('OpenAI Agents JS tool outcomes', () => {
  it('records a result the output schema rejects as invalid, and the run fails as without instrumentation', async () => {
    const plain = await run(makeAgent('oa-plain', { withOutputSchemaTool: true }), 'checked 1').then(
      () => 'resolved',
      (error: Error) => error.constructor.name,
    );
    const kit = kitFor('oa-invalid');
    const agent = instrumentAgent(makeAgent('oa-invalid', { withOutputSchemaTool: true }), kit.vitals);
    const instrumented = await run(agent, 'checked 1').then(
      () => 'resolved',
      (error: Error) => error.constructor.name,
    );
    expect(instrumented).toBe(plain);
    expect(
      await kit.metric('agent.tool.calls', {
        'gen_ai.tool.name': 'checked',
        'agent.tool.outcome': 'invalid',
      }),
    ).toBe(1);
    expect(
      await kit.metric('agent.runs', { 'agent.run.outcome': plain === 'resolved' ? 'success' : 'error' }),
    ).toBe(1);
  });
});

describe('OpenAI Agents JS on the Chat Completions API', () => {
  afterEach(() => setOpenAIAPI('responses'));

  it('records the requested and the response model, and usage, of streamed and plain requests', async () => {
    setOpenAIAPI('chat_completions');
    const kit = kitFor('oa-chat');
    const agent = instrumentAgent(makeAgent('oa-chat'), kit.vitals);
    expect((await run(agent, 'question 2')).finalOutput).toContain('answer 2');
    const stream = await run(agent, 'question 5', { stream: true });
    for await (const _event of stream);
    await stream.completed;
    expect(stream.finalOutput).toContain('answer 5');
    expect(server.requests.at(-1)?.api).toBe('chat');

    expect(await kit.metric('agent.runs', { 'agent.run.outcome': 'success' })).toBe(2);
    expect(await kit.metric('gen_ai.client.token.usage', { 'gen_ai.token.type': 'input' })).toEqual({
      count: 4,
      sum: 2 * 102 + 2 * 105,
    });
    const chats = kit.spans().filter((s) => s.name.startsWith('chat'));
    expect(chats.map((s) => s.name)).toEqual(Array(4).fill('chat gpt-4o-mini'));
    for (const chat of chats) expect(chat.attributes['gen_ai.response.model']).toBe('gpt-4o-mini-2024-07-18');
    expect(await kit.metric('agent.tool.calls', { 'agent.tool.outcome': 'error' })).toBe(2);
  });
});

describe('OpenAI Agents JS under load', () => {
  it('keeps usage per run apart under 20 concurrent runs, streamed and not', async () => {
    const kit = kitFor('oa-many');
    const agent = instrumentAgent(makeAgent('oa-many'), kit.vitals);
    const results = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        if (i % 2 === 0) return (await run(agent, `question ${i + 10}`)).finalOutput;
        const stream = await run(agent, `question ${i + 10}`, { stream: true });
        for await (const _event of stream);
        await stream.completed;
        return stream.finalOutput;
      }),
    );
    for (const [i, output] of results.entries()) expect(output).toContain(`answer ${i + 10}`);
    expect(await kit.metric('agent.runs', { 'agent.run.outcome': 'success' })).toBe(20);

    const spans = kit.spans();
    const runs = spans.filter((s) => s.name === 'invoke_agent oa-many');
    expect(runs).toHaveLength(20);
    for (const runSpan of runs) {
      const children = spans.filter((s) => s.parentSpanContext?.spanId === runSpan.spanContext().spanId);
      const chats = children.filter((s) => s.name.startsWith('chat'));
      expect(chats).toHaveLength(2);
      expect(children.filter((s) => s.name.startsWith('execute_tool'))).toHaveLength(2);
      // Both model requests of one run report that run's own usage.
      const inputs = chats.map((s) => s.attributes['gen_ai.usage.input_tokens']);
      expect(inputs[0]).toBe(inputs[1]);
      expect(new Set(children.map((s) => s.spanContext().traceId))).toEqual(
        new Set([runSpan.spanContext().traceId]),
      );
    }
    const perRun = runs.map(
      (runSpan) =>
        spans.find(
          (s) => s.name.startsWith('chat') && s.parentSpanContext?.spanId === runSpan.spanContext().spanId,
        )!.attributes['gen_ai.usage.input_tokens'],
    );
    expect(new Set(perRun).size).toBe(20);
  });
});

describe('OpenAI Agents JS guards', () => {
  it('never runs a shell tool call the policy denies; the model is told it failed', async () => {
    const guard = createGuard({
      rules: [],
      policy: {
        roles: { ops: { allow: ['*'], arguments: { shell: DANGEROUS_SHELL_RULES } } },
        defaultRole: 'ops',
      },
    });
    const kit = kitFor('oa-guard', guard);
    const agent = instrumentAgent(makeAgent('oa-guard'), kit.vitals);
    const before = shellRuns;
    const result = await run(agent, 'shell 5');
    expect(shellRuns).toBe(before);
    expect(String(result.finalOutput)).toContain('was not run');
    expect(
      await kit.metric('agent.tool.calls', { 'gen_ai.tool.name': 'shell', 'agent.tool.outcome': 'denied' }),
    ).toBe(1);
    expect(await kit.metric('agent.runs', { 'agent.run.outcome': 'success' })).toBe(1);
    await guard.shutdown();
  });

  it('fails the run at its first model request while the breaker is open', async () => {
    const guard = createGuard({ rules: [] });
    const kit = kitFor('oa-breaker', guard);
    const agent = instrumentAgent(makeAgent('oa-breaker'), kit.vitals);
    guard.trip('test', 'oa-breaker');
    const requests = server.requests.length;
    await expect(run(agent, 'question 6')).rejects.toSatisfy(isCircuitOpenError);
    expect(server.requests.length).toBe(requests);
    expect(await kit.metric('agent.runs', { 'agent.run.outcome': 'error' })).toBe(1);
    const refused = kit.spans().find((s) => s.name === 'chat gpt-4o-mini')!;
    expect(refused.attributes['error.type']).toBe('CircuitOpenError');
    const runSpan = kit.spans().find((s) => s.name === 'invoke_agent oa-breaker')!;
    expect(runSpan.attributes['error.type']).toBe('CircuitOpenError');
    expect(refused.parentSpanContext?.spanId).toBe(runSpan.spanContext().spanId);
    await guard.shutdown();
  });

  it('stops a model request that would take the spend past the cost cap, before it runs', async () => {
    // 'question 5000' makes each model request report 5,100 input and 5,010 output tokens:
    // about 0.0038 USD on gpt-4o-mini, so one run (two requests) spends about 0.0075 USD.
    const guard = createGuard({ rules: defaultRules({ costRate: { maxUsdPerHour: 0.01 } }), clock: () => 0 });
    const kit = kitFor('oa-cost', guard);
    const agent = instrumentAgent(makeAgent('oa-cost'), kit.vitals);
    const start = server.requests.length;
    await run(agent, 'question 5000');
    const refused = await run(agent, 'question 5000').then(
      () => undefined,
      (error: unknown) => error,
    );
    // A request that does not fit (spend so far plus its estimate) is refused before it runs:
    // the server saw exactly the requests recorded as reasoning calls, and no other.
    expect(isCircuitOpenError(refused)).toBe(true);
    const answered = (await kit.metric('agent.reasoning.duration')) as { count: number };
    expect(server.requests.length - start).toBe(answered.count);
    expect(
      kit.spans().some((s) => s.name.startsWith('chat') && s.attributes['error.type'] === 'CircuitOpenError'),
    ).toBe(true);
    expect(await kit.metric('agent.runs', { 'agent.run.outcome': 'error' })).toBe(1);
    await guard.shutdown();
  });
});

describe('OpenAI Agents JS results', () => {
  it('are the same with and without instrumentation', async () => {
    const plain = await run(makeAgent('oa-plain'), 'question 8');
    const kit = kitFor('oa-same');
    const instrumented = await run(instrumentAgent(makeAgent('oa-same'), kit.vitals), 'question 8');
    expect(instrumented.finalOutput).toEqual(plain.finalOutput);
    const shape = (items: typeof plain.newItems) =>
      items.map((item) => ({ type: item.type, output: (item as { output?: unknown }).output }));
    expect(shape(instrumented.newItems)).toEqual(shape(plain.newItems));

    const plainStream = await run(makeAgent('oa-plain'), 'question 9', { stream: true });
    const plainEvents: string[] = [];
    for await (const event of plainStream) plainEvents.push(event.type);
    const stream = await run(instrumentAgent(makeAgent('oa-same'), kit.vitals), 'question 9', {
      stream: true,
    });
    const events: string[] = [];
    for await (const event of stream) events.push(event.type);
    expect(events).toEqual(plainEvents);
    expect(stream.finalOutput).toEqual(plainStream.finalOutput);
  });
});
