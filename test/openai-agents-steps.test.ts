// The OpenAI Agents JS integration as docs/integrations.md describes it, on inputs the main
// test leaves out: cached input tokens, models without a price, a chain of handoffs, tool
// errors in streamed runs, a failing model request.
import { createGuard, DANGEROUS_SHELL_RULES } from '@agentvitals/alerts';
import { isPolicyDeniedError } from '@agentvitals/core';
import { instrumentAgent, instrumentModel } from '@agentvitals/openai-agents';
import { createTestKit, type TestKit } from '@agentvitals/testing';
import {
  Agent,
  OpenAIResponsesModel,
  run,
  setDefaultOpenAIClient,
  setOpenAIAPI,
  setTraceProcessors,
  setTracingDisabled,
  ToolCallError,
  tool,
} from '@openai/agents';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type ScriptedOpenAIServer, startScriptedOpenAIServer } from './helpers/scripted-openai-server.js';

let server: ScriptedOpenAIServer;

beforeAll(async () => {
  server = await startScriptedOpenAIServer((request) => {
    const toolNames = (
      (request.body.tools as Array<{ name?: string; function?: { name?: string } }>) ?? []
    ).map((t) => t.name ?? t.function?.name);
    if (request.userText.includes('fail')) return { inputTokens: 1, outputTokens: 1, status: 500 };
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
    if (request.userText.includes('strict') && request.toolResults.length === 0) {
      return {
        inputTokens: 100,
        outputTokens: 10,
        toolCalls: [{ name: 'shell', arguments: { command: 'rm -rf /' } }],
      };
    }
    if (request.userText.includes('cached')) {
      return { inputTokens: 10_000, cachedInputTokens: 4_000, outputTokens: 1_000, text: 'cached answer' };
    }
    const handoff = toolNames.find((name) => name?.startsWith('transfer_to_'));
    if (handoff) return { inputTokens: 100, outputTokens: 10, toolCalls: [{ name: handoff, arguments: {} }] };
    if (toolNames.includes('lookup')) {
      if (request.toolResults.some((result) => result.includes('found') || result.includes('timed out'))) {
        return { inputTokens: 100, outputTokens: 10, text: `answer: ${request.toolResults.join(' | ')}` };
      }
      return {
        inputTokens: 100,
        outputTokens: 10,
        toolCalls: [
          { name: 'lookup', arguments: { query: 'a' } },
          { name: 'lookup', arguments: { query: 'b' } },
          { name: 'explode', arguments: { query: 'c' } },
        ],
      };
    }
    return {
      inputTokens: 100,
      outputTokens: 10,
      text:
        request.toolResults.length > 0 ? `plain answer: ${request.toolResults.join(' | ')}` : 'plain answer',
    };
  });
  setTraceProcessors([]);
  setTracingDisabled(false);
  setDefaultOpenAIClient(new OpenAI({ baseURL: server.baseURL, apiKey: 'test-key', maxRetries: 0 }));
});

afterAll(async () => {
  await server.close();
});

const kits: TestKit[] = [];
function kitFor(agentName: string, guard?: ReturnType<typeof createGuard>) {
  const kit = createTestKit({ agentName, ...(guard ? { guard } : {}) });
  kits.push(kit);
  return kit;
}

afterEach(async () => {
  setOpenAIAPI('responses');
  for (const kit of kits.splice(0)) await kit.shutdown();
});

function toolsOf() {
  return [
    tool({
      name: 'lookup',
      description: 'Looks something up.',
      parameters: z.object({ query: z.string() }),
      execute: async ({ query }) => `found ${query}`,
    }),
    tool({
      name: 'explode',
      description: 'Always fails.',
      parameters: z.object({ query: z.string() }),
      execute: async (): Promise<string> => {
        throw new Error('kaboom');
      },
    }),
  ];
}

const cost = (input: number, cached: number, output: number) =>
  ((input - cached) * 0.15 + cached * 0.075 + output * 0.6) / 1e6;

describe('OpenAI Agents JS usage', () => {
  for (const api of ['responses', 'chat_completions'] as const) {
    it(`prices cached input tokens at the cached rate, streamed and not (${api})`, async () => {
      setOpenAIAPI(api);
      const kit = kitFor(`oa-cached-${api}`);
      const agent = instrumentAgent(
        new Agent({ name: `oa-cached-${api}`, model: 'gpt-4o-mini' }),
        kit.vitals,
      );
      expect((await run(agent, 'cached please')).finalOutput).toBe('cached answer');
      const stream = await run(agent, 'cached please', { stream: true });
      for await (const _event of stream);
      await stream.completed;
      expect(await kit.metric('gen_ai.client.token.usage', { 'gen_ai.token.type': 'input' })).toEqual({
        count: 2,
        sum: 20_000,
      });
      expect(await kit.metric('agent.cost', { 'gen_ai.request.model': 'gpt-4o-mini' })).toBeCloseTo(
        2 * cost(10_000, 4_000, 1_000),
        12,
      );
    });
  }

  it('records the tokens of a model without a price, and no cost', async () => {
    const kit = kitFor('oa-unpriced');
    const agent = instrumentAgent(new Agent({ name: 'oa-unpriced', model: 'in-house-model-7' }), kit.vitals);
    expect((await run(agent, 'hello')).finalOutput).toBe('plain answer');
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

describe('OpenAI Agents JS handoffs and tools', () => {
  it('records a chain of two handoffs as one run, with the last agent’s tool calls', async () => {
    const kit = kitFor('oa-desk');
    const specialist = new Agent({ name: 'oa-specialist-2', model: 'gpt-4o-mini', tools: toolsOf() });
    const triage = new Agent({ name: 'oa-triage', model: 'gpt-4o-mini', handoffs: [specialist] });
    const desk = instrumentAgent(
      new Agent({ name: 'oa-desk', model: 'gpt-4o-mini', handoffs: [triage] }),
      kit.vitals,
    );
    const result = await run(desk, 'question');
    expect(result.lastAgent?.name).toBe('oa-specialist-2');
    expect(String(result.finalOutput)).toContain('found a');
    expect(await kit.metric('agent.runs', { 'agent.run.outcome': 'success' })).toBe(1);
    // desk → triage → specialist (tool calls) → specialist (answer)
    expect(await kit.metric('agent.reasoning.duration')).toMatchObject({ count: 4 });
    expect(
      await kit.metric('agent.tool.calls', { 'gen_ai.tool.name': 'lookup', 'agent.tool.outcome': 'success' }),
    ).toBe(2);
    expect(
      await kit.metric('agent.tool.calls', { 'gen_ai.tool.name': 'explode', 'agent.tool.outcome': 'error' }),
    ).toBe(1);
    const spans = kit.spans();
    const runSpan = spans.find((s) => s.name === 'invoke_agent oa-desk')!;
    expect(spans.filter((s) => s.name.startsWith('invoke_agent'))).toHaveLength(1);
    for (const child of spans.filter((s) => s !== runSpan)) {
      expect(child.parentSpanContext?.spanId).toBe(runSpan.spanContext().spanId);
    }
  });

  it('records each of several tool calls of one streamed response with its outcome', async () => {
    const kit = kitFor('oa-stream-tools');
    const agent = instrumentAgent(
      new Agent({ name: 'oa-stream-tools', model: 'gpt-4o-mini', tools: toolsOf() }),
      kit.vitals,
    );
    const stream = await run(agent, 'question', { stream: true });
    for await (const _event of stream);
    await stream.completed;
    expect(String(stream.finalOutput)).toContain('found b');
    expect(await kit.metric('agent.runs', { 'agent.run.outcome': 'success' })).toBe(1);
    expect(await kit.metric('agent.tool.calls', { 'agent.tool.outcome': 'success' })).toBe(2);
    expect(await kit.metric('agent.tool.calls', { 'agent.tool.outcome': 'error' })).toBe(1);
    expect(await kit.metric('agent.actions')).toBe(3);
  });

  it('ends a run whose model request fails as an error, with the failed reasoning call', async () => {
    const kit = kitFor('oa-failing');
    const agent = instrumentAgent(new Agent({ name: 'oa-failing', model: 'gpt-4o-mini' }), kit.vitals);
    await expect(run(agent, 'fail now')).rejects.toThrow();
    expect(await kit.metric('agent.runs', { 'agent.run.outcome': 'error' })).toBe(1);
    const chats = kit.spans().filter((s) => s.name.startsWith('chat'));
    expect(chats).toHaveLength(1);
    expect(chats[0]!.attributes['error.type']).toBeDefined();
  });
});

describe('OpenAI Agents JS guards on a tool without an error function', () => {
  const strictGuard = () =>
    createGuard({
      rules: [],
      policy: {
        roles: { ops: { allow: ['*'], arguments: { shell: DANGEROUS_SHELL_RULES } } },
        defaultRole: 'ops',
      },
    });

  it('fails the run with the guard’s error for a tool with an output schema, and the tool never runs', async () => {
    const guard = strictGuard();
    const kit = kitFor('oa-strict', guard);
    let ran = 0;
    const shell = tool({
      name: 'shell',
      description: 'Runs a shell command.',
      parameters: z.object({ command: z.string() }),
      outputSchema: z.object({ output: z.string() }),
      execute: async ({ command }) => {
        ran++;
        return { output: `ran ${command}` };
      },
    });
    const agent = instrumentAgent(
      new Agent({ name: 'oa-strict', model: 'gpt-4o-mini', tools: [shell] }),
      kit.vitals,
    );
    const error = await run(agent, 'strict cleanup').then(
      () => undefined,
      (caught: unknown) => caught,
    );
    await guard.shutdown();
    expect(ran).toBe(0);
    // The SDK fails the run as for the tool's own error: a ToolCallError carrying it.
    expect(error).toBeInstanceOf(ToolCallError);
    expect(isPolicyDeniedError((error as ToolCallError).error)).toBe(true);
    expect(
      await kit.metric('agent.tool.calls', { 'gen_ai.tool.name': 'shell', 'agent.tool.outcome': 'denied' }),
    ).toBe(1);
    expect(await kit.metric('agent.runs', { 'agent.run.outcome': 'error' })).toBe(1);
  });

  it('tells the model a tool given errorFunction: null was not run (the SDK keeps that setting private)', async () => {
    const guard = strictGuard();
    const kit = kitFor('oa-strict-null', guard);
    let ran = 0;
    const shell = tool({
      name: 'shell',
      description: 'Runs a shell command.',
      parameters: z.object({ command: z.string() }),
      errorFunction: null,
      execute: async ({ command }) => {
        ran++;
        return `ran ${command}`;
      },
    });
    const agent = instrumentAgent(
      new Agent({ name: 'oa-strict-null', model: 'gpt-4o-mini', tools: [shell] }),
      kit.vitals,
    );
    const result = await run(agent, 'strict cleanup');
    await guard.shutdown();
    expect(ran).toBe(0);
    expect(String(result.finalOutput)).toContain("Tool 'shell' was not run");
    expect(
      await kit.metric('agent.tool.calls', { 'gen_ai.tool.name': 'shell', 'agent.tool.outcome': 'denied' }),
    ).toBe(1);
  });
});

describe('OpenAI Agents JS: the run is recorded when the awaited call returns', () => {
  it('after await run(), and after await stream.completed', async () => {
    const kit = kitFor('oa-awaited');
    const agent = instrumentAgent(
      new Agent({ name: 'oa-awaited', model: 'gpt-4o-mini', tools: toolsOf() }),
      kit.vitals,
    );
    const runSpans = () => kit.spans().filter((span) => span.name === 'invoke_agent oa-awaited');
    await run(agent, 'question');
    // Read synchronously: nothing else had a chance to run since the call returned.
    expect(runSpans()).toHaveLength(1);
    const stream = await run(agent, 'question', { stream: true });
    for await (const _event of stream);
    await stream.completed;
    expect(runSpans()).toHaveLength(2);
  });
});

describe('OpenAI Agents JS: an agent whose model is a Model object', () => {
  it('records the requests of a Model named with instrumentModel(), and of one left unnamed', async () => {
    const kit = kitFor('oa-model-object');
    const openai = new OpenAI({ baseURL: server.baseURL, apiKey: 'test-key', maxRetries: 0 });
    const named = instrumentAgent(
      new Agent({
        name: 'oa-model-object',
        model: instrumentModel(new OpenAIResponsesModel(openai, 'gpt-4o-mini'), { model: 'gpt-4o-mini' }),
      }),
      kit.vitals,
    );
    expect((await run(named, 'cached please')).finalOutput).toBe('cached answer');
    const chats = () => kit.spans().filter((span) => span.name.startsWith('chat'));
    expect(chats().map((span) => span.name)).toEqual(['chat gpt-4o-mini']);
    expect(await kit.metric('agent.cost', { 'gen_ai.request.model': 'gpt-4o-mini' })).toBeCloseTo(
      cost(10_000, 4_000, 1_000),
      12,
    );
    const unnamed = instrumentAgent(
      new Agent({ name: 'oa-model-object-2', model: new OpenAIResponsesModel(openai, 'gpt-4o-mini') }),
      kit.vitals,
    );
    await run(unnamed, 'hello');
    expect(chats()).toHaveLength(2);
    expect(await kit.metric('agent.runs', { 'agent.run.outcome': 'success' })).toBe(2);
    expect(await kit.metric('gen_ai.client.token.usage', { 'gen_ai.token.type': 'input' })).toMatchObject({
      count: 2,
    });
  });
});

describe('OpenAI Agents JS tool timeouts', () => {
  it('records a tool call the SDK timed out (timeoutMs) as timeout, whether the tool stops or not', async () => {
    const kit = kitFor('oa-timeouts');
    let finishedLate = 0;
    const stops = tool({
      name: 'lookup',
      description: 'Stops when the SDK gives up.',
      parameters: z.object({ query: z.string() }),
      timeoutMs: 20,
      execute: (_input, _context, details) =>
        new Promise<string>((_resolve, reject) => {
          details?.signal?.addEventListener('abort', () => reject(details.signal!.reason));
        }),
    });
    const ignores = tool({
      name: 'explode',
      description: 'Finishes on its own time.',
      parameters: z.object({ query: z.string() }),
      timeoutMs: 20,
      execute: async () => {
        await new Promise((resolve) => setTimeout(resolve, 80));
        finishedLate++;
        return 'late';
      },
    });
    const agent = instrumentAgent(
      new Agent({ name: 'oa-timeouts', model: 'gpt-4o-mini', tools: [stops, ignores] }),
      kit.vitals,
    );
    const result = await run(agent, 'question');
    // The SDK answers the model for each timed-out call, and the run goes on.
    expect(String(result.finalOutput)).toContain('timed out after 20ms');
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(finishedLate).toBe(1);
    expect(
      await kit.metric('agent.tool.calls', { 'gen_ai.tool.name': 'lookup', 'agent.tool.outcome': 'timeout' }),
    ).toBe(2);
    expect(
      await kit.metric('agent.tool.calls', {
        'gen_ai.tool.name': 'explode',
        'agent.tool.outcome': 'timeout',
      }),
    ).toBe(1);
    expect(await kit.metric('agent.runs', { 'agent.run.outcome': 'success' })).toBe(1);
  });
});

describe('OpenAI Agents JS guards on one of two tool calls of one response', () => {
  it('denies the dangerous call and runs the other; the model hears of both', async () => {
    const guard = createGuard({
      rules: [],
      policy: {
        roles: { ops: { allow: ['*'], arguments: { shell: DANGEROUS_SHELL_RULES } } },
        defaultRole: 'ops',
      },
    });
    const kit = kitFor('oa-two-tools', guard);
    let shellRuns = 0;
    const shell = tool({
      name: 'shell',
      description: 'Runs a shell command.',
      parameters: z.object({ command: z.string() }),
      execute: async ({ command }) => {
        shellRuns++;
        return `ran ${command}`;
      },
    });
    const agent = instrumentAgent(
      new Agent({ name: 'oa-two-tools', model: 'gpt-4o-mini', tools: [shell, ...toolsOf()] }),
      kit.vitals,
    );
    const result = await run(agent, 'two tools please');
    await guard.shutdown();
    expect(shellRuns).toBe(0);
    expect(String(result.finalOutput)).toContain("Tool 'shell' was not run");
    expect(String(result.finalOutput)).toContain('found kept');
    expect(
      await kit.metric('agent.tool.calls', { 'gen_ai.tool.name': 'shell', 'agent.tool.outcome': 'denied' }),
    ).toBe(1);
    expect(
      await kit.metric('agent.tool.calls', { 'gen_ai.tool.name': 'lookup', 'agent.tool.outcome': 'success' }),
    ).toBe(1);
    expect(await kit.metric('agent.runs', { 'agent.run.outcome': 'success' })).toBe(1);
  });
});
