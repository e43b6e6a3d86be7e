import {
  instrumentModel,
  instrumentTools,
  vitalsAgent,
  vitalsMiddleware,
  withVitals,
} from '@agentvitals/ai-sdk';
import { costRateRule, createGuard, DANGEROUS_SHELL_RULES } from '@agentvitals/alerts';
import { isCircuitOpenError, isPolicyDeniedError } from '@agentvitals/core';
import { createTestKit, type TestKit } from '@agentvitals/testing';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { generateText, isStepCount, streamText, ToolLoopAgent, tool, wrapLanguageModel } from 'ai';
import { MockLanguageModelV4 } from 'ai/test';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { REQUESTED_MODEL, RESPONSE_MODEL, type Step, scriptedModel } from './scripted-model.js';

const kits: TestKit[] = [];
afterEach(async () => {
  for (const kit of kits.splice(0)) await kit.shutdown();
});

function testKit(options: Parameters<typeof createTestKit>[0] = {}) {
  const kit = createTestKit({ agentName: 'ai-sdk-agent', ...options });
  kits.push(kit);
  return kit;
}

/** A tool that succeeds, a tool that throws, then an answer. */
const SCRIPT: Step[] = [
  { toolCall: { name: 'lookup', input: { order: '42' } }, usage: [100, 10] },
  { toolCall: { name: 'broken', input: {} }, usage: [200, 20] },
  { text: 'Order 42 ships tomorrow.', usage: [300, 30] },
];

function makeTools(calls: string[] = []) {
  return {
    lookup: tool({
      description: 'Looks an order up',
      inputSchema: z.object({ order: z.string() }),
      execute: async ({ order }) => {
        calls.push(`lookup ${order}`);
        return { order, status: 'shipping' };
      },
    }),
    broken: tool({
      description: 'Always fails',
      inputSchema: z.object({}),
      execute: async (): Promise<string> => {
        calls.push('broken');
        throw new Error('backend down');
      },
    }),
    shell: tool({
      description: 'Runs a shell command',
      inputSchema: z.object({ command: z.string() }),
      execute: async ({ command }) => {
        calls.push(`shell ${command}`);
        return 'ran';
      },
    }),
  };
}

const byName = (spans: ReadableSpan[], prefix: string) =>
  spans.filter((span) => span.name.startsWith(prefix));

/** Every span in one trace: `invoke_agent` at the root, `chat` and `execute_tool` as its direct children. */
function expectOneRunTrace(spans: ReadableSpan[], chats: number, tools: number) {
  const [run, ...others] = byName(spans, 'invoke_agent');
  expect(others).toHaveLength(0);
  expect(run).toBeDefined();
  const traceId = run!.spanContext().traceId;
  expect(spans.every((span) => span.spanContext().traceId === traceId)).toBe(true);
  const children = spans.filter((span) => span !== run);
  expect(children.every((span) => span.parentSpanContext?.spanId === run!.spanContext().spanId)).toBe(true);
  expect(byName(children, 'chat')).toHaveLength(chats);
  expect(byName(children, 'execute_tool')).toHaveLength(tools);
  return run!;
}

async function expectScriptVitals(kit: TestKit) {
  expect(await kit.metric('agent.runs', { 'agent.run.outcome': 'success' })).toBe(1);
  expect(await kit.metric('agent.reasoning.duration')).toMatchObject({ count: 3 });
  expect(
    await kit.metric('gen_ai.client.token.usage', {
      'gen_ai.token.type': 'input',
      'gen_ai.request.model': REQUESTED_MODEL,
    }),
  ).toEqual({ count: 3, sum: 600 });
  expect(await kit.metric('gen_ai.client.token.usage', { 'gen_ai.token.type': 'output' })).toEqual({
    count: 3,
    sum: 60,
  });
  expect(await kit.metric('agent.cost', { 'gen_ai.request.model': REQUESTED_MODEL })).toBeGreaterThan(0);
  expect(
    await kit.metric('agent.tool.calls', { 'gen_ai.tool.name': 'lookup', 'agent.tool.outcome': 'success' }),
  ).toBe(1);
  expect(
    await kit.metric('agent.tool.calls', { 'gen_ai.tool.name': 'broken', 'agent.tool.outcome': 'error' }),
  ).toBe(1);
  // Tokens per action: 110 before the first tool call, 220 before the second.
  expect(await kit.metric('agent.tokens_per_action')).toEqual({ count: 2, sum: 330 });
  const chats = byName(kit.spans(), 'chat');
  expect(chats.map((span) => span.name)).toEqual(Array(3).fill(`chat ${REQUESTED_MODEL}`));
  for (const [index, span] of chats.entries()) {
    expect(span.attributes['gen_ai.request.model']).toBe(REQUESTED_MODEL);
    expect(span.attributes['gen_ai.response.model']).toBe(RESPONSE_MODEL);
    expect(span.attributes['gen_ai.provider.name']).toBe('openai');
    expect(span.attributes['gen_ai.usage.input_tokens']).toBe((index + 1) * 100);
  }
  expectOneRunTrace(kit.spans(), 3, 2);
}

describe('Vercel AI SDK: withVitals(generateText)', () => {
  it('records one run, one reasoning call per model request and each tool call beside them', async () => {
    const kit = testKit();
    const calls: string[] = [];
    const generate = withVitals(generateText, { vitals: kit.vitals });
    const result = await generate({
      model: scriptedModel(SCRIPT),
      tools: makeTools(calls),
      prompt: 'Where is order 42?',
      stopWhen: isStepCount(5),
    });
    expect(result.text).toBe('Order 42 ships tomorrow.');
    expect(calls).toEqual(['lookup 42', 'broken']);
    await expectScriptVitals(kit);
    expect(byName(kit.spans(), 'execute_tool broken')[0]!.attributes['error.type']).toBe('Error');
  });

  it('returns exactly what generateText returns without instrumentation', async () => {
    const kit = testKit();
    const options = () => ({
      model: scriptedModel(SCRIPT),
      tools: makeTools(),
      prompt: 'Where is order 42?',
      stopWhen: isStepCount(5),
    });
    const plain = await generateText(options());
    const recorded = await withVitals(generateText, kit.vitals)(options());
    const view = (result: typeof plain) => ({
      text: result.text,
      finishReason: result.finishReason,
      totalUsage: result.totalUsage,
      steps: result.steps.map((step) => ({
        content: step.content,
        usage: step.usage,
        finishReason: step.finishReason,
        response: { modelId: step.response.modelId, id: step.response.id },
      })),
    });
    expect(view(recorded)).toEqual(view(plain));
    expect(await kit.metric('agent.runs')).toBe(1);
  });

  it('records a run that fails as an error', async () => {
    const kit = testKit();
    const failing = scriptedModel(SCRIPT);
    failing.doGenerate = async () => {
      throw new Error('provider unavailable');
    };
    await expect(
      withVitals(generateText, kit.vitals)({ model: failing, prompt: 'hi', maxRetries: 0 }),
    ).rejects.toThrow('provider unavailable');
    expect(await kit.metric('agent.runs', { 'agent.run.outcome': 'error' })).toBe(1);
    expect(await kit.metric('agent.reasoning.duration', { 'error.type': 'Error' })).toMatchObject({
      count: 1,
    });
  });

  it('refuses a model given as an id string instead of recording half a run', async () => {
    const kit = testKit();
    expect(() => withVitals(generateText, kit.vitals)({ model: 'openai/gpt-4o-mini', prompt: 'hi' })).toThrow(
      /model object/,
    );
    expect(await kit.metric('agent.runs')).toBe(0);
  });

  it('counts a tool result the validator rejects as invalid, and still hands it to the model', async () => {
    const kit = testKit();
    const generate = withVitals(generateText, {
      vitals: kit.vitals,
      validators: {
        lookup: (result) => (result as { status: string }).status === 'delivered' || 'not delivered',
      },
    });
    const result = await generate({
      model: scriptedModel(SCRIPT),
      tools: makeTools(),
      prompt: 'Where is order 42?',
      stopWhen: isStepCount(5),
    });
    expect(result.steps[0]!.toolResults[0]!.output).toEqual({ order: '42', status: 'shipping' });
    expect(
      await kit.metric('agent.tool.calls', { 'gen_ai.tool.name': 'lookup', 'agent.tool.outcome': 'invalid' }),
    ).toBe(1);
  });
});

describe('Vercel AI SDK: streamText', () => {
  it('ends each reasoning call with its stream and the run when the stream is consumed', async () => {
    const kit = testKit();
    const calls: string[] = [];
    const stream = withVitals(streamText, { vitals: kit.vitals });
    const result = stream({
      model: scriptedModel(SCRIPT),
      tools: makeTools(calls),
      prompt: 'Where is order 42?',
      stopWhen: isStepCount(5),
    });
    expect(await kit.metric('agent.runs')).toBe(0);
    let text = '';
    for await (const delta of result.textStream) text += delta;
    expect(text).toBe('Order 42 ships tomorrow.');
    await result.totalUsage;
    await new Promise((resolve) => setTimeout(resolve, 10));
    await expectScriptVitals(kit);
    const run = byName(kit.spans(), 'invoke_agent')[0]!;
    const lastChat = byName(kit.spans(), 'chat').at(-1)!;
    expect(run.endTime[0] * 1e9 + run.endTime[1]).toBeGreaterThanOrEqual(
      lastChat.endTime[0] * 1e9 + lastChat.endTime[1],
    );
  });

  it('streams exactly the parts streamText streams without instrumentation', async () => {
    const kit = testKit();
    const options = () => ({
      model: scriptedModel(SCRIPT),
      tools: makeTools(),
      prompt: 'Where is order 42?',
      stopWhen: isStepCount(5),
    });
    const collect = async (result: { fullStream: AsyncIterable<unknown> }) => {
      const parts: unknown[] = [];
      for await (const part of result.fullStream) parts.push(part);
      return parts;
    };
    // Timings (`responseTimeMs`, `...TokensPerSecond`) differ from one run to the next.
    const withoutTimings = (parts: unknown[]) =>
      JSON.parse(JSON.stringify(parts, (key, value) => (/(Ms|PerSecond)$/.test(key) ? undefined : value)));
    const plain = withoutTimings(await collect(streamText(options())));
    const recorded = withoutTimings(await collect(withVitals(streamText, kit.vitals)(options())));
    expect(recorded).toEqual(plain);
    expect(plain.length).toBeGreaterThan(10);
  });

  it('ends a streamed run whose stream fails as an error', async () => {
    const kit = testKit();
    const model = scriptedModel(SCRIPT);
    model.doStream = async () => ({
      stream: new ReadableStream({
        start(controller) {
          controller.enqueue({ type: 'stream-start', warnings: [] });
          controller.error(new Error('connection reset'));
        },
      }),
    });
    const result = withVitals(streamText, kit.vitals)({ model, prompt: 'hi' });
    await expect(result.text).rejects.toThrow('connection reset');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await kit.metric('agent.runs', { 'agent.run.outcome': 'error' })).toBe(1);
    expect(await kit.metric('agent.reasoning.duration', { 'error.type': 'Error' })).toMatchObject({
      count: 1,
    });
  });

  it('ends a streamed run its caller aborts as an error, with the model request it cut short', async () => {
    const kit = testKit();
    const model = scriptedModel(SCRIPT);
    model.doStream = async () => ({
      // A model that starts answering, then stalls.
      stream: new ReadableStream({
        start(controller) {
          controller.enqueue({ type: 'stream-start', warnings: [] });
          controller.enqueue({ type: 'text-start', id: 't' });
          controller.enqueue({ type: 'text-delta', id: 't', delta: 'Order' });
        },
      }),
    });
    const abort = new AbortController();
    const result = withVitals(streamText, kit.vitals)({ model, prompt: 'hi', abortSignal: abort.signal });
    const reader = result.textStream.getReader();
    expect((await reader.read()).value).toBe('Order');
    expect(await kit.metric('agent.runs')).toBe(0);
    abort.abort();
    await expect(result.text).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await kit.metric('agent.runs', { 'agent.run.outcome': 'error' })).toBe(1);
    expect(await kit.metric('agent.reasoning.duration')).toMatchObject({ count: 1 });
  });

  it('ends the run of an abandoned stream once the SDK has finished it', async () => {
    const kit = testKit();
    const result = withVitals(
      streamText,
      kit.vitals,
    )({
      model: scriptedModel(SCRIPT),
      tools: makeTools(),
      prompt: 'hi',
      stopWhen: isStepCount(5),
    });
    const reader = result.fullStream.getReader();
    await reader.read();
    await reader.cancel();
    await result.totalUsage;
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await kit.metric('agent.runs', { 'agent.run.outcome': 'success' })).toBe(1);
    expect(await kit.metric('agent.reasoning.duration')).toMatchObject({ count: 3 });
  });

  it('keeps the usage of 20 concurrent streamed runs apart', async () => {
    const kit = testKit();
    const model = scriptedModel(SCRIPT, {
      usageFor: (prompt) => {
        const n = Number(/run (\d+)/.exec(prompt)?.[1]);
        return [n, n];
      },
    });
    const stream = withVitals(streamText, kit.vitals);
    const texts = await Promise.all(
      Array.from({ length: 20 }, async (_, index) => {
        const n = index + 1;
        await new Promise((resolve) => setTimeout(resolve, (n * 7) % 5));
        const result = stream({ model, tools: makeTools(), prompt: `run ${n}`, stopWhen: isStepCount(5) });
        let text = '';
        for await (const delta of result.textStream) text += delta;
        await result.totalUsage;
        return text;
      }),
    );
    expect(new Set(texts)).toEqual(new Set(['Order 42 ships tomorrow.']));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await kit.metric('agent.runs', { 'agent.run.outcome': 'success' })).toBe(20);
    const spans = kit.spans();
    const runs = byName(spans, 'invoke_agent');
    expect(runs).toHaveLength(20);
    const perRun = runs.map((run) => {
      const inTrace = spans.filter((span) => span.spanContext().traceId === run.spanContext().traceId);
      const chats = byName(inTrace, 'chat');
      expect(chats).toHaveLength(3);
      expect(byName(inTrace, 'execute_tool')).toHaveLength(2);
      const tokens = new Set(chats.map((span) => span.attributes['gen_ai.usage.input_tokens']));
      expect(tokens.size).toBe(1);
      return Number([...tokens][0]);
    });
    expect(perRun.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, index) => index + 1));
    expect(await kit.metric('gen_ai.client.token.usage', { 'gen_ai.token.type': 'input' })).toEqual({
      count: 60,
      sum: 3 * 210,
    });
  });
});

describe('Vercel AI SDK: ToolLoopAgent', () => {
  it('records generate() and stream() of vitalsAgent(agent) as runs', async () => {
    const kit = testKit();
    const calls: string[] = [];
    const agent = vitalsAgent(
      new ToolLoopAgent({ id: 'support', model: scriptedModel(SCRIPT), tools: makeTools(calls) }),
      { vitals: kit.vitals },
    );
    const generated = await agent.generate({ prompt: 'Where is order 42?' });
    expect(generated.text).toBe('Order 42 ships tomorrow.');
    await expectScriptVitals(kit);
    await kit.reset();

    const streamed = await agent.stream({ prompt: 'Where is order 42?' });
    expect(await kit.metric('agent.runs')).toBe(0);
    expect(await streamed.text).toBe('Order 42 ships tomorrow.');
    await new Promise((resolve) => setTimeout(resolve, 10));
    await expectScriptVitals(kit);
    expect(calls).toEqual(['lookup 42', 'broken', 'lookup 42', 'broken']);
  });

  it('refuses an agent whose model is an id string', () => {
    const kit = testKit();
    expect(() => vitalsAgent(new ToolLoopAgent({ model: 'openai/gpt-4o-mini' }), kit.vitals)).toThrow(
      /model object/,
    );
  });
});

describe('Vercel AI SDK: middleware and parts', () => {
  it('records each model request through wrapLanguageModel and vitalsMiddleware', async () => {
    const kit = testKit();
    const model = wrapLanguageModel({
      model: scriptedModel(SCRIPT),
      middleware: vitalsMiddleware(kit.vitals),
    });
    const result = await kit.vitals.run(() =>
      generateText({
        model,
        tools: instrumentTools(makeTools(), kit.vitals),
        prompt: 'Where is order 42?',
        stopWhen: isStepCount(5),
      }),
    );
    expect(result.text).toBe('Order 42 ships tomorrow.');
    await expectScriptVitals(kit);
  });

  it('records a model instrumented on its own, outside runs', async () => {
    const kit = testKit();
    const model = instrumentModel(scriptedModel([{ text: 'hi', usage: [7, 3] }]), kit.vitals);
    expect(instrumentModel(model, kit.vitals)).toBe(model);
    expect(model).toBeInstanceOf(MockLanguageModelV4);
    expect(model.modelId).toBe(REQUESTED_MODEL);
    expect(Object.keys(model)).toEqual(
      expect.arrayContaining(['modelId', 'provider', 'doGenerate', 'doStream']),
    );
    const { text } = await generateText({ model, prompt: 'hello' });
    expect(text).toBe('hi');
    expect(await kit.metric('gen_ai.client.token.usage', { 'gen_ai.token.type': 'input' })).toEqual({
      count: 1,
      sum: 7,
    });
  });
});

describe('Vercel AI SDK: guards', () => {
  const shellPolicy = {
    roles: { coder: { allow: ['shell', 'lookup', 'broken'], arguments: { shell: DANGEROUS_SHELL_RULES } } },
    defaultRole: 'coder',
  };

  it('denies rm -rf / before the shell tool runs, and the SDK sees a failing tool', async () => {
    const kit = testKit();
    const calls: string[] = [];
    const guard = createGuard({ rules: [], policy: shellPolicy });
    const result = await withVitals(generateText, { vitals: kit.vitals, guard })({
      model: scriptedModel([
        { toolCall: { name: 'shell', input: { command: 'rm -rf /' } } },
        { toolCall: { name: 'shell', input: { command: 'ls' } } },
        { text: 'Listed instead.' },
      ]),
      tools: makeTools(calls),
      prompt: 'clean up',
      stopWhen: isStepCount(5),
    });
    await guard.shutdown();
    expect(calls).toEqual(['shell ls']);
    const toolError = result.steps[0]!.content.find((part) => part.type === 'tool-error');
    expect(isPolicyDeniedError((toolError as { error: unknown } | undefined)?.error)).toBe(true);
    expect(result.text).toBe('Listed instead.');
    expect(
      await kit.metric('agent.tool.calls', { 'gen_ai.tool.name': 'shell', 'agent.tool.outcome': 'denied' }),
    ).toBe(1);
    expect(
      await kit.metric('agent.tool.calls', { 'gen_ai.tool.name': 'shell', 'agent.tool.outcome': 'success' }),
    ).toBe(1);
  });

  it('stops the model call while the breaker is open, as a failing model call', async () => {
    const kit = testKit();
    const guard = createGuard({ rules: [] });
    const model = scriptedModel(SCRIPT);
    kit.vitals.use(guard);
    guard.trip('maintenance', kit.vitals.agentName);
    // Default retries: the SDK does not retry a guard's refusal.
    const generate = withVitals(generateText, kit.vitals);
    const error = await generate({ model, prompt: 'hi' }).catch((caught: unknown) => caught);
    await guard.shutdown();
    expect(isCircuitOpenError(error)).toBe(true);
    expect(model.doGenerateCalls).toHaveLength(0);
    expect(await kit.metric('agent.runs', { 'agent.run.outcome': 'error' })).toBe(1);
  });

  it('stops the model request that would pass the cost cap before it runs', async () => {
    const kit = testKit();
    // The first request fits under the cap; what it spends (1000 + 1000 tokens, 0.00075 USD) passes it.
    const guard = createGuard({ rules: [costRateRule({ maxUsdPerHour: 0.0007 })] });
    const model = scriptedModel(SCRIPT.map((step) => ({ ...step, usage: [1000, 1000] as [number, number] })));
    const error = await withVitals(generateText, { vitals: kit.vitals, guard })({
      model,
      tools: makeTools(),
      prompt: 'hi',
      stopWhen: isStepCount(5),
    }).catch((caught: unknown) => caught);
    await guard.shutdown();
    expect(isCircuitOpenError(error)).toBe(true);
    expect(model.doGenerateCalls).toHaveLength(1);
    const chats = byName(kit.spans(), 'chat');
    expect(chats.map((span) => span.attributes['error.type'])).toEqual([undefined, 'CircuitOpenError']);
    expect(await kit.metric('agent.reasoning.duration')).toMatchObject({ count: 1 });
    expect(await kit.metric('agent.runs', { 'agent.run.outcome': 'error' })).toBe(1);
  });
});
