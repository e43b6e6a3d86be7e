// The "A Vercel AI SDK tool set" example of docs/wrap.md, run against the real AI SDK with its
// mock model: every execute is a recorded tool call, the whole multi-step generateText is one
// reasoning call whose usage is the result's totalUsage.
import { wrap } from '@agentvitals/core';
import { createTestKit } from '@agentvitals/testing';
import { generateText, type LanguageModel, stepCountIs, tool } from 'ai';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { turnsModel } from './turns-model.js';

function weatherAgent(model: LanguageModel, vitals: ReturnType<typeof createTestKit>['vitals']) {
  return wrap(
    {
      tools: {
        weather: tool({
          description: 'Weather',
          inputSchema: z.object({ city: z.string() }),
          execute: async ({ city }) => ({ city, forecast: 'sunny' }),
        }),
      },
      async generate(prompt: string) {
        return generateText({ model, tools: this.tools, prompt, stopWhen: stepCountIs(5) });
      },
      async run(prompt: string) {
        return (await this.generate(prompt)).text;
      },
    },
    { vitals },
  );
}

describe('wrap() around an object holding an AI SDK tool set', () => {
  it('records each execute as a tool call and the multi-step generateText as one reasoning call', async () => {
    const kit = createTestKit({ agentName: 'weather-bot' });
    const model = turnsModel([
      {
        toolCalls: [
          { name: 'weather', input: { city: 'Paris' } },
          { name: 'weather', input: { city: 'Oslo' } },
        ],
        usage: [100, 0, 10],
      },
      { text: 'Sunny in both.', usage: [200, 50, 20] },
    ]);
    expect(await weatherAgent(model, kit.vitals).run('Weather in Paris and Oslo?')).toBe('Sunny in both.');
    expect(await kit.metric('agent.runs', { 'agent.run.outcome': 'success' })).toBe(1);
    expect(await kit.metric('agent.reasoning.duration')).toMatchObject({ count: 1 });
    expect(
      await kit.metric('agent.tool.calls', {
        'gen_ai.tool.name': 'weather',
        'agent.tool.outcome': 'success',
      }),
    ).toBe(2);
    expect(await kit.metric('gen_ai.client.token.usage', { 'gen_ai.token.type': 'input' })).toEqual({
      count: 1,
      sum: 300,
    });
    expect(await kit.metric('gen_ai.client.token.usage', { 'gen_ai.token.type': 'output' })).toEqual({
      count: 1,
      sum: 30,
    });
    expect(await kit.metric('agent.cost')).toBeCloseTo((250 * 0.15 + 50 * 0.075 + 30 * 0.6) / 1e6, 12);
    await kit.shutdown();
  });
});
