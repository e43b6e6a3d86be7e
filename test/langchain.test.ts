import { createGuard, DANGEROUS_SHELL_RULES, defaultRules } from '@agentvitals/alerts';
import { isCircuitOpenError } from '@agentvitals/core';
import { createVitalsHandler } from '@agentvitals/langchain';
import { createTestKit, type TestKit } from '@agentvitals/testing';
import { tool } from '@langchain/core/tools';
import { ChatOpenAI } from '@langchain/openai';
import { createAgent } from 'langchain';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type ScriptedOpenAIServer, startScriptedOpenAIServer } from './helpers/scripted-openai-server.js';

// Usage per conversation: 100 + n input tokens and 10 + n output tokens per model request,
// where n is the number in the user's message, so each run's usage is told apart.
const numberIn = (text: string) => Number(/(\d+)/.exec(text)?.[1] ?? 0);

let server: ScriptedOpenAIServer;

const realFetch = globalThis.fetch;

beforeAll(async () => {
  // Nothing leaves the process. A streamed ChatOpenAI call also estimates tokens with a
  // tokenizer it downloads; refused here, LangChain falls back to its own estimate.
  globalThis.fetch = (async (url: string | URL | Request, init?: RequestInit) => {
    const target = new URL(url instanceof Request ? url.url : String(url));
    if (target.hostname !== '127.0.0.1') throw new TypeError(`offline test: no request to ${target.host}`);
    return realFetch(url, init);
  }) as typeof fetch;
  server = await startScriptedOpenAIServer((request) => {
    const n = numberIn(request.userText);
    const usage = { inputTokens: 100 + n, outputTokens: 10 + n };
    if (request.userText.includes('shell') && request.toolResults.length === 0) {
      return { ...usage, toolCalls: [{ name: 'shell', arguments: { command: 'rm -rf /' } }] };
    }
    if (request.body.tools === undefined) return { ...usage, text: `answer ${n}` };
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
});

afterAll(async () => {
  globalThis.fetch = realFetch;
  await server.close();
});

let shellRuns = 0;

function makeAgent(streaming = false) {
  const lookup = tool(async ({ query }) => `found ${query}`, {
    name: 'lookup',
    description: 'Looks something up.',
    schema: z.object({ query: z.string() }),
  });
  const explode = tool(
    async () => {
      throw new Error('kaboom');
    },
    { name: 'explode', description: 'Always fails.', schema: z.object({ query: z.string() }) },
  );
  const shell = tool(
    async ({ command }) => {
      shellRuns++;
      return `ran ${command}`;
    },
    { name: 'shell', description: 'Runs a shell command.', schema: z.object({ command: z.string() }) },
  );
  const model = new ChatOpenAI({
    model: 'gpt-4o-mini',
    apiKey: 'test-key',
    streaming,
    configuration: { baseURL: server.baseURL },
  });
  return createAgent({ model, tools: [lookup, explode, shell], systemPrompt: 'Help.' });
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

const lastText = (state: { messages: Array<{ content: unknown }> }) => String(state.messages.at(-1)?.content);

describe('LangChain createAgent, instrumented with a callback handler', () => {
  it('records one run with a reasoning call per model request and each tool outcome', async () => {
    const kit = kitFor('lc-one');
    const agent = makeAgent().withConfig({ callbacks: [createVitalsHandler(kit.vitals)] });
    const result = await agent.invoke({ messages: [{ role: 'user', content: 'question 1' }] });
    expect(lastText(result)).toContain('answer 1');

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
    const runSpan = spans.find((s) => s.name === 'invoke_agent lc-one')!;
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
    expect(chats[0]!.attributes['gen_ai.provider.name']).toBe('openai');
  });
});

const input = (text: string) => ({ messages: [{ role: 'user', content: text }] });

describe('LangChain chat models called directly', () => {
  it('records model.stream() with the requested model, the response model and usage', async () => {
    const kit = kitFor('lc-model');
    const model = new ChatOpenAI({
      model: 'gpt-4o-mini',
      apiKey: 'test-key',
      configuration: { baseURL: server.baseURL },
    });
    const chunks: string[] = [];
    for await (const chunk of await model.stream('question 7', {
      callbacks: [createVitalsHandler(kit.vitals)],
    })) {
      chunks.push(String(chunk.content));
    }
    expect(chunks.join('')).toContain('answer');
    expect(
      await kit.metric('gen_ai.client.token.usage', {
        'gen_ai.token.type': 'input',
        'gen_ai.request.model': 'gpt-4o-mini',
      }),
    ).toEqual({
      count: 1,
      sum: 107,
    });
    expect(await kit.metric('agent.cost', { 'gen_ai.request.model': 'gpt-4o-mini' })).toBeGreaterThan(0);
    const [chat] = kit.spans();
    expect(chat?.name).toBe('chat gpt-4o-mini');
    expect(chat?.attributes['gen_ai.response.model']).toBe('gpt-4o-mini-2024-07-18');
  });

  it('records a run given the handler per call instead of with withConfig', async () => {
    const kit = kitFor('lc-per-call');
    const result = await makeAgent().invoke(input('question 2'), {
      callbacks: [createVitalsHandler(kit.vitals)],
    });
    expect(lastText(result)).toContain('answer 2');
    expect(await kit.metric('agent.runs', { 'agent.run.outcome': 'success' })).toBe(1);
    expect(await kit.metric('agent.reasoning.duration')).toMatchObject({ count: 2 });
    expect(await kit.metric('agent.tool.calls')).toBe(2);
  });
});

describe('LangChain createAgent streamed runs', () => {
  it('ends the run when agent.stream() is consumed, with model name and usage of streamed calls', async () => {
    const kit = kitFor('lc-stream');
    const agent = makeAgent(true).withConfig({ callbacks: [createVitalsHandler(kit.vitals)] });
    const stream = await agent.stream(input('question 3'), { streamMode: 'values' });
    const states: Array<{ messages: Array<{ content: unknown }> }> = [];
    let runsBeforeEnd = -1;
    for await (const state of stream) {
      states.push(state);
      if (runsBeforeEnd === -1) runsBeforeEnd = (await kit.metric('agent.runs')) as number;
    }
    expect(runsBeforeEnd).toBe(0);
    expect(lastText(states.at(-1)!)).toContain('answer 3');

    expect(await kit.metric('agent.runs', { 'agent.run.outcome': 'success' })).toBe(1);
    expect(await kit.metric('gen_ai.client.token.usage', { 'gen_ai.token.type': 'output' })).toEqual({
      count: 2,
      sum: 26,
    });
    const spans = kit.spans();
    const runSpan = spans.find((s) => s.name === 'invoke_agent lc-stream')!;
    const chats = spans.filter((s) => s.name.startsWith('chat'));
    expect(chats.map((s) => s.name)).toEqual(['chat gpt-4o-mini', 'chat gpt-4o-mini']);
    expect(chats[0]!.attributes['gen_ai.response.model']).toBe('gpt-4o-mini-2024-07-18');
    const tools = spans.filter((s) => s.name.startsWith('execute_tool'));
    expect(tools).toHaveLength(2);
    const end = (s: (typeof spans)[number]) => s.endTime[0] * 1e9 + s.endTime[1];
    for (const child of [...chats, ...tools]) {
      expect(child.parentSpanContext?.spanId).toBe(runSpan.spanContext().spanId);
      expect(end(runSpan)).toBeGreaterThanOrEqual(end(child));
    }
  });

  it('records agent.streamEvents() as one run', async () => {
    const kit = kitFor('lc-events');
    const agent = makeAgent(true).withConfig({ callbacks: [createVitalsHandler(kit.vitals)] });
    let events = 0;
    for await (const _event of agent.streamEvents(input('question 5'), { version: 'v2' })) events++;
    expect(events).toBeGreaterThan(0);
    expect(await kit.metric('agent.runs', { 'agent.run.outcome': 'success' })).toBe(1);
    expect(await kit.metric('agent.reasoning.duration')).toMatchObject({ count: 2 });
    expect(await kit.metric('agent.tool.calls')).toBe(2);
  });

  it('ends an abandoned agent.stream() run', async () => {
    const kit = kitFor('lc-abandon');
    const agent = makeAgent(true).withConfig({ callbacks: [createVitalsHandler(kit.vitals)] });
    const stream = await agent.stream(input('question 4'), { streamMode: 'values' });
    for await (const _state of stream) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await kit.metric('agent.runs')).toBe(1);
    // LangGraph aborts the abandoned graph with `Error: Abort`: the run ends as an error.
    expect(await kit.metric('agent.runs', { 'agent.run.outcome': 'error' })).toBe(1);
    expect(kit.spans().some((s) => s.name === 'invoke_agent lc-abandon')).toBe(true);
  });
});

describe('LangChain createAgent under load', () => {
  it('keeps usage per run apart under 20 concurrent runs, streamed and not', async () => {
    const kit = kitFor('lc-many');
    const handler = createVitalsHandler(kit.vitals);
    const agent = makeAgent(true).withConfig({ callbacks: [handler] });
    const outputs = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        if (i % 2 === 0) return lastText(await agent.invoke(input(`question ${i + 10}`)));
        let last: { messages: Array<{ content: unknown }> } | undefined;
        for await (const state of await agent.stream(input(`question ${i + 10}`), { streamMode: 'values' })) {
          last = state;
        }
        return lastText(last!);
      }),
    );
    for (const [i, output] of outputs.entries()) expect(output).toContain(`answer ${i + 10}`);
    expect(await kit.metric('agent.runs', { 'agent.run.outcome': 'success' })).toBe(20);
    const spans = kit.spans();
    const runs = spans.filter((s) => s.name === 'invoke_agent lc-many');
    expect(runs).toHaveLength(20);
    const perRun = new Set<unknown>();
    for (const runSpan of runs) {
      const children = spans.filter((s) => s.parentSpanContext?.spanId === runSpan.spanContext().spanId);
      const chats = children.filter((s) => s.name.startsWith('chat'));
      expect(chats).toHaveLength(2);
      expect(children.filter((s) => s.name.startsWith('execute_tool'))).toHaveLength(2);
      const inputs = chats.map((s) => s.attributes['gen_ai.usage.input_tokens']);
      expect(inputs[0]).toBe(inputs[1]);
      perRun.add(inputs[0]);
    }
    expect(perRun.size).toBe(20);
  });
});

describe('LangChain createAgent guards', () => {
  it('never runs a shell tool call the policy denies; the model is told it failed', async () => {
    const guard = createGuard({
      rules: [],
      policy: {
        roles: { ops: { allow: ['*'], arguments: { shell: DANGEROUS_SHELL_RULES } } },
        defaultRole: 'ops',
      },
    });
    const kit = kitFor('lc-guard', guard);
    const agent = makeAgent().withConfig({ callbacks: [createVitalsHandler(kit.vitals)] });
    const before = shellRuns;
    const result = await agent.invoke(input('shell 5'));
    expect(shellRuns).toBe(before);
    const toolMessage = result.messages.find(
      (m: { type?: string; getType?: () => string }) => m.getType?.() === 'tool',
    );
    expect((toolMessage as { status?: string }).status).toBe('error');
    expect(String(toolMessage?.content)).toContain('PolicyDeniedError');
    expect(
      await kit.metric('agent.tool.calls', { 'gen_ai.tool.name': 'shell', 'agent.tool.outcome': 'denied' }),
    ).toBe(1);
    expect(await kit.metric('agent.runs', { 'agent.run.outcome': 'success' })).toBe(1);
    await guard.shutdown();
  });

  it('fails the run at its first model request while the breaker is open', async () => {
    const guard = createGuard({ rules: [] });
    const kit = kitFor('lc-breaker', guard);
    const agent = makeAgent().withConfig({ callbacks: [createVitalsHandler(kit.vitals)] });
    guard.trip('test', 'lc-breaker');
    const requests = server.requests.length;
    await expect(agent.invoke(input('question 6'))).rejects.toSatisfy(isCircuitOpenError);
    expect(server.requests.length).toBe(requests);
    expect(await kit.metric('agent.runs', { 'agent.run.outcome': 'error' })).toBe(1);
    const refused = kit.spans().find((s) => s.name === 'chat gpt-4o-mini')!;
    expect(refused.attributes['error.type']).toBe('CircuitOpenError');
    await guard.shutdown();
  });

  it('stops a model request that would take the spend past the cost cap, before it runs', async () => {
    // 'question 5000' makes each model request report 5,100 input and 5,010 output tokens:
    // about 0.0038 USD on gpt-4o-mini, so one run (two requests) spends about 0.0075 USD.
    const guard = createGuard({ rules: defaultRules({ costRate: { maxUsdPerHour: 0.01 } }), clock: () => 0 });
    const kit = kitFor('lc-cost', guard);
    const agent = makeAgent().withConfig({ callbacks: [createVitalsHandler(kit.vitals)] });
    const start = server.requests.length;
    await agent.invoke(input('question 5000'));
    const refused = await agent.invoke(input('question 5000')).then(
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

describe('LangChain createAgent results', () => {
  it('are the same with and without instrumentation', async () => {
    const kit = kitFor('lc-same');
    const contents = (state: { messages: Array<{ content: unknown; getType?: () => string }> }) =>
      state.messages.map((m) => [m.getType?.(), m.content]);
    const plain = await makeAgent().invoke(input('question 8'));
    const instrumented = await makeAgent()
      .withConfig({ callbacks: [createVitalsHandler(kit.vitals)] })
      .invoke(input('question 8'));
    expect(contents(instrumented)).toEqual(contents(plain));

    const collect = async (agent: ReturnType<typeof makeAgent>) => {
      const out: unknown[] = [];
      for await (const state of await agent.stream(input('question 9'), { streamMode: 'values' })) {
        out.push(contents(state));
      }
      return out;
    };
    expect(
      await collect(makeAgent(true).withConfig({ callbacks: [createVitalsHandler(kit.vitals)] })),
    ).toEqual(await collect(makeAgent(true)));
  });
});
