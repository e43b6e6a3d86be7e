import { costRateRule, createGuard, DANGEROUS_SHELL_RULES } from '@agentvitals/alerts';
import { isCircuitOpenError } from '@agentvitals/core';
import { vitalsAgent } from '@agentvitals/mastra';
import { createTestKit, type TestKit } from '@agentvitals/testing';
import { Mastra } from '@mastra/core';
import { Agent } from '@mastra/core/agent';
import { createTool } from '@mastra/core/tools';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { REQUESTED_MODEL, RESPONSE_MODEL, type Step, scriptedModel } from './scripted-model.js';

const kits: TestKit[] = [];
afterEach(async () => {
  for (const kit of kits.splice(0)) await kit.shutdown();
});

function testKit() {
  const kit = createTestKit({ agentName: 'mastra-agent' });
  kits.push(kit);
  return kit;
}

const SCRIPT: Step[] = [
  { toolCall: { name: 'lookup', input: { order: '42' } }, usage: [100, 10] },
  { toolCall: { name: 'broken', input: {} }, usage: [200, 20] },
  { text: 'Order 42 ships tomorrow.', usage: [300, 30] },
];

function makeTools(calls: string[] = []) {
  return {
    lookup: createTool({
      id: 'lookup',
      description: 'Looks an order up',
      inputSchema: z.object({ order: z.string() }),
      execute: async ({ order }) => {
        calls.push(`lookup ${order}`);
        return { order, status: 'shipping' };
      },
    }),
    broken: createTool({
      id: 'broken',
      description: 'Always fails',
      inputSchema: z.object({}),
      execute: async () => {
        calls.push('broken');
        throw new Error('backend down');
      },
    }),
    shell: createTool({
      id: 'shell',
      description: 'Runs a shell command',
      inputSchema: z.object({ command: z.string() }),
      execute: async ({ command }) => {
        calls.push(`shell ${command}`);
        return 'ran';
      },
    }),
  };
}

function makeAgent(model = scriptedModel(SCRIPT), calls: string[] = []) {
  return new Agent({
    id: 'support',
    name: 'support',
    instructions: 'Answer order questions.',
    model: model as never,
    tools: makeTools(calls),
  });
}

const byName = (spans: ReadableSpan[], prefix: string) =>
  spans.filter((span) => span.name.startsWith(prefix));
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

function expectOneRunTrace(spans: ReadableSpan[], chats: number, tools: number) {
  const runs = byName(spans, 'invoke_agent');
  expect(runs).toHaveLength(1);
  const run = runs[0]!;
  expect(spans.every((span) => span.spanContext().traceId === run.spanContext().traceId)).toBe(true);
  const children = spans.filter((span) => span !== run);
  expect(children.every((span) => span.parentSpanContext?.spanId === run.spanContext().spanId)).toBe(true);
  expect(byName(children, 'chat')).toHaveLength(chats);
  expect(byName(children, 'execute_tool')).toHaveLength(tools);
}

async function expectScriptVitals(kit: TestKit) {
  expect(await kit.metric('agent.runs', { 'agent.run.outcome': 'success' })).toBe(1);
  expect(await kit.metric('agent.reasoning.duration')).toMatchObject({ count: 3 });
  expect(await kit.metric('gen_ai.client.token.usage', { 'gen_ai.token.type': 'input' })).toEqual({
    count: 3,
    sum: 600,
  });
  expect(await kit.metric('agent.cost', { 'gen_ai.request.model': REQUESTED_MODEL })).toBeGreaterThan(0);
  expect(
    await kit.metric('agent.tool.calls', { 'gen_ai.tool.name': 'lookup', 'agent.tool.outcome': 'success' }),
  ).toBe(1);
  expect(
    await kit.metric('agent.tool.calls', { 'gen_ai.tool.name': 'broken', 'agent.tool.outcome': 'error' }),
  ).toBe(1);
  for (const [index, span] of byName(kit.spans(), 'chat').entries()) {
    expect(span.name).toBe(`chat ${REQUESTED_MODEL}`);
    expect(span.attributes['gen_ai.request.model']).toBe(REQUESTED_MODEL);
    expect(span.attributes['gen_ai.response.model']).toBe(RESPONSE_MODEL);
    expect(span.attributes['gen_ai.usage.input_tokens']).toBe((index + 1) * 100);
  }
  expectOneRunTrace(kit.spans(), 3, 2);
}

describe('Mastra: vitalsAgent(new Agent(...))', () => {
  it('records generate() as one run with a reasoning call per model request and each tool call', async () => {
    const kit = testKit();
    const calls: string[] = [];
    const agent = vitalsAgent(makeAgent(scriptedModel(SCRIPT), calls), { vitals: kit.vitals });
    const output = await agent.generate('Where is order 42?');
    expect(output.text).toBe('Order 42 ships tomorrow.');
    expect(calls).toEqual(['lookup 42', 'broken']);
    await settle();
    await expectScriptVitals(kit);
  });

  it('ends a streamed run when Mastra has finished its stream', async () => {
    const kit = testKit();
    const agent = vitalsAgent(makeAgent(), { vitals: kit.vitals });
    const output = await agent.stream('Where is order 42?');
    const finishes: unknown[] = [];
    for await (const part of output.fullStream) {
      if (part.type === 'step-finish') finishes.push(part.payload.output.usage.inputTokens);
    }
    expect(finishes).toEqual([100, 200, 300]);
    expect(await output.text).toBe('Order 42 ships tomorrow.');
    await settle();
    await expectScriptVitals(kit);
  });

  it('ends a streamed run whose model fails as an error', async () => {
    const kit = testKit();
    const model = scriptedModel(SCRIPT);
    model.doStream = async () => {
      throw new Error('provider unavailable');
    };
    const agent = vitalsAgent(makeAgent(model), { vitals: kit.vitals });
    const output = await agent.stream('hi', { maxRetries: 0 } as never);
    for await (const _ of output.fullStream) {
      // drained
    }
    await settle();
    expect(await kit.metric('agent.runs', { 'agent.run.outcome': 'error' })).toBe(1);
    expect(await kit.metric('agent.reasoning.duration', { 'error.type': 'Error' })).toMatchObject({
      count: 1,
    });
  });

  it('ends a streamed run its caller aborts as an error', async () => {
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
    let aborted = 0;
    const agent = vitalsAgent(makeAgent(model), { vitals: kit.vitals });
    const output = await agent.stream('hi', { abortSignal: abort.signal, onAbort: () => void aborted++ });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await kit.metric('agent.runs')).toBe(0);
    abort.abort();
    for await (const _ of output.fullStream) {
      // drained
    }
    await settle();
    expect(aborted).toBe(1);
    expect(await kit.metric('agent.runs', { 'agent.run.outcome': 'error' })).toBe(1);
  });

  it('returns what the agent returns without instrumentation', async () => {
    const kit = testKit();
    const view = (output: Awaited<ReturnType<Agent['generate']>>) => ({
      text: output.text,
      finishReason: output.finishReason,
      usage: output.usage,
      toolResults: output.toolResults.map((result) => result.payload.result),
      steps: output.steps.length,
    });
    const plain = await makeAgent().generate('Where is order 42?');
    const recorded = await vitalsAgent(makeAgent(), kit.vitals).generate('Where is order 42?');
    expect(view(recorded)).toEqual(view(plain));
    const plainStream = await (await makeAgent().stream('Where is order 42?')).text;
    const recordedStream = await (await vitalsAgent(makeAgent(), kit.vitals).stream('Where is order 42?'))
      .text;
    expect(recordedStream).toBe(plainStream);
  });

  it('keeps the usage of 20 concurrent streamed runs apart', async () => {
    const kit = testKit();
    const model = scriptedModel(SCRIPT, {
      usageFor: (prompt) => {
        const n = Number(/run (\d+)/.exec(prompt)?.[1]);
        return [n, n];
      },
    });
    const agent = vitalsAgent(makeAgent(model), kit.vitals);
    const texts = await Promise.all(
      Array.from({ length: 20 }, async (_, index) => {
        await new Promise((resolve) => setTimeout(resolve, (index * 7) % 5));
        const output = await agent.stream(`run ${index + 1}: where is order 42?`);
        return output.text;
      }),
    );
    expect(new Set(texts)).toEqual(new Set(['Order 42 ships tomorrow.']));
    await settle();
    expect(await kit.metric('agent.runs', { 'agent.run.outcome': 'success' })).toBe(20);
    const spans = kit.spans();
    const runs = byName(spans, 'invoke_agent');
    expect(runs).toHaveLength(20);
    const perRun = runs.map((run) => {
      const inTrace = spans.filter((span) => span.spanContext().traceId === run.spanContext().traceId);
      expect(byName(inTrace, 'chat')).toHaveLength(3);
      expect(byName(inTrace, 'execute_tool')).toHaveLength(2);
      const tokens = new Set(
        byName(inTrace, 'chat').map((span) => span.attributes['gen_ai.usage.input_tokens']),
      );
      expect(tokens.size).toBe(1);
      return Number([...tokens][0]);
    });
    expect(perRun.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, index) => index + 1));
  });

  it('records runs of the agent registered with Mastra, and each model of a fallback list', async () => {
    const kit = testKit();
    const agent = vitalsAgent(
      new Agent({
        id: 'support',
        name: 'support',
        instructions: 'Answer order questions.',
        model: [{ model: scriptedModel(SCRIPT) as never, maxRetries: 0 }],
        tools: makeTools(),
      }),
      kit.vitals,
    );
    const mastra = new Mastra({ agents: { support: agent }, logger: false });
    const registered = mastra.getAgent('support');
    expect(registered).toBeInstanceOf(Agent);
    const output = await registered.generate('Where is order 42?');
    expect(output.text).toBe('Order 42 ships tomorrow.');
    await settle();
    await expectScriptVitals(kit);
  });

  it('refuses an object that is not a Mastra agent', () => {
    expect(() => vitalsAgent({} as never)).toThrow(/Mastra Agent/);
  });
});

describe('Mastra: guards', () => {
  it('denies rm -rf / before the shell tool runs, and the agent sees a failing tool', async () => {
    const kit = testKit();
    const calls: string[] = [];
    const guard = createGuard({
      rules: [],
      policy: {
        roles: { coder: { allow: ['shell'], arguments: { shell: DANGEROUS_SHELL_RULES } } },
        defaultRole: 'coder',
      },
    });
    const model = scriptedModel([
      { toolCall: { name: 'shell', input: { command: 'rm -rf /' } } },
      { toolCall: { name: 'shell', input: { command: 'ls' } } },
      { text: 'Listed instead.' },
    ]);
    const agent = vitalsAgent(makeAgent(model, calls), { vitals: kit.vitals, guard });
    const output = await agent.generate('clean up');
    await guard.shutdown();
    expect(calls).toEqual(['shell ls']);
    expect(output.text).toBe('Listed instead.');
    await settle();
    expect(
      await kit.metric('agent.tool.calls', { 'gen_ai.tool.name': 'shell', 'agent.tool.outcome': 'denied' }),
    ).toBe(1);
  });

  it('stops the model request that would pass the cost cap before it runs', async () => {
    const kit = testKit();
    // The first request fits under the cap; what it spends (1000 + 1000 tokens, 0.00075 USD) passes it.
    const guard = createGuard({ rules: [costRateRule({ maxUsdPerHour: 0.0007 })] });
    const model = scriptedModel(SCRIPT.map((step) => ({ ...step, usage: [1000, 1000] as [number, number] })));
    const agent = vitalsAgent(makeAgent(model), { vitals: kit.vitals, guard });
    const error = await agent.generate('Where is order 42?').catch((caught: unknown) => caught);
    await guard.shutdown();
    expect(isCircuitOpenError(error)).toBe(true);
    expect(model.doGenerateCalls).toHaveLength(1);
    await settle();
    expect(await kit.metric('agent.runs', { 'agent.run.outcome': 'error' })).toBe(1);
    expect(byName(kit.spans(), 'chat').map((span) => span.attributes['error.type'])).toEqual([
      undefined,
      'CircuitOpenError',
    ]);
  });

  it('stops every model request while the breaker is open', async () => {
    const kit = testKit();
    const guard = createGuard({ rules: [] });
    const model = scriptedModel(SCRIPT);
    const agent = vitalsAgent(makeAgent(model), { vitals: kit.vitals, guard });
    guard.trip('maintenance', kit.vitals.agentName);
    const error = await agent.generate('Where is order 42?').catch((caught: unknown) => caught);
    await guard.shutdown();
    expect(isCircuitOpenError(error)).toBe(true);
    expect(model.doGenerateCalls).toHaveLength(0);
    expect(model.doStreamCalls).toHaveLength(0);
  });
});
