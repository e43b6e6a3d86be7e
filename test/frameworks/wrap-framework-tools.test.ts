// wrap() around hand-written agents that hold real framework tool objects (docs/wrap.md,
// "Tools"): LangChain tools and OpenAI Agents function tools in an array, each call counted
// once with its outcome, array methods handing out the wrapped tools.
import { wrap } from '@agentvitals/core';
import { createTestKit } from '@agentvitals/testing';
import { DynamicTool, tool as langchainTool } from '@langchain/core/tools';
import { tool as agentsTool, RunContext } from '@openai/agents';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

describe('wrap() around an agent holding LangChain tools', () => {
  it('counts invoke → call → _call once, with the outcome, through index, find and iteration', async () => {
    const kit = createTestKit({ agentName: 'lc-tools-bot' });
    const search = langchainTool(async ({ query }) => `found ${query}`, {
      name: 'kb_search',
      description: 'Searches.',
      schema: z.object({ query: z.string() }),
    });
    const broken = new DynamicTool({
      name: 'broken',
      description: 'Fails.',
      func: async () => {
        throw new Error('index offline');
      },
    });
    const agent = wrap(
      {
        tools: [search, broken] as Array<{ readonly name: string; invoke(input: unknown): Promise<unknown> }>,
        async handle(question: string) {
          const first = await this.tools[0]!.invoke({ query: question });
          const found = this.tools.find((candidate) => candidate.name === 'kb_search')!;
          const second = await found.invoke({ query: 'again' });
          for (const each of this.tools) {
            if (each.name === 'broken') await each.invoke('x').catch(() => undefined);
          }
          return [first, second];
        },
      },
      { vitals: kit.vitals },
    );
    expect(await agent.handle('refunds')).toEqual(['found refunds', 'found again']);
    expect(
      await kit.metric('agent.tool.calls', {
        'gen_ai.tool.name': 'kb_search',
        'agent.tool.outcome': 'success',
      }),
    ).toBe(2);
    expect(
      await kit.metric('agent.tool.calls', { 'gen_ai.tool.name': 'broken', 'agent.tool.outcome': 'error' }),
    ).toBe(1);
    expect(await kit.metric('agent.tool.calls')).toBe(3);
    expect(await kit.metric('agent.runs')).toBe(1);
    await kit.shutdown();
  });
});

describe('wrap() around an agent holding OpenAI Agents function tools', () => {
  it('records invoke(runContext, input) as one tool call named by the tool', async () => {
    const kit = createTestKit({ agentName: 'oa-tools-bot' });
    const lookup = agentsTool({
      name: 'lookup_order',
      description: 'Looks an order up.',
      parameters: z.object({ orderId: z.string() }),
      execute: async ({ orderId }) => `order ${orderId}: shipped`,
    });
    const agent = wrap(
      {
        tools: [lookup],
        async handle(orderId: string) {
          return this.tools[0]!.invoke(new RunContext({}), JSON.stringify({ orderId }));
        },
      },
      { vitals: kit.vitals },
    );
    expect(await agent.handle('A-1')).toBe('order A-1: shipped');
    expect(
      await kit.metric('agent.tool.calls', {
        'gen_ai.tool.name': 'lookup_order',
        'agent.tool.outcome': 'success',
      }),
    ).toBe(1);
    await kit.shutdown();
  });
});
