// The Mastra integration as docs/integrations.md describes it, on inputs beyond one tool per
// step: several tool calls in one model response, cached input tokens, tools given as a
// function, the caller's own callbacks, the original agent object, options given wrong.
import { vitalsAgent } from '@agentvitals/mastra';
import { createTestKit, type TestKit } from '@agentvitals/testing';
import { Agent } from '@mastra/core/agent';
import { createTool } from '@mastra/core/tools';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type Turn, turnsModel } from './turns-model.js';

const kits: TestKit[] = [];
afterEach(async () => {
  for (const kit of kits.splice(0)) await kit.shutdown();
});

function testKit() {
  const kit = createTestKit({ agentName: 'mastra-steps' });
  kits.push(kit);
  return kit;
}

function makeTools(calls: string[] = []) {
  return {
    lookup: createTool({
      id: 'lookup',
      description: 'Looks an order up',
      inputSchema: z.object({ order: z.string() }),
      execute: async ({ order }) => {
        calls.push(`lookup ${order}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
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

function makeAgent(model: ReturnType<typeof turnsModel>, tools: object = makeTools()) {
  return new Agent({
    id: 'support',
    name: 'support',
    instructions: 'Answer order questions.',
    model: model as never,
    tools: tools as never,
  });
}

const byName = (spans: readonly ReadableSpan[], prefix: string) =>
  spans.filter((span) => span.name.startsWith(prefix));
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

async function expectParallelVitals(kit: TestKit) {
  expect(await kit.metric('agent.runs', { 'agent.run.outcome': 'success' })).toBe(1);
  expect(await kit.metric('agent.reasoning.duration')).toMatchObject({ count: 2 });
  expect(
    await kit.metric('agent.tool.calls', { 'gen_ai.tool.name': 'lookup', 'agent.tool.outcome': 'success' }),
  ).toBe(2);
  expect(
    await kit.metric('agent.tool.calls', { 'gen_ai.tool.name': 'broken', 'agent.tool.outcome': 'error' }),
  ).toBe(1);
  const spans = kit.spans();
  const [run, ...otherRuns] = byName(spans, 'invoke_agent');
  expect(otherRuns).toHaveLength(0);
  const children = [...byName(spans, 'execute_tool'), ...byName(spans, 'chat')];
  expect(children).toHaveLength(5);
  for (const span of children) expect(span.parentSpanContext?.spanId).toBe(run!.spanContext().spanId);
}

describe('Mastra: several tool calls in one model response', () => {
  it('records each with its own outcome, in generate()', async () => {
    const kit = testKit();
    const calls: string[] = [];
    const agent = vitalsAgent(makeAgent(turnsModel(PARALLEL), makeTools(calls)), kit.vitals);
    const output = await agent.generate('Where are orders 1 and 2?');
    expect(output.text).toBe('Both ship tomorrow.');
    expect(calls.sort()).toEqual(['broken', 'lookup 1', 'lookup 2']);
    await settle();
    await expectParallelVitals(kit);
  });

  it('records each with its own outcome, in stream()', async () => {
    const kit = testKit();
    const agent = vitalsAgent(makeAgent(turnsModel(PARALLEL)), kit.vitals);
    const output = await agent.stream('Where are orders 1 and 2?');
    expect(await output.text).toBe('Both ship tomorrow.');
    await settle();
    await expectParallelVitals(kit);
  });
});

describe('Mastra: usage and agents', () => {
  it('prices cached input tokens at the cached rate', async () => {
    const kit = testKit();
    const agent = vitalsAgent(
      makeAgent(turnsModel([{ text: 'Hello.', usage: [10_000, 4_000, 1_000] }])),
      kit.vitals,
    );
    await agent.generate('hi');
    await settle();
    expect(await kit.metric('gen_ai.client.token.usage', { 'gen_ai.token.type': 'input' })).toEqual({
      count: 1,
      sum: 10_000,
    });
    const expected = (6_000 * 0.15 + 4_000 * 0.075 + 1_000 * 0.6) / 1e6;
    expect(await kit.metric('agent.cost')).toBeCloseTo(expected, 12);
  });

  it('returns the agent itself, still an Agent', () => {
    const kit = testKit();
    const agent = makeAgent(turnsModel(PARALLEL));
    const instrumented = vitalsAgent(agent, kit.vitals);
    expect(instrumented).toBeInstanceOf(Agent);
    expect(instrumented.id).toBe('support');
  });

  it('records the tools of an agent whose tools are a function of the request', async () => {
    const kit = testKit();
    const calls: string[] = [];
    const agent = vitalsAgent(
      makeAgent(turnsModel(PARALLEL), () => makeTools(calls)),
      kit.vitals,
    );
    await agent.generate('Where are orders 1 and 2?');
    await settle();
    expect(calls.sort()).toEqual(['broken', 'lookup 1', 'lookup 2']);
    await expectParallelVitals(kit);
  });

  it("runs the caller's onFinish, and ends the streamed run", async () => {
    const kit = testKit();
    const agent = vitalsAgent(makeAgent(turnsModel(PARALLEL)), kit.vitals);
    let finished = 0;
    const output = await agent.stream('Where are orders 1 and 2?', { onFinish: () => void finished++ });
    await output.text;
    await settle();
    expect(finished).toBe(1);
    expect(await kit.metric('agent.runs', { 'agent.run.outcome': 'success' })).toBe(1);
  });

  it('records model requests and tool calls of the original object, but no run', async () => {
    const kit = testKit();
    const original = makeAgent(turnsModel(PARALLEL));
    vitalsAgent(original, kit.vitals);
    const output = await original.generate('Where are orders 1 and 2?');
    expect(output.text).toBe('Both ship tomorrow.');
    await settle();
    expect(await kit.metric('agent.reasoning.duration')).toMatchObject({ count: 2 });
    expect(await kit.metric('agent.tool.calls')).toBe(3);
    expect(await kit.metric('agent.runs')).toBe(0);
  });

  it('throws one TypeError naming every bad field when set up', () => {
    const agent = makeAgent(turnsModel(PARALLEL));
    let error: unknown;
    try {
      vitalsAgent(agent, { vitals: 'mine', validators: 3 } as never);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toContain('vitals');
    expect((error as Error).message).toContain('validators');
  });
});

describe('Mastra: the run has ended when the awaited generate() returns', () => {
  it('for a settled and a failed call', async () => {
    const kit = testKit();
    await vitalsAgent(makeAgent(turnsModel(PARALLEL)), kit.vitals).generate('hi');
    // Read synchronously: nothing else had a chance to run since the call returned.
    expect(kit.spans().filter((span) => span.name.startsWith('invoke_agent'))).toHaveLength(1);
    const failing = turnsModel(PARALLEL);
    failing.doGenerate = async () => {
      throw new Error('provider unavailable');
    };
    failing.doStream = failing.doGenerate as never;
    await vitalsAgent(makeAgent(failing), kit.vitals)
      .generate('hi', { maxRetries: 0 } as never)
      .catch(() => {});
    expect(kit.spans().filter((span) => span.name.startsWith('invoke_agent'))).toHaveLength(2);
  });
});

describe('Mastra: a streamed run has ended when its stream has', () => {
  it('once totalUsage has settled', async () => {
    const kit = testKit();
    const agent = vitalsAgent(makeAgent(turnsModel(PARALLEL)), kit.vitals);
    const runSpans = () => kit.spans().filter((span) => span.name.startsWith('invoke_agent'));
    const output = await agent.stream('Where are orders 1 and 2?');
    expect(await output.text).toBe('Both ship tomorrow.');
    await output.totalUsage;
    // Read synchronously: nothing else had a chance to run since totalUsage settled.
    expect(runSpans()).toHaveLength(1);
  });
});

describe('Mastra: validators', () => {
  it('counts a result the validator rejects as invalid, and the agent still receives it', async () => {
    const kit = testKit();
    const seen: unknown[] = [];
    const agent = vitalsAgent(makeAgent(turnsModel(PARALLEL)), {
      vitals: kit.vitals,
      validators: {
        lookup: (result, input) => {
          seen.push(input);
          return (result as { status: string }).status === 'delivered' || 'not delivered';
        },
      },
    });
    const output = await agent.generate('Where are orders 1 and 2?');
    expect(output.toolResults.map((result) => result.payload.result)).toContainEqual({
      order: '1',
      status: 'shipping',
    });
    await settle();
    expect(
      await kit.metric('agent.tool.calls', { 'gen_ai.tool.name': 'lookup', 'agent.tool.outcome': 'invalid' }),
    ).toBe(2);
    expect(seen).toContainEqual({ order: '2' });
  });
});
