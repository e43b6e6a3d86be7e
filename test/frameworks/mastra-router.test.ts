import { vitalsAgent } from '@agentvitals/mastra';
import { createTestKit, type TestKit } from '@agentvitals/testing';
import { Agent } from '@mastra/core/agent';
import { createTool } from '@mastra/core/tools';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  type ScriptedServer,
  SERVER_RESPONSE_MODEL,
  startScriptedServer,
} from './openai-compatible-server.js';
import type { Step } from './scripted-model.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const SCRIPT: Step[] = [
  { toolCall: { name: 'lookup', input: { order: '42' } }, usage: [100, 10] },
  { text: 'Order 42 ships tomorrow.', usage: [200, 20] },
];

async function setup(): Promise<{ kit: TestKit; server: ScriptedServer; agent: Agent }> {
  const kit = createTestKit({ agentName: 'mastra-router' });
  const server = await startScriptedServer(SCRIPT);
  cleanups.push(
    () => kit.shutdown(),
    () => server.close(),
  );
  const lookup = createTool({
    id: 'lookup',
    description: 'Looks an order up',
    inputSchema: z.object({ order: z.string() }),
    execute: async ({ order }) => ({ order, status: 'shipping' }),
  });
  const agent = new Agent({
    id: 'support',
    name: 'support',
    instructions: 'Answer order questions.',
    // A model configuration Mastra resolves itself, through its model router and HTTP client.
    model: { id: 'openai/gpt-4o-mini', url: server.url, apiKey: 'test-key' },
    tools: { lookup },
  });
  return { kit, server, agent: vitalsAgent(agent, kit.vitals) };
}

describe("Mastra: a model configuration resolved by Mastra's model router", () => {
  for (const mode of ['generate', 'stream'] as const) {
    it(`records each request's usage and both models on a real HTTP client (${mode})`, async () => {
      const { kit, server, agent } = await setup();
      const text =
        mode === 'generate'
          ? (await agent.generate('Where is order 42?')).text
          : await (await agent.stream('Where is order 42?')).text;
      expect(text).toBe('Order 42 ships tomorrow.');
      expect(server.requests).toHaveLength(2);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await kit.metric('agent.runs', { 'agent.run.outcome': 'success' })).toBe(1);
      const chats = kit.spans().filter((span) => span.name.startsWith('chat'));
      expect(chats.map((span) => span.attributes['gen_ai.usage.input_tokens'])).toEqual([100, 200]);
      expect(chats.map((span) => span.attributes['gen_ai.request.model'])).toEqual([
        'gpt-4o-mini',
        'gpt-4o-mini',
      ]);
      expect(chats.map((span) => span.attributes['gen_ai.response.model'])).toEqual([
        SERVER_RESPONSE_MODEL,
        SERVER_RESPONSE_MODEL,
      ]);
      expect(await kit.metric('agent.cost', { 'gen_ai.request.model': 'gpt-4o-mini' })).toBeGreaterThan(0);
      expect(await kit.metric('agent.tool.calls', { 'agent.tool.outcome': 'success' })).toBe(1);
    });
  }
});
