// wrap() as docs/wrap.md describes it, around the real Anthropic client (@anthropic-ai/sdk 1)
// talking to a scripted Messages server on 127.0.0.1: usage with cache reads and writes added
// back to the input tokens, streams (`stream: true`, `messages.stream()` iterated, awaited
// through its final methods, chained with `on()` or read through its events alone), abandoned
// and failed calls (secrets redacted), `.withResponse()`, a dispatcher given `tool_use` blocks
// under a guard, and the main cases again with the SDK's own OpenTelemetry tracing on.

import { createGuard, RECOMMENDED_SHELL_COMMANDS } from '@agentvitals/alerts';
import { type Guard, type GuardRequest, isPolicyDeniedError, wrap } from '@agentvitals/core';
import { createTestKit, type TestKit } from '@agentvitals/testing';
import Anthropic from '@anthropic-ai/sdk';
import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type ScriptedAnthropicServer,
  startScriptedAnthropicServer,
} from './helpers/scripted-anthropic-server.js';

// Shaped like an Anthropic API key, so the built-in redaction must recognise it.
const LEAKED_KEY = `sk-ant-api03-${'x7Qm2'.repeat(8)}`;

let server: ScriptedAnthropicServer;
let client: Anthropic;

beforeAll(async () => {
  server = await startScriptedAnthropicServer((request) => {
    if (request.userText.includes('fail 500')) return { status: 500, inputTokens: 0, outputTokens: 0 };
    if (request.userText.includes('fail 400')) {
      return {
        status: 400,
        errorMessage: `invalid x-api-key ${LEAKED_KEY}`,
        inputTokens: 0,
        outputTokens: 0,
      };
    }
    if (request.toolResults.length === 0 && request.userText.includes('order')) {
      return {
        text: 'Let me look that up.',
        toolUses: [{ name: 'get_order', input: { orderId: 'A-1' } }],
        inputTokens: 300,
        outputTokens: 40,
      };
    }
    if (request.toolResults.length === 0 && request.userText.includes('clean')) {
      return {
        toolUses: [{ name: 'Shell', input: { command: 'rm -rf /' } }],
        inputTokens: 300,
        outputTokens: 40,
      };
    }
    return {
      ...(request.userText.includes('cumulative') ? { deltaUsage: 'cumulative' as const } : {}),
      inputTokens: 2_000,
      cacheReadInputTokens: 4_000,
      cacheCreationInputTokens: 1_000,
      outputTokens: 500,
      text:
        request.toolResults.length > 0
          ? `Order A-1: ${request.toolResults.join(' | ')}`
          : 'Hello there, how can I help?',
    };
  });
  client = new Anthropic({ baseURL: server.baseURL, apiKey: 'test', maxRetries: 0 });
});

afterAll(async () => {
  await server.close();
});

const kits: TestKit[] = [];
afterEach(async () => {
  for (const kit of kits.splice(0)) await kit.shutdown();
});

function testKit() {
  const kit = createTestKit({ agentName: 'claude-bot' });
  kits.push(kit);
  return kit;
}

const MODEL = 'claude-sonnet-4-6';
const RESPONSE_MODEL = 'claude-sonnet-4-6-20250929';
const hello: Anthropic.MessageParam[] = [{ role: 'user', content: 'hi' }];
// 2,000 uncached + 4,000 read from the cache + 1,000 written to it = 7,000 input tokens, of which
// 4,000 cached: claude-sonnet-4-6 is $3 input, $0.30 cached input, $15 output per million
// (docs/pricing.md; cache writes are billed as input).
const INPUT_TOKENS = 7_000;
const CACHED_TOKENS = 4_000;
const OUTPUT_TOKENS = 500;
const COST = ((INPUT_TOKENS - CACHED_TOKENS) * 3 + CACHED_TOKENS * 0.3 + OUTPUT_TOKENS * 15) / 1e6;

async function expectOneCachedCall(kit: TestKit, model = MODEL) {
  expect(await kit.metric('agent.reasoning.duration')).toMatchObject({ count: 1 });
  const series = { 'gen_ai.request.model': model, 'gen_ai.provider.name': 'anthropic' };
  expect(await kit.metric('gen_ai.client.token.usage', { ...series, 'gen_ai.token.type': 'input' })).toEqual({
    count: 1,
    sum: INPUT_TOKENS,
  });
  expect(await kit.metric('gen_ai.client.token.usage', { ...series, 'gen_ai.token.type': 'output' })).toEqual(
    {
      count: 1,
      sum: OUTPUT_TOKENS,
    },
  );
  expect(await kit.metric('agent.cost', series)).toBeCloseTo(COST, 12);
  const chats = kit.spans().filter((span) => span.name.startsWith('chat '));
  expect(chats).toHaveLength(1);
  expect(chats[0]!.name).toBe(`chat ${model}`);
  expect(chats[0]!.attributes).toMatchObject({
    'gen_ai.provider.name': 'anthropic',
    'gen_ai.response.model': RESPONSE_MODEL,
    'gen_ai.usage.input_tokens': INPUT_TOKENS,
    'gen_ai.usage.output_tokens': OUTPUT_TOKENS,
    'gen_ai.usage.cache_read.input_tokens': CACHED_TOKENS,
  });
}

async function expectNotEnded(kit: TestKit) {
  expect(await kit.metric('agent.reasoning.duration')).toMatchObject({ count: 0 });
}

/** The docs' pattern: the client's calls are the agent's reasoning methods. */
function claudeAgent(kit: TestKit, options: { model?: string } = {}) {
  return wrap(
    {
      complete: (messages = hello) => client.messages.create({ model: MODEL, max_tokens: 1024, messages }),
      completeStreamed: (messages = hello) =>
        client.messages.create({ model: MODEL, max_tokens: 1024, messages, stream: true }),
      streamMessage: (messages = hello) =>
        client.messages.stream({ model: MODEL, max_tokens: 1024, messages }),
    },
    {
      vitals: kit.vitals,
      reasoning: ['complete', 'completeStreamed', 'streamMessage'],
      runs: false,
      ...options,
    },
  );
}

const say = (text: string): Anthropic.MessageParam[] => [{ role: 'user', content: text }];

describe('wrap() around the Anthropic client: usage', () => {
  it('adds cache reads and writes back to the input tokens and prices the cached part at the cached rate', async () => {
    const kit = testKit();
    const message = await claudeAgent(kit, { model: MODEL }).complete();
    expect(message.content).toEqual([{ type: 'text', text: 'Hello there, how can I help?' }]);
    await expectOneCachedCall(kit);
  });

  it('names the model from the response when none is given, priced as its undated alias', async () => {
    const kit = testKit();
    await claudeAgent(kit).complete();
    await expectOneCachedCall(kit, RESPONSE_MODEL);
  });

  it("keeps the SDK's promise with .withResponse()", async () => {
    const kit = testKit();
    const { data, response, request_id } = await claudeAgent(kit, { model: MODEL }).complete().withResponse();
    expect(response.status).toBe(200);
    expect(request_id).toMatch(/^req_/);
    expect(data.stop_reason).toBe('end_turn');
    await expectOneCachedCall(kit);
  });
});

describe('wrap() around the Anthropic client: streams', () => {
  it('ends a `stream: true` call when it is read to the end, with the usage of message_start and message_delta', async () => {
    const kit = testKit();
    const stream = await claudeAgent(kit, { model: MODEL }).completeStreamed();
    const types: string[] = [];
    let text = '';
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') text += event.delta.text;
      await expectNotEnded(kit);
    }
    expect(text).toBe('Hello there, how can I help?');
    expect(types[0]).toBe('message_start');
    expect(types.at(-1)).toBe('message_stop');
    await expectOneCachedCall(kit);
  });

  it('reads a message_delta that repeats every count, cumulative, without counting any twice', async () => {
    const kit = testKit();
    const stream = await claudeAgent(kit, { model: MODEL }).completeStreamed(say('hi, cumulative'));
    for await (const _event of stream) await expectNotEnded(kit);
    await expectOneCachedCall(kit);
  });

  it('keeps .withResponse() on a `stream: true` call and observes the stream it resolves to', async () => {
    const kit = testKit();
    const { data: stream, response } = await claudeAgent(kit, { model: MODEL })
      .completeStreamed()
      .withResponse();
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    for await (const _event of stream) await expectNotEnded(kit);
    await expectOneCachedCall(kit);
  });

  it('ends a messages.stream() call when finalMessage() is awaited', async () => {
    const kit = testKit();
    const stream = claudeAgent(kit, { model: MODEL }).streamMessage();
    await expectNotEnded(kit);
    const message = await stream.finalMessage();
    expect(message.content).toEqual([{ type: 'text', text: 'Hello there, how can I help?' }]);
    expect(message.usage).toMatchObject({ input_tokens: 2_000, output_tokens: 500 });
    await expectOneCachedCall(kit);
  });

  it('ends a messages.stream() call when finalText() is awaited, with the usage the stream carried', async () => {
    const kit = testKit();
    const text = await claudeAgent(kit, { model: MODEL }).streamMessage().finalText();
    expect(text).toBe('Hello there, how can I help?');
    await expectOneCachedCall(kit);
  });

  it('ends a messages.stream() call when done() is awaited, with the usage the stream carried', async () => {
    const kit = testKit();
    const stream = claudeAgent(kit, { model: MODEL }).streamMessage();
    await stream.done();
    await expectOneCachedCall(kit);
  });

  it("ends a messages.stream() call whose listeners are chained with .on(), as the SDK's README does", async () => {
    const kit = testKit();
    let text = '';
    const stream = claudeAgent(kit, { model: MODEL })
      .streamMessage()
      .on('text', (delta) => {
        text += delta;
      });
    const message = await stream.finalMessage();
    expect(text).toBe('Hello there, how can I help?');
    expect(message.stop_reason).toBe('end_turn');
    await expectOneCachedCall(kit);
  });

  it('hands out the observed stream from messages.stream().withResponse()', async () => {
    const kit = testKit();
    const stream = claudeAgent(kit, { model: MODEL }).streamMessage();
    const { data, response, request_id } = await stream.withResponse();
    expect(response.status).toBe(200);
    expect(request_id).toMatch(/^req_/);
    expect(data).toBe(stream);
    await data.finalMessage();
    await expectOneCachedCall(kit);
  });

  it('ends a messages.stream() call that is iterated to the end', async () => {
    const kit = testKit();
    const stream = claudeAgent(kit, { model: MODEL }).streamMessage();
    const types: string[] = [];
    for await (const event of stream) {
      types.push(event.type);
      // The helper has read the whole response long before; the consumer has not.
      if (types.length === 3) await new Promise((resolve) => setTimeout(resolve, 20));
      await expectNotEnded(kit);
    }
    expect(types.at(-1)).toBe('message_stop');
    await expectOneCachedCall(kit);
  });

  it('ends a messages.stream() call read only through its events, when the helper emits end', async () => {
    const kit = testKit();
    let text = '';
    const stream = claudeAgent(kit, { model: MODEL })
      .streamMessage()
      .on('text', (delta) => {
        text += delta;
      });
    await new Promise((resolve) => stream.on('end', () => resolve(undefined)));
    expect(text).toBe('Hello there, how can I help?');
    await expectOneCachedCall(kit);
  });

  it('records a messages.stream() call read only through its events that fails', async () => {
    const kit = testKit();
    const errors: unknown[] = [];
    const stream = claudeAgent(kit, { model: MODEL })
      .streamMessage(say('fail 500'))
      .on('error', (error) => errors.push(error));
    await new Promise((resolve) => stream.on('end', () => resolve(undefined)));
    expect(errors).toHaveLength(1);
    await expectOneFailedCall(kit, 'InternalServerError');
  });

  it('ends a messages.stream() call aborted before its end as abandoned, not failed', async () => {
    const kit = testKit();
    const stream = claudeAgent(kit, { model: MODEL })
      .streamMessage()
      .on('abort', () => {});
    stream.abort();
    await new Promise((resolve) => stream.on('end', () => resolve(undefined)));
    await new Promise((resolve) => setImmediate(resolve));
    expect(await kit.metric('agent.reasoning.duration')).toMatchObject({ count: 1 });
    expect(await kit.metric('agent.reasoning.duration', { 'error.type': 'APIUserAbortError' })).toMatchObject(
      {
        count: 0,
      },
    );
  });

  it('ends a `stream: true` call the consumer abandons', async () => {
    const kit = testKit();
    const stream = await claudeAgent(kit, { model: MODEL }).completeStreamed();
    for await (const _event of stream) break;
    expect(stream.controller.signal.aborted).toBe(true);
    expect(await kit.metric('agent.reasoning.duration')).toMatchObject({ count: 1 });
    expect(kit.spans().map((span) => span.name)).toContain(`chat ${MODEL}`);
  });

  it('ends a messages.stream() call the consumer abandons', async () => {
    const kit = testKit();
    const stream = claudeAgent(kit, { model: MODEL }).streamMessage();
    for await (const event of stream) {
      expect(event.type).toBe('message_start');
      break;
    }
    expect(stream.controller.signal.aborted).toBe(true);
    expect(await kit.metric('agent.reasoning.duration')).toMatchObject({ count: 1 });
  });
});

async function expectOneFailedCall(kit: TestKit, errorType: string) {
  expect(await kit.metric('agent.reasoning.duration', { 'error.type': errorType })).toMatchObject({
    count: 1,
  });
  expect(await kit.metric('gen_ai.client.token.usage')).toMatchObject({ count: 0 });
  const [chat] = kit.spans().filter((span) => span.name.startsWith('chat '));
  expect(chat!.status.code).toBe(2); // ERROR
  expect(chat!.attributes['error.type']).toBe(errorType);
  return chat!;
}

describe('wrap() around the Anthropic client: failures', () => {
  it('records an HTTP 500 (no retries) as a failed call with the error the SDK threw', async () => {
    const kit = testKit();
    const before = server.requests.length;
    const error = await claudeAgent(kit, { model: MODEL })
      .complete(say('fail 500'))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.InternalServerError);
    await expectOneFailedCall(kit, 'InternalServerError');
    expect(server.requests.length - before).toBe(1); // maxRetries: 0
  });

  it('records an HTTP 400 without the secret its message carries', async () => {
    const kit = testKit();
    const error = await claudeAgent(kit, { model: MODEL })
      .complete(say('fail 400'))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
    expect((error as Error).message).toContain(LEAKED_KEY); // the SDK's own message carries it
    const chat = await expectOneFailedCall(kit, 'BadRequestError');
    const exception = chat.events.find((event) => event.name === 'exception');
    const recorded = [chat.status.message, exception?.attributes?.['exception.message']];
    for (const text of recorded) {
      expect(text).toContain('invalid x-api-key');
      expect(text).toContain('[REDACTED:anthropic_key]');
      expect(text).not.toContain(LEAKED_KEY);
    }
  });

  it('records a `stream: true` call refused with HTTP 400 as failed', async () => {
    const kit = testKit();
    const error = await claudeAgent(kit, { model: MODEL })
      .completeStreamed(say('fail 400'))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
    await expectOneFailedCall(kit, 'BadRequestError');
  });

  it('records a messages.stream() call refused with HTTP 500 as failed when finalMessage() rejects', async () => {
    const kit = testKit();
    const error = await claudeAgent(kit, { model: MODEL })
      .streamMessage(say('fail 500'))
      .finalMessage()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.InternalServerError);
    await expectOneFailedCall(kit, 'InternalServerError');
  });
});

type ToolUse = Anthropic.ToolUseBlock;

/** The docs' loop, in Anthropic's shape: `tool_use` blocks handed to a dispatcher. */
function anthropicLoop(kit: TestKit, guard?: Guard) {
  const tools: Anthropic.Tool[] = [
    { name: 'get_order', input_schema: { type: 'object', properties: { orderId: { type: 'string' } } } },
    { name: 'shell', input_schema: { type: 'object', properties: { command: { type: 'string' } } } },
  ];
  const calls: Array<{ name: string; input: unknown }> = [];
  const handlers: Record<string, (input: Record<string, string>) => Promise<unknown>> = {
    get_order: async ({ orderId }) => ({ orderId, status: 'shipped' }),
    shell: async ({ command }) => `ran ${command}`,
  };
  const bot = wrap(
    {
      handlers,
      complete: (messages: Anthropic.MessageParam[]) =>
        client.messages.create({ model: MODEL, max_tokens: 1024, messages, tools }),
      callTool(block: ToolUse) {
        calls.push({ name: block.name, input: block.input });
        const handler = this.handlers[block.name.toLowerCase()];
        if (!handler) throw new Error(`unknown tool ${block.name}`);
        return handler(block.input as Record<string, string>);
      },
      async run(question: string) {
        const messages: Anthropic.MessageParam[] = [{ role: 'user', content: question }];
        for (;;) {
          const message = await this.complete(messages);
          messages.push({ role: 'assistant', content: message.content });
          const uses = message.content.filter((block): block is ToolUse => block.type === 'tool_use');
          if (uses.length === 0)
            return message.content.map((block) => (block.type === 'text' ? block.text : '')).join('');
          const results: Anthropic.ToolResultBlockParam[] = [];
          for (const use of uses) {
            results.push({
              type: 'tool_result',
              tool_use_id: use.id,
              content: JSON.stringify(await this.callTool(use)),
            });
          }
          messages.push({ role: 'user', content: results });
        }
      },
    },
    { vitals: kit.vitals, name: 'order-bot', reasoning: ['complete'], ...(guard ? { guard } : {}) },
  );
  return { bot, calls };
}

describe('wrap() around an Anthropic tool loop with a dispatcher', () => {
  it('records a run, two reasoning calls and the tool each tool_use block names', async () => {
    const kit = testKit();
    const { bot, calls } = anthropicLoop(kit);
    expect(await bot.run('Where is order A-1?')).toContain('shipped');
    expect(calls).toEqual([{ name: 'get_order', input: { orderId: 'A-1' } }]);
    expect(await kit.metric('agent.runs', { 'agent.run.outcome': 'success' })).toBe(1);
    expect(await kit.metric('agent.reasoning.duration')).toMatchObject({ count: 2 });
    expect(
      await kit.metric('gen_ai.client.token.usage', {
        'gen_ai.token.type': 'input',
        'gen_ai.provider.name': 'anthropic',
      }),
    ).toEqual({ count: 2, sum: 300 + INPUT_TOKENS });
    expect(
      await kit.metric('agent.tool.calls', {
        'gen_ai.tool.name': 'get_order',
        'agent.tool.outcome': 'success',
      }),
    ).toBe(1);
    const spans = kit.spans();
    const run = spans.find((span) => span.name === 'invoke_agent order-bot')!;
    expect(run).toBeDefined();
    // No `model` option: the reasoning spans are named by the model the responses name.
    expect(spans.map((span) => span.name).filter((name) => name !== run.name)).toEqual([
      `chat ${RESPONSE_MODEL}`,
      'execute_tool get_order',
      `chat ${RESPONSE_MODEL}`,
    ]);
    for (const span of spans.filter((s) => s !== run)) {
      expect(span.parentSpanContext?.spanId).toBe(run.spanContext().spanId);
    }
  });

  it("lets a shell policy deny a tool_use block running `rm -rf /`: the guard sees the tool's canonical name and input", async () => {
    const kit = testKit();
    const policyGuard = createGuard({
      policy: {
        defaultRole: 'coder',
        roles: { coder: { allow: ['*'], shell: { tools: ['shell'], commands: RECOMMENDED_SHELL_COMMANDS } } },
      },
    });
    const seen: GuardRequest[] = [];
    const guard: Guard = {
      check(request) {
        if (request.kind === 'tool') seen.push(request);
        return policyGuard.check(request);
      },
      attach: (host) => policyGuard.attach(host),
    };
    const { bot, calls } = anthropicLoop(kit, guard);
    const error = await bot.run('Please clean up the disk').catch((caught: unknown) => caught);
    expect(isPolicyDeniedError(error)).toBe(true);
    expect(calls).toEqual([]);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ kind: 'tool', toolName: 'shell', input: { command: 'rm -rf /' } });
    expect(
      await kit.metric('agent.tool.calls', { 'gen_ai.tool.name': 'Shell', 'agent.tool.outcome': 'denied' }),
    ).toBe(1);
    expect(await kit.metric('agent.runs', { 'agent.run.outcome': 'error' })).toBe(1);
  });

  it('lets the same policy allow a tool_use block it can verify', async () => {
    const kit = testKit();
    const guard = createGuard({
      policy: {
        defaultRole: 'coder',
        roles: { coder: { allow: ['*'], shell: { tools: ['shell'], commands: RECOMMENDED_SHELL_COMMANDS } } },
      },
    });
    const { bot } = anthropicLoop(kit, guard);
    const block: ToolUse = {
      type: 'tool_use',
      id: 'toolu_1',
      name: 'shell',
      input: { command: 'ls -la' },
      caller: { type: 'direct' },
    } as ToolUse;
    expect(await bot.callTool(block)).toBe('ran ls -la');
    expect(
      await kit.metric('agent.tool.calls', { 'gen_ai.tool.name': 'shell', 'agent.tool.outcome': 'success' }),
    ).toBe(1);
  });
});

// As in an application that registers global OpenTelemetry providers (`@agentvitals/node`
// does): the SDK then traces its own API calls and observes the streams it returns itself.
describe("wrap() around the Anthropic client with the SDK's own tracing on", () => {
  const sdkSpans = new InMemorySpanExporter();
  beforeAll(() => {
    trace.setGlobalTracerProvider(
      new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter: sdkSpans })] }),
    );
  });
  afterAll(() => {
    trace.disable();
  });
  afterEach(() => {
    sdkSpans.reset();
  });

  /** The SDK's span of the one API call, a child of the call's `chat` span. */
  function expectSdkSpanUnderChat(kit: TestKit) {
    const [chat] = kit.spans().filter((span) => span.name.startsWith('chat '));
    const finished = sdkSpans.getFinishedSpans();
    expect(finished).toHaveLength(1);
    expect(finished[0]!.parentSpanContext?.spanId).toBe(chat!.spanContext().spanId);
  }

  it('records a non-streamed call once, with the SDK span inside its chat span', async () => {
    const kit = testKit();
    await claudeAgent(kit, { model: MODEL }).complete();
    await expectOneCachedCall(kit);
    expectSdkSpanUnderChat(kit);
  });

  it('ends a `stream: true` call read to the end', async () => {
    const kit = testKit();
    const stream = await claudeAgent(kit, { model: MODEL }).completeStreamed();
    for await (const _event of stream) await expectNotEnded(kit);
    await expectOneCachedCall(kit);
    expectSdkSpanUnderChat(kit);
  });

  it('ends a `stream: true` call the consumer abandons', async () => {
    const kit = testKit();
    const stream = await claudeAgent(kit, { model: MODEL }).completeStreamed();
    for await (const _event of stream) break;
    expect(await kit.metric('agent.reasoning.duration')).toMatchObject({ count: 1 });
  });

  it('ends a messages.stream() call when finalText() is awaited', async () => {
    const kit = testKit();
    expect(await claudeAgent(kit, { model: MODEL }).streamMessage().finalText()).toBe(
      'Hello there, how can I help?',
    );
    await expectOneCachedCall(kit);
    expectSdkSpanUnderChat(kit);
  });
});
