// The LangChain integration as docs/integrations.md describes it, on inputs the main test
// leaves out: cached input tokens (streamed and not), models without a price, a failing model
// request, tool input that fails the tool's schema.
import { createGuard, DANGEROUS_SHELL_RULES } from '@agentvitals/alerts';
import { createVitalsHandler } from '@agentvitals/langchain';
import { createTestKit, type TestKit } from '@agentvitals/testing';
import { tool } from '@langchain/core/tools';
import { ChatOpenAI } from '@langchain/openai';
import { createAgent } from 'langchain';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type ScriptedOpenAIServer, startScriptedOpenAIServer } from './helpers/scripted-openai-server.js';

let server: ScriptedOpenAIServer;
const realFetch = globalThis.fetch;

beforeAll(async () => {
  // Nothing leaves the process (a streamed ChatOpenAI call would fetch a tokenizer).
  globalThis.fetch = (async (url: string | URL | Request, init?: RequestInit) => {
    const target = new URL(url instanceof Request ? url.url : String(url));
    if (target.hostname !== '127.0.0.1') throw new TypeError(`offline test: no request to ${target.host}`);
    return realFetch(url, init);
  }) as typeof fetch;
  server = await startScriptedOpenAIServer((request) => {
    if (request.userText.includes('fail')) return { inputTokens: 1, outputTokens: 1, status: 500 };
    if (request.userText.includes('cached')) {
      return { inputTokens: 10_000, cachedInputTokens: 4_000, outputTokens: 1_000, text: 'cached answer' };
    }
    const toolNames = ((request.body.tools as Array<{ function?: { name?: string } }>) ?? []).map(
      (t) => t.function?.name,
    );
    if (toolNames.includes('ask_inner') && request.toolResults.length === 0) {
      return {
        inputTokens: 100,
        outputTokens: 10,
        toolCalls: [{ name: 'ask_inner', arguments: { question: 'q' } }],
      };
    }
    if (request.userText.includes('inner question') && request.toolResults.length === 0) {
      return {
        inputTokens: 100,
        outputTokens: 10,
        toolCalls: [{ name: 'lookup', arguments: { query: 'inner' } }],
      };
    }
    if (request.userText.includes('two tools') && request.toolResults.length === 0) {
      return {
        inputTokens: 100,
        outputTokens: 10,
        toolCalls: [
          { name: 'shell', arguments: { command: 'rm -rf /' } },
          { name: 'lookup', arguments: { query: 'kept' } },
        ],
      };
    }
    if (request.userText.includes('bad input') && request.toolResults.length === 0) {
      return { inputTokens: 100, outputTokens: 10, toolCalls: [{ name: 'lookup', arguments: { query: 7 } }] };
    }
    return { inputTokens: 100, outputTokens: 10, text: `answer: ${request.toolResults.join(' | ')}` };
  });
});

afterAll(async () => {
  globalThis.fetch = realFetch;
  await server.close();
});

const kits: TestKit[] = [];
function kitFor(agentName: string) {
  const kit = createTestKit({ agentName });
  kits.push(kit);
  return kit;
}

afterEach(async () => {
  for (const kit of kits.splice(0)) await kit.shutdown();
});

let lookups = 0;

function makeAgent(options: { model?: string; streaming?: boolean } = {}) {
  const lookup = tool(
    async ({ query }) => {
      lookups++;
      return `found ${query}`;
    },
    { name: 'lookup', description: 'Looks something up.', schema: z.object({ query: z.string() }) },
  );
  const model = new ChatOpenAI({
    model: options.model ?? 'gpt-4o-mini',
    apiKey: 'test-key',
    streaming: options.streaming ?? false,
    maxRetries: 0,
    configuration: { baseURL: server.baseURL },
  });
  return createAgent({ model, tools: [lookup], systemPrompt: 'Help.' });
}

const input = (text: string) => ({ messages: [{ role: 'user', content: text }] });
const cost = (inputTokens: number, cached: number, output: number) =>
  ((inputTokens - cached) * 0.15 + cached * 0.075 + output * 0.6) / 1e6;

describe('LangChain createAgent usage', () => {
  for (const streaming of [false, true]) {
    it(`prices cached input tokens at the cached rate (${streaming ? 'streamed' : 'not streamed'})`, async () => {
      const kit = kitFor(`lc-cached-${streaming}`);
      const agent = makeAgent({ streaming }).withConfig({ callbacks: [createVitalsHandler(kit.vitals)] });
      const state = await agent.invoke(input('cached please'));
      expect(String(state.messages.at(-1)?.content)).toBe('cached answer');
      expect(await kit.metric('gen_ai.client.token.usage', { 'gen_ai.token.type': 'input' })).toEqual({
        count: 1,
        sum: 10_000,
      });
      expect(await kit.metric('agent.cost', { 'gen_ai.request.model': 'gpt-4o-mini' })).toBeCloseTo(
        cost(10_000, 4_000, 1_000),
        12,
      );
    });
  }

  it('records the tokens of a model without a price, and no cost', async () => {
    const kit = kitFor('lc-unpriced');
    const agent = makeAgent({ model: 'in-house-model-7' }).withConfig({
      callbacks: [createVitalsHandler(kit.vitals)],
    });
    await agent.invoke(input('hello'));
    expect(
      await kit.metric('gen_ai.client.token.usage', {
        'gen_ai.token.type': 'input',
        'gen_ai.request.model': 'in-house-model-7',
      }),
    ).toEqual({ count: 1, sum: 100 });
    expect(await kit.metric('agent.cost')).toBe(0);
    expect(await kit.metric('agent.runs', { 'agent.run.outcome': 'success' })).toBe(1);
  });
});

describe('LangChain createAgent failures', () => {
  it('ends a run whose model request fails as an error, with the failed reasoning call', async () => {
    const kit = kitFor('lc-failing');
    const agent = makeAgent().withConfig({ callbacks: [createVitalsHandler(kit.vitals)] });
    await expect(agent.invoke(input('fail now'))).rejects.toThrow();
    expect(await kit.metric('agent.runs', { 'agent.run.outcome': 'error' })).toBe(1);
    const chats = kit.spans().filter((s) => s.name.startsWith('chat'));
    expect(chats).toHaveLength(1);
    expect(chats[0]!.attributes['error.type']).toBeDefined();
    expect(
      await kit.metric('agent.reasoning.duration', {
        'error.type': chats[0]!.attributes['error.type'] as string,
      }),
    ).toMatchObject({ count: 1 });
  });

  it('records no tool call for tool input that fails the schema, as documented', async () => {
    const kit = kitFor('lc-bad-input');
    const agent = makeAgent().withConfig({ callbacks: [createVitalsHandler(kit.vitals)] });
    const before = lookups;
    const state = await agent.invoke(input('bad input'));
    expect(lookups).toBe(before);
    expect(String(state.messages.at(-1)?.content)).toMatch(/^answer: /);
    expect(await kit.metric('agent.tool.calls')).toBe(0);
    expect(await kit.metric('agent.runs', { 'agent.run.outcome': 'success' })).toBe(1);
    expect(await kit.metric('agent.reasoning.duration')).toMatchObject({ count: 2 });
  });
});

describe('LangChain agents inside agents', () => {
  it('records an agent called from a tool of another agent inside the outer run', async () => {
    const kit = kitFor('lc-outer');
    const inner = makeAgent();
    const askInner = tool(
      async (_input, config) => {
        const state = await inner.invoke(input('inner question'), config);
        return String(state.messages.at(-1)?.content);
      },
      { name: 'ask_inner', description: 'Asks the inner agent.', schema: z.object({ question: z.string() }) },
    );
    const model = new ChatOpenAI({
      model: 'gpt-4o-mini',
      apiKey: 'test-key',
      maxRetries: 0,
      configuration: { baseURL: server.baseURL },
    });
    const outer = createAgent({ model, tools: [askInner] }).withConfig({
      callbacks: [createVitalsHandler(kit.vitals)],
    });
    const state = await outer.invoke(input('delegate'));
    expect(String(state.messages.at(-1)?.content)).toContain('found inner');
    expect(await kit.metric('agent.runs', { 'agent.run.outcome': 'success' })).toBe(1);
    // Two model requests of each agent, the outer tool and the inner agent's tool.
    expect(await kit.metric('agent.reasoning.duration')).toMatchObject({ count: 4 });
    expect(await kit.metric('agent.tool.calls', { 'agent.tool.outcome': 'success' })).toBe(2);
    const spans = kit.spans();
    const runSpan = spans.find((span) => span.name === 'invoke_agent lc-outer')!;
    expect(spans.filter((span) => span.name.startsWith('invoke_agent'))).toHaveLength(1);
    expect(new Set(spans.map((span) => span.spanContext().traceId))).toEqual(
      new Set([runSpan.spanContext().traceId]),
    );
    const outerTool = spans.find((span) => span.name === 'execute_tool ask_inner')!;
    expect(outerTool.parentSpanContext?.spanId).toBe(runSpan.spanContext().spanId);
    const innerTool = spans.find((span) => span.name === 'execute_tool lookup')!;
    expect(innerTool.parentSpanContext?.spanId).toBe(outerTool.spanContext().spanId);
  });
});

describe('LangChain guards on one of two tool calls of one response', () => {
  it('denies the dangerous call and runs the other; the model hears of both', async () => {
    const guard = createGuard({
      rules: [],
      policy: {
        roles: { ops: { allow: ['*'], arguments: { shell: DANGEROUS_SHELL_RULES } } },
        defaultRole: 'ops',
      },
    });
    const kit = createTestKit({ agentName: 'lc-two-tools', guard });
    kits.push(kit);
    let shellRuns = 0;
    const shell = tool(
      async ({ command }) => {
        shellRuns++;
        return `ran ${command}`;
      },
      { name: 'shell', description: 'Runs a shell command.', schema: z.object({ command: z.string() }) },
    );
    const lookup = tool(async ({ query }) => `found ${query}`, {
      name: 'lookup',
      description: 'Looks something up.',
      schema: z.object({ query: z.string() }),
    });
    const model = new ChatOpenAI({
      model: 'gpt-4o-mini',
      apiKey: 'test-key',
      maxRetries: 0,
      configuration: { baseURL: server.baseURL },
    });
    const agent = createAgent({ model, tools: [shell, lookup] }).withConfig({
      callbacks: [createVitalsHandler(kit.vitals)],
    });
    const state = await agent.invoke(input('two tools please'));
    await guard.shutdown();
    expect(shellRuns).toBe(0);
    const answer = String(state.messages.at(-1)?.content);
    expect(answer).toContain('found kept');
    expect(answer).toContain('PolicyDeniedError');
    expect(
      await kit.metric('agent.tool.calls', { 'gen_ai.tool.name': 'shell', 'agent.tool.outcome': 'denied' }),
    ).toBe(1);
    expect(
      await kit.metric('agent.tool.calls', { 'gen_ai.tool.name': 'lookup', 'agent.tool.outcome': 'success' }),
    ).toBe(1);
    expect(await kit.metric('agent.runs', { 'agent.run.outcome': 'success' })).toBe(1);
  });
});
