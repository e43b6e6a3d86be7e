import { describe, expect, it } from 'vitest';
import { type FrameworkAgentError, isFrameworkAgentError, refuseFrameworkAgent } from './framework-agents.js';
import { wrap } from './wrap.js';

const fn = () => undefined;

/** Objects shaped like each framework's agent (the frameworks themselves are tested in test/frameworks). */
const SHAPES = {
  '@agentvitals/ai-sdk': { version: 'agent-v1', generate: fn, stream: fn, tools: {} },
  '@agentvitals/mastra': { generate: fn, stream: fn, __updateModel: fn, __setTools: fn, model: {} },
  '@agentvitals/openai-agents': {
    asTool: fn,
    clone: fn,
    handoffs: [],
    toolUseBehavior: 'run_llm_again',
    tools: [],
  },
  '@agentvitals/langchain': { invoke: fn, stream: fn, streamEvents: fn, getState: fn, graph: {} },
};

describe('wrap() given a framework agent object', () => {
  for (const [packageName, shape] of Object.entries(SHAPES)) {
    it(`fails at wrap time naming ${packageName}`, () => {
      let caught: unknown;
      try {
        wrap(shape);
      } catch (error) {
        caught = error;
      }
      expect(isFrameworkAgentError(caught)).toBe(true);
      expect(caught).toBeInstanceOf(TypeError);
      expect((caught as FrameworkAgentError).packageName).toBe(packageName);
      expect((caught as Error).message).toContain(packageName);
      expect((caught as Error).message).toContain('docs/integrations.md');
    });
  }

  it('leaves hand-written agents alone, even ones with generate and stream members', () => {
    const agent = { generate: fn, stream: fn, run: fn, tools: {} };
    expect(() => wrap(agent)).not.toThrow();
    expect(() => wrap({ invoke: fn, stream: fn })).not.toThrow();
    expect(() => wrap({ version: 'v2', generate: fn, stream: fn })).not.toThrow();
  });

  it('lets an agent whose shape cannot be read through', () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('no reads');
        },
      },
    );
    expect(() => refuseFrameworkAgent(hostile)).not.toThrow();
  });

  it('brands the error so the check holds across copies of the package', () => {
    expect(isFrameworkAgentError(new Error('x'))).toBe(false);
    expect(isFrameworkAgentError({ [Symbol.for('@agentvitals/FrameworkAgentError')]: true })).toBe(true);
  });
});
