// The AI SDK integration as docs/integrations.md describes it, on inputs beyond one tool per
// step: several tool calls in one model response, streamed and not, cached input tokens,
// models without a price, tool timeouts, options given wrong.
import { instrumentModel, instrumentTools, vitalsAgent, withVitals } from '@agentvitals/ai-sdk';
import { costRateRule, createGuard, DANGEROUS_SHELL_RULES } from '@agentvitals/alerts';
import { isCircuitOpenError } from '@agentvitals/core';
import { createTestKit, type TestKit } from '@agentvitals/testing';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { generateText, isStepCount, streamText, ToolLoopAgent, tool } from 'ai';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type Turn, turnsModel } from './turns-model.js';

const kits: TestKit[] = [];
afterEach(async () => {
  for (const kit of kits.splice(0)) await kit.shutdown();
});

function testKit() {
  const kit = createTestKit({ agentName: 'ai-sdk-steps' });
  kits.push(kit);
  return kit;
}

function makeTools(calls: string[]) {
  return {
    lookup: tool({
      description: 'Looks an order up',
      inputSchema: z.object({ order: z.string() }),
      execute: async ({ order }) => {
        calls.push(`lookup ${order}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
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
    slow: tool({
      description: 'Times out',
      inputSchema: z.object({}),
      execute: async (): Promise<string> => {
        calls.push('slow');
        throw new DOMException('The operation timed out.', 'TimeoutError');
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

/** One model response with three tool calls (two lookups and a failing tool), then the answer. */
const PARALLEL: Turn[] = [
  {
    toolCalls: [
      { name: 'lookup', input: { order: '1' } },
      { name: 'lookup', input: { order: '2' } },
      { name: 'broken', input: {} },
    ],
    usage: [100, 0, 10],
  },
  { text: 'Both ship tomorrow.', usage: [300, 0, 30] },
];

const byName = (spans: readonly ReadableSpan[], prefix: string) =>
  spans.filter((span) => span.name.startsWith(prefix));

async function expectParallelVitals(kit: TestKit) {
  expect(await kit.metric('agent.runs', { 'agent.run.outcome': 'success' })).toBe(1);
  expect(await kit.metric('agent.reasoning.duration')).toMatchObject({ count: 2 });
  expect(
    await kit.metric('agent.tool.calls', { 'gen_ai.tool.name': 'lookup', 'agent.tool.outcome': 'success' }),
  ).toBe(2);
  expect(
    await kit.metric('agent.tool.calls', { 'gen_ai.tool.name': 'broken', 'agent.tool.outcome': 'error' }),
  ).toBe(1);
  expect(await kit.metric('agent.actions')).toBe(3);
  const spans = kit.spans();
  const [run, ...otherRuns] = byName(spans, 'invoke_agent');
  expect(otherRuns).toHaveLength(0);
  const tools = byName(spans, 'execute_tool');
  expect(tools).toHaveLength(3);
  const chats = byName(spans, 'chat');
  expect(chats).toHaveLength(2);
  for (const span of [...tools, ...chats]) {
    expect(span.spanContext().traceId).toBe(run!.spanContext().traceId);
    expect(span.parentSpanContext?.spanId).toBe(run!.spanContext().spanId);
  }
}

describe('Vercel AI SDK: several tool calls in one model response', () => {
  it('records each of them with its own outcome beside the model requests (generateText)', async () => {
    const kit = testKit();
    const calls: string[] = [];
    const result = await withVitals(
      generateText,
      kit.vitals,
    )({
      model: turnsModel(PARALLEL),
      tools: makeTools(calls),
      prompt: 'Where are orders 1 and 2?',
      stopWhen: isStepCount(5),
    });
    expect(result.text).toBe('Both ship tomorrow.');
    expect(calls.sort()).toEqual(['broken', 'lookup 1', 'lookup 2']);
    await expectParallelVitals(kit);
  });

  it('records each of them with its own outcome beside the model requests (streamText)', async () => {
    const kit = testKit();
    const calls: string[] = [];
    const result = withVitals(
      streamText,
      kit.vitals,
    )({
      model: turnsModel(PARALLEL),
      tools: makeTools(calls),
      prompt: 'Where are orders 1 and 2?',
      stopWhen: isStepCount(5),
    });
    let text = '';
    for await (const delta of result.textStream) text += delta;
    expect(text).toBe('Both ship tomorrow.');
    await result.totalUsage;
    await new Promise((resolve) => setTimeout(resolve, 10));
    await expectParallelVitals(kit);
  });

  it('records them for a ToolLoopAgent, through generate() and stream()', async () => {
    const kit = testKit();
    const agent = vitalsAgent(
      new ToolLoopAgent({ model: turnsModel(PARALLEL), tools: makeTools([]), stopWhen: isStepCount(5) }),
      { vitals: kit.vitals },
    );
    await agent.generate({ prompt: 'Where are orders 1 and 2?' });
    const stream = await agent.stream({ prompt: 'Where are orders 1 and 2?' });
    for await (const _ of stream.fullStream) void _;
    await stream.totalUsage;
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await kit.metric('agent.runs', { 'agent.run.outcome': 'success' })).toBe(2);
    expect(await kit.metric('agent.tool.calls', { 'agent.tool.outcome': 'success' })).toBe(4);
    expect(await kit.metric('agent.tool.calls', { 'agent.tool.outcome': 'error' })).toBe(2);
    expect(await kit.metric('agent.reasoning.duration')).toMatchObject({ count: 4 });
  });
});

describe('Vercel AI SDK: usage and cost', () => {
  it('counts cached input tokens inside the input and prices them at the cached rate', async () => {
    const kit = testKit();
    // gpt-4o-mini: 0.15 USD per million input tokens, 0.075 cached, 0.6 output (docs/pricing.md).
    await withVitals(
      generateText,
      kit.vitals,
    )({
      model: turnsModel([{ text: 'Hello.', usage: [10_000, 4_000, 1_000] }]),
      prompt: 'hi',
    });
    expect(await kit.metric('gen_ai.client.token.usage', { 'gen_ai.token.type': 'input' })).toEqual({
      count: 1,
      sum: 10_000,
    });
    expect(await kit.metric('gen_ai.client.token.usage', { 'gen_ai.token.type': 'output' })).toEqual({
      count: 1,
      sum: 1_000,
    });
    const expected = (6_000 * 0.15 + 4_000 * 0.075 + 1_000 * 0.6) / 1e6;
    expect(await kit.metric('agent.cost', { 'gen_ai.request.model': 'gpt-4o-mini' })).toBeCloseTo(
      expected,
      12,
    );
  });

  it('records the tokens of a model without a price, and no cost', async () => {
    const kit = testKit();
    await withVitals(
      generateText,
      kit.vitals,
    )({
      model: turnsModel([{ text: 'Hello.', usage: [500, 0, 50] }], { modelId: 'in-house-model-7' }),
      prompt: 'hi',
    });
    expect(
      await kit.metric('gen_ai.client.token.usage', {
        'gen_ai.token.type': 'input',
        'gen_ai.request.model': 'in-house-model-7',
      }),
    ).toEqual({ count: 1, sum: 500 });
    expect(await kit.metric('agent.cost')).toBe(0);
    expect(await kit.metric('agent.runs', { 'agent.run.outcome': 'success' })).toBe(1);
  });

  it('names the provider from the model provider id', async () => {
    const kit = testKit();
    await withVitals(
      generateText,
      kit.vitals,
    )({
      model: turnsModel([{ text: 'Hello.', usage: [100, 0, 10] }], {
        modelId: 'claude-sonnet-4-5',
        provider: 'anthropic.messages',
      }),
      prompt: 'hi',
    });
    const [chat] = byName(kit.spans(), 'chat');
    expect(chat!.attributes['gen_ai.provider.name']).toBe('anthropic');
    expect(chat!.attributes['gen_ai.request.model']).toBe('claude-sonnet-4-5');
    expect(chat!.attributes['gen_ai.response.model']).toBe('claude-sonnet-4-5-2024-07-18');

    for (const [provider, modelId, expected] of [
      ['google.generative-ai', 'gemini-2.5-flash', 'gcp.gemini'],
      ['acme.chat', 'gpt-4o-mini', 'openai'],
    ] as const) {
      await kit.reset();
      await withVitals(
        generateText,
        kit.vitals,
      )({
        model: turnsModel([{ text: 'Hello.', usage: [100, 0, 10] }], { modelId, provider }),
        prompt: 'hi',
      });
      const [span] = byName(kit.spans(), 'chat');
      expect(span!.attributes['gen_ai.provider.name']).toBe(expected);
    }
  });

  it('keeps the usage of concurrent generateText runs apart', async () => {
    const kit = testKit();
    const generate = withVitals(generateText, kit.vitals);
    const runs = Array.from({ length: 10 }, (_, n) =>
      generate({
        model: turnsModel([{ text: `run ${n}`, usage: [100 + n, 0, 10] }]),
        prompt: `run ${n}`,
      }),
    );
    await Promise.all(runs);
    expect(await kit.metric('agent.runs', { 'agent.run.outcome': 'success' })).toBe(10);
    for (const run of byName(kit.spans(), 'invoke_agent')) {
      const chats = byName(kit.spans(), 'chat').filter(
        (span) => span.parentSpanContext?.spanId === run.spanContext().spanId,
      );
      expect(chats).toHaveLength(1);
    }
    const inputs = byName(kit.spans(), 'chat').map((span) => span.attributes['gen_ai.usage.input_tokens']);
    expect(inputs.sort()).toEqual(Array.from({ length: 10 }, (_, n) => 100 + n).sort());
  });
});

describe('Vercel AI SDK: tool outcomes', () => {
  it('counts a tool that throws a TimeoutError as timeout', async () => {
    const kit = testKit();
    const result = await withVitals(
      generateText,
      kit.vitals,
    )({
      model: turnsModel([
        { toolCalls: [{ name: 'slow', input: {} }], usage: [100, 0, 10] },
        { text: 'Timed out.', usage: [100, 0, 10] },
      ]),
      tools: makeTools([]),
      prompt: 'hi',
      stopWhen: isStepCount(5),
    });
    expect(result.text).toBe('Timed out.');
    expect(
      await kit.metric('agent.tool.calls', { 'gen_ai.tool.name': 'slow', 'agent.tool.outcome': 'timeout' }),
    ).toBe(1);
  });

  it('denies one of two tool calls of one response and runs the other', async () => {
    const kit = testKit();
    const calls: string[] = [];
    const guard = createGuard({
      rules: [],
      policy: {
        roles: { coder: { allow: ['*'], arguments: { shell: DANGEROUS_SHELL_RULES } } },
        defaultRole: 'coder',
      },
    });
    const result = await withVitals(generateText, { vitals: kit.vitals, guard })({
      model: turnsModel([
        {
          toolCalls: [
            { name: 'shell', input: { command: 'rm -rf /' } },
            { name: 'lookup', input: { order: '7' } },
          ],
          usage: [100, 0, 10],
        },
        { text: 'Done.', usage: [100, 0, 10] },
      ]),
      tools: makeTools(calls),
      prompt: 'hi',
      stopWhen: isStepCount(5),
    });
    await guard.shutdown();
    expect(result.text).toBe('Done.');
    expect(calls).toEqual(['lookup 7']);
    expect(
      await kit.metric('agent.tool.calls', { 'gen_ai.tool.name': 'shell', 'agent.tool.outcome': 'denied' }),
    ).toBe(1);
    expect(
      await kit.metric('agent.tool.calls', { 'gen_ai.tool.name': 'lookup', 'agent.tool.outcome': 'success' }),
    ).toBe(1);
  });
});

describe('Vercel AI SDK: options', () => {
  it('throws one TypeError naming every bad field when set up', () => {
    const agent = new ToolLoopAgent({ model: turnsModel([{ text: 'x', usage: [1, 0, 1] }]) });
    let error: unknown;
    try {
      vitalsAgent(agent, { vitals: 42, name: '', validators: 'yes' } as never);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(TypeError);
    const message = (error as Error).message;
    for (const field of ['vitals', 'name', 'validators']) expect(message).toContain(field);
    expect(() => withVitals(generateText, { guard: 'always' } as never)).toThrow(TypeError);
  });
});

describe('Vercel AI SDK: the run has ended when the awaited call returns', () => {
  const runNames = (kit: TestKit) =>
    kit
      .spans()
      .filter((span) => span.name.startsWith('invoke_agent'))
      .map((span) => span.name);

  it('for generateText and ToolLoopAgent.generate(), settled or failed', async () => {
    const kit = testKit();
    await withVitals(
      generateText,
      kit.vitals,
    )({ model: turnsModel(PARALLEL), tools: makeTools([]), prompt: 'hi', stopWhen: isStepCount(5) });
    // Read synchronously: nothing else had a chance to run since the call returned.
    expect(runNames(kit)).toEqual(['invoke_agent ai-sdk-steps']);
    await vitalsAgent(
      new ToolLoopAgent({ model: turnsModel(PARALLEL), tools: makeTools([]) }),
      kit.vitals,
    ).generate({
      prompt: 'hi',
    });
    expect(runNames(kit)).toHaveLength(2);
    const failing = turnsModel(PARALLEL);
    failing.doGenerate = async () => {
      throw new Error('provider unavailable');
    };
    await withVitals(
      generateText,
      kit.vitals,
    )({ model: failing, prompt: 'hi', maxRetries: 0 }).catch(() => {});
    expect(runNames(kit)).toHaveLength(3);
  });

  it('returns the same result as the call', async () => {
    const kit = testKit();
    const agent = new ToolLoopAgent({ model: turnsModel(PARALLEL), tools: makeTools([]) });
    const plain = await agent.generate({ prompt: 'hi' });
    const recorded = await vitalsAgent(agent, kit.vitals).generate({ prompt: 'hi' });
    expect(recorded.text).toBe(plain.text);
    expect(recorded.steps.map((step) => step.content)).toEqual(plain.steps.map((step) => step.content));

    // The very promise the call returned, and its run recorded when it settles.
    const settled = Promise.resolve('done');
    const returned = withVitals(
      (_options: { model: unknown }) => settled,
      kit.vitals,
    )({ model: turnsModel(PARALLEL) });
    expect(returned).toBe(settled);
    await returned;
    expect(kit.spans().filter((span) => span.name.startsWith('invoke_agent'))).toHaveLength(2);
  });
});

describe('Vercel AI SDK: documented edges', () => {
  it('reports a model request refused by an open breaker through onError, and streamText promises reject', async () => {
    const kit = testKit();
    const guard = createGuard({ rules: [] });
    kit.vitals.use(guard);
    guard.trip('maintenance', kit.vitals.agentName);
    const model = turnsModel(PARALLEL);
    const errors: unknown[] = [];
    const result = withVitals(
      streamText,
      kit.vitals,
    )({
      model,
      prompt: 'hi',
      onError: ({ error }) => void errors.push(error),
    });
    const text = await Promise.resolve(result.text).catch((error: unknown) => error);
    await guard.shutdown();
    // The SDK rejects its result promises with its own NoOutputGeneratedError, as for any failing model.
    expect(text).toBeInstanceOf(Error);
    expect(errors.some((error) => isCircuitOpenError(error))).toBe(true);
    expect(model.doStreamCalls).toHaveLength(0);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await kit.metric('agent.runs', { 'agent.run.outcome': 'error' })).toBe(1);
  });

  it('records a model swapped in by prepareStep when it is returned instrumented', async () => {
    const kit = testKit();
    const swapped = turnsModel([{ text: 'From the swapped model.', usage: [50, 0, 5] }], {
      modelId: 'gpt-4o',
    });
    const result = await withVitals(
      generateText,
      kit.vitals,
    )({
      model: turnsModel(PARALLEL),
      tools: makeTools([]),
      prompt: 'hi',
      stopWhen: isStepCount(5),
      prepareStep: ({ stepNumber }) =>
        stepNumber === 1 ? { model: instrumentModel(swapped, kit.vitals) } : undefined,
    });
    expect(result.text).toBe('From the swapped model.');
    const chats = kit.spans().filter((span) => span.name.startsWith('chat'));
    expect(chats.map((span) => span.name)).toEqual(['chat gpt-4o-mini', 'chat gpt-4o']);
    const run = kit.spans().find((span) => span.name.startsWith('invoke_agent'))!;
    for (const chat of chats) expect(chat.parentSpanContext?.spanId).toBe(run.spanContext().spanId);
  });

  it('hands back a copy of a tool set from instrumentTools, leaving the original as it was', async () => {
    const kit = testKit();
    const tools = makeTools([]);
    const execute = tools.lookup.execute;
    const instrumented = instrumentTools(tools, kit.vitals);
    expect(instrumented).not.toBe(tools);
    expect(tools.lookup.execute).toBe(execute);
    await instrumented.lookup.execute!({ order: '9' }, { toolCallId: 'x', messages: [] } as never);
    expect(
      await kit.metric('agent.tool.calls', { 'gen_ai.tool.name': 'lookup', 'agent.tool.outcome': 'success' }),
    ).toBe(1);
    expect(await kit.metric('agent.runs')).toBe(0);
  });
});

describe('Vercel AI SDK: tool calls while the breaker is open', () => {
  it('blocks the tool calls of a response whose cost passed the cap, then the next model request', async () => {
    const kit = testKit();
    const calls: string[] = [];
    // The first response costs 0.00075 USD (1000 + 1000 tokens), past the cap of 0.0007 per hour.
    const guard = createGuard({ rules: [costRateRule({ maxUsdPerHour: 0.0007 })] });
    const model = turnsModel([
      {
        toolCalls: [
          { name: 'lookup', input: { order: '1' } },
          { name: 'lookup', input: { order: '2' } },
        ],
        usage: [1000, 0, 1000],
      },
      { text: 'never', usage: [1, 0, 1] },
    ]);
    const error = await withVitals(generateText, { vitals: kit.vitals, guard })({
      model,
      tools: makeTools(calls),
      prompt: 'hi',
      stopWhen: isStepCount(5),
    }).catch((caught: unknown) => caught);
    await guard.shutdown();
    expect(calls).toEqual([]);
    expect(isCircuitOpenError(error)).toBe(true);
    expect(model.doGenerateCalls).toHaveLength(1);
    expect(
      await kit.metric('agent.tool.calls', { 'gen_ai.tool.name': 'lookup', 'agent.tool.outcome': 'blocked' }),
    ).toBe(2);
    expect(await kit.metric('agent.runs', { 'agent.run.outcome': 'error' })).toBe(1);
  });
});

describe('Vercel AI SDK: a streamed run has ended when its stream has', () => {
  const runSpans = (kit: TestKit) => kit.spans().filter((span) => span.name.startsWith('invoke_agent'));

  it('for streamText, once totalUsage has settled', async () => {
    const kit = testKit();
    const result = withVitals(
      streamText,
      kit.vitals,
    )({
      model: turnsModel(PARALLEL),
      tools: makeTools([]),
      prompt: 'hi',
      stopWhen: isStepCount(5),
    });
    for await (const _delta of result.textStream);
    await result.totalUsage;
    // Read synchronously: nothing else had a chance to run since totalUsage settled.
    expect(runSpans(kit)).toHaveLength(1);
  });

  it('for ToolLoopAgent.stream(), once totalUsage has settled', async () => {
    const kit = testKit();
    const agent = vitalsAgent(
      new ToolLoopAgent({ model: turnsModel(PARALLEL), tools: makeTools([]) }),
      kit.vitals,
    );
    const result = await agent.stream({ prompt: 'hi' });
    for await (const _part of result.fullStream);
    await result.totalUsage;
    expect(runSpans(kit)).toHaveLength(1);
  });
});
