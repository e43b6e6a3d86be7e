import { wrap } from '@agentvitals/core';
import { Agent } from '@mastra/core/agent';
import { ToolLoopAgent } from 'ai';
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
