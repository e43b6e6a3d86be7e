import { isFrameworkAgentError, wrap } from '@agentvitals/core';
import { ChatOpenAI } from '@langchain/openai';
import { Agent } from '@mastra/core/agent';
import { Agent as OpenAIAgent } from '@openai/agents';
import { ToolLoopAgent } from 'ai';
import { createAgent } from 'langchain';
import { describe, expect, it } from 'vitest';
import { scriptedModel } from './scripted-model.js';

describe('wrap() given a real framework agent', () => {
  it('refuses a ToolLoopAgent, naming vitalsAgent from @agentvitals/ai-sdk', () => {
    const agent = new ToolLoopAgent({ model: scriptedModel([{ text: 'hi' }]) as never });
    expect(() => wrap(agent)).toThrow(
      /from '@agentvitals\/ai-sdk'; const agent = vitalsAgent\(new ToolLoopAgent/,
    );
  });

  it('refuses a Mastra Agent, naming vitalsAgent from @agentvitals/mastra', () => {
    const agent = new Agent({
      id: 'a',
      name: 'a',
      instructions: 'x',
      model: scriptedModel([{ text: 'hi' }]) as never,
    });
    expect(() => wrap(agent)).toThrow(/from '@agentvitals\/mastra'; const agent = vitalsAgent\(new Agent/);
  });
});

describe('wrap() given an OpenAI Agents or LangChain agent', () => {
  const refusal = (agent: object) => {
    try {
      wrap(agent);
    } catch (error) {
      return error;
    }
    return undefined;
  };

  it('refuses an OpenAI Agents Agent with a branded TypeError naming instrumentAgent', () => {
    const error = refusal(new OpenAIAgent({ name: 'support', model: 'gpt-4o-mini' }));
    expect(error).toBeInstanceOf(TypeError);
    expect(isFrameworkAgentError(error)).toBe(true);
    expect((error as Error).message).toContain("from '@agentvitals/openai-agents'");
    expect((error as Error).message).toContain('instrumentAgent(new Agent');
  });

  it('refuses a LangChain createAgent result, and the same agent given its config, naming createVitalsHandler', () => {
    const model = new ChatOpenAI({ model: 'gpt-4o-mini', apiKey: 'test-key' });
    const agent = createAgent({ model, tools: [] });
    for (const candidate of [agent, agent.withConfig({ tags: ['support'] })]) {
      const error = refusal(candidate);
      expect(error).toBeInstanceOf(TypeError);
      expect(isFrameworkAgentError(error)).toBe(true);
      expect((error as Error).message).toContain('createVitalsHandler(vitals)');
    }
  });

  it('wraps a plain object that has none of their shapes', () => {
    expect(refusal({ invoke: async () => 'ok', tools: {} })).toBeUndefined();
  });
});
