// wrap() as docs/wrap.md describes it, around the real OpenAI client (openai 7) talking to a
// scripted server on 127.0.0.1: usage with cached tokens, streams (Chat Completions with
// include_usage, Responses), abandoned streams, `.withResponse()`, the stream helpers'
// final* methods, and the OpenAI-style loop of the docs with its dispatcher.
import { wrap } from '@agentvitals/core';
import { createTestKit, type TestKit } from '@agentvitals/testing';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ScriptedOpenAIServer, startScriptedOpenAIServer } from './helpers/scripted-openai-server.js';

let server: ScriptedOpenAIServer;
let client: OpenAI;

beforeAll(async () => {
  server = await startScriptedOpenAIServer((request) => {
    const wantsTool = request.userText.includes('order') && request.toolResults.length === 0;
    if (wantsTool) {
      return {
        inputTokens: 100,
        outputTokens: 10,
        toolCalls: [{ name: 'get_order', arguments: { orderId: 'A-1' } }],
      };
    }
    return {
      inputTokens: 10_000,
      cachedInputTokens: 4_000,
      outputTokens: 1_000,
      text:
        request.toolResults.length > 0
          ? `Order A-1: ${request.toolResults.join(' | ')}`
          : 'Hello there, how can I help?',
    };
  });
  client = new OpenAI({ baseURL: server.baseURL, apiKey: 'test-key', maxRetries: 0 });
});

afterAll(async () => {
  await server.close();
});

const kits: TestKit[] = [];
afterEach(async () => {
  for (const kit of kits.splice(0)) await kit.shutdown();
});

function testKit() {
  const kit = createTestKit({ agentName: 'openai-client-bot' });
  kits.push(kit);
  return kit;
}

const messages = [{ role: 'user' as const, content: 'hi' }];
const CACHED_COST = (6_000 * 0.15 + 4_000 * 0.075 + 1_000 * 0.6) / 1e6;

async function expectOneCachedCall(kit: TestKit, model = 'gpt-4o-mini') {
  expect(await kit.metric('agent.reasoning.duration')).toMatchObject({ count: 1 });
  expect(await kit.metric('gen_ai.client.token.usage', { 'gen_ai.token.type': 'input' })).toEqual({
    count: 1,
    sum: 10_000,
  });
  expect(await kit.metric('gen_ai.client.token.usage', { 'gen_ai.token.type': 'output' })).toEqual({
    count: 1,
    sum: 1_000,
  });
  expect(await kit.metric('agent.cost', { 'gen_ai.request.model': model })).toBeCloseTo(CACHED_COST, 12);
}

/** An agent whose `think()` returns the SDK's `chat.completions.stream()` helper, with usage. */
function streamHelperAgent(kit: TestKit, options: { readonly model?: string } = {}) {
  return wrap(
    {
      think: () =>
        client.chat.completions.stream({
          model: 'gpt-4o-mini',
          messages,
          stream_options: { include_usage: true },
        }),
    },
    { vitals: kit.vitals, runs: false, ...options },
  );
}

function chatAgent(kit: TestKit) {
  return wrap(
    {
      complete: () => client.chat.completions.create({ model: 'gpt-4o-mini', messages }),
      completeStreamed: () =>
        client.chat.completions.create({
          model: 'gpt-4o-mini',
          messages,
          stream: true,
          stream_options: { include_usage: true },
        }),
      respond: () => client.responses.create({ model: 'gpt-4o-mini', input: 'hi' }),
      respondStreamed: () => client.responses.create({ model: 'gpt-4o-mini', input: 'hi', stream: true }),
    },
    {
      vitals: kit.vitals,
      reasoning: ['complete', 'completeStreamed', 'respond', 'respondStreamed'],
      runs: false,
      model: 'gpt-4o-mini',
    },
  );
}

describe('wrap() around the OpenAI client: usage', () => {
  it('reads Chat Completions usage with cached tokens and prices them at the cached rate', async () => {
    const kit = testKit();
    const completion = await chatAgent(kit).complete();
    expect(completion.choices[0]!.message.content).toBe('Hello there, how can I help?');
    await expectOneCachedCall(kit);
    const [chat] = kit.spans();
    expect(chat!.name).toBe('chat gpt-4o-mini');
    expect(chat!.attributes['gen_ai.response.model']).toBe('gpt-4o-mini-2024-07-18');
  });

  it('reads Responses API usage with cached tokens', async () => {
    const kit = testKit();
    const response = await chatAgent(kit).respond();
    expect(response.output_text).toBe('Hello there, how can I help?');
    await expectOneCachedCall(kit);
  });

  it("keeps the SDK's promise with .withResponse()", async () => {
    const kit = testKit();
    const { data, response } = await chatAgent(kit).complete().withResponse();
    expect(response.status).toBe(200);
    expect(data.choices[0]!.message.content).toBe('Hello there, how can I help?');
    await expectOneCachedCall(kit);
  });
});

describe('wrap() around the OpenAI client: streams', () => {
  it('ends a Chat Completions stream when it is consumed, with the usage of its final chunk', async () => {
    const kit = testKit();
    const stream = await chatAgent(kit).completeStreamed();
    let text = '';
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta?.content ?? '';
      expect(await kit.metric('agent.reasoning.duration')).toMatchObject({ count: 0 });
    }
    expect(text).toBe('Hello there, how can I help?');
    await expectOneCachedCall(kit);
  });

  it('ends a Responses stream when it is consumed, with the usage of response.completed', async () => {
    const kit = testKit();
    const stream = await chatAgent(kit).respondStreamed();
    const types: string[] = [];
    for await (const event of stream) types.push(event.type);
    expect(types.at(-1)).toBe('response.completed');
    await expectOneCachedCall(kit);
  });

  it('ends a stream the consumer abandons', async () => {
    const kit = testKit();
    const stream = await chatAgent(kit).completeStreamed();
    for await (const _chunk of stream) break;
    expect(await kit.metric('agent.reasoning.duration')).toMatchObject({ count: 1 });
    expect(kit.spans().map((span) => span.name)).toEqual(['chat gpt-4o-mini']);
  });

  it('ends a chat.completions.stream() helper call when finalChatCompletion() is awaited', async () => {
    const kit = testKit();
    const agent = streamHelperAgent(kit);
    const completion = await agent.think().finalChatCompletion();
    expect(completion.choices[0]!.message.content).toBe('Hello there, how can I help?');
    // No `model` option: the model is the one the result names, priced as its undated alias.
    await expectOneCachedCall(kit, 'gpt-4o-mini-2024-07-18');
  });

  it('ends a chat.completions.stream() helper call when finalContent() is awaited, with the usage of its final completion', async () => {
    const kit = testKit();
    const agent = streamHelperAgent(kit, { model: 'gpt-4o-mini' });
    expect(await agent.think().finalContent()).toBe('Hello there, how can I help?');
    await expectOneCachedCall(kit);
  });

  it('ends a chat.completions.stream() helper call when finalMessage() is awaited, with the usage of its final completion (the message has none)', async () => {
    const kit = testKit();
    const agent = streamHelperAgent(kit, { model: 'gpt-4o-mini' });
    const message = await agent.think().finalMessage();
    expect(message).not.toHaveProperty('usage');
    expect(message.content).toBe('Hello there, how can I help?');
    await expectOneCachedCall(kit);
  });
});

describe('wrap() around the OpenAI-style loop of the docs', () => {
  it('records a run, two reasoning calls and the get_order call its dispatcher makes', async () => {
    const kit = testKit();
    type ToolCall = { id: string; function: { name: string; arguments: string } };
    type Message = OpenAI.Chat.ChatCompletionMessageParam;
    const tools: OpenAI.Chat.ChatCompletionTool[] = [
      {
        type: 'function',
        function: {
          name: 'get_order',
          parameters: { type: 'object', properties: { orderId: { type: 'string' } } },
        },
      },
    ];
    const handlers: Record<string, (args: { orderId: string }) => Promise<unknown>> = {
      get_order: async ({ orderId }) => ({ orderId, status: 'shipped' }),
    };
    const bot = wrap(
      {
        handlers,
        complete: (history: Message[]) =>
          client.chat.completions.create({ model: 'gpt-4o', messages: history, tools }),
        callTool(call: ToolCall) {
          const handler = this.handlers[call.function.name];
          if (!handler) throw new Error(`unknown tool ${call.function.name}`);
          return handler(JSON.parse(call.function.arguments));
        },
        async run(question: string) {
          const history: Message[] = [{ role: 'user', content: question }];
          for (;;) {
            const { choices } = await this.complete(history);
            const message = choices[0]!.message;
            history.push(message);
            if (!message.tool_calls) return message.content;
            for (const call of message.tool_calls as ToolCall[]) {
              history.push({
                role: 'tool',
                tool_call_id: call.id,
                content: JSON.stringify(await this.callTool(call)),
              });
            }
          }
        },
      },
      { vitals: kit.vitals, name: 'order-bot', reasoning: ['complete'] },
    );
    expect(await bot.run('Where is order A-1?')).toContain('shipped');
    expect(await kit.metric('agent.runs', { 'agent.run.outcome': 'success' })).toBe(1);
    expect(await kit.metric('agent.reasoning.duration')).toMatchObject({ count: 2 });
    expect(await kit.metric('agent.cost')).toBeGreaterThan(0);
    expect(
      await kit.metric('agent.tool.calls', {
        'gen_ai.tool.name': 'get_order',
        'agent.tool.outcome': 'success',
      }),
    ).toBe(1);
    const spans = kit.spans();
    const run = spans.find((span) => span.name === 'invoke_agent order-bot')!;
    expect(run).toBeDefined();
    for (const span of spans.filter((s) => s !== run)) {
      expect(span.parentSpanContext?.spanId).toBe(run.spanContext().spanId);
    }
  });
});
