import { createTestKit, type TestKit } from '@agentvitals/testing';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PolicyDeniedError } from '../errors/policy-denied-error.js';
import type { VitalsEvent } from '../events/vitals-event.js';
import {
  anthropicMessage,
  geminiResponse,
  openAiChatCompletion,
  openAiResponse,
  vercelGenerateTextResult,
} from '../usage/fixtures/responses.js';
import { anthropicEvents, openAiChatChunks } from '../usage/fixtures/stream-chunks.js';
import type { Vitals } from '../vitals/types.js';
import * as direct from './direct-reasoning-call.js';

vi.mock('./direct-reasoning-call.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('./direct-reasoning-call.js')>();
  return { ...original, callReasoningDirectly: vi.fn(original.callReasoningDirectly) };
});
const directCalls = () => vi.mocked(direct.callReasoningDirectly).mock.calls.length;

/** What a span records, without its ids and times. */
const spanRecord = (span: ReadableSpan) => ({
  name: span.name,
  kind: span.kind,
  attributes: span.attributes,
  status: span.status,
  events: span.events.map((event) => ({ name: event.name, attributes: event.attributes })),
  parent: span.parentSpanContext === undefined ? undefined : 'child',
});

/** Every series recorded, durations reduced to their counts (their values are times). */
async function metricRecord(kit: TestKit) {
  const series = await kit.series();
  return series
    .map(({ name, attributes, value }) => ({
      name,
      attributes,
      value:
        value.type === 'histogram' && name.endsWith('duration')
          ? { count: value.count }
          : value.type === 'histogram'
            ? { count: value.count, sum: value.sum }
            : { value: value.value },
    }))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

async function* chunks(list: readonly unknown[]) {
  for (const chunk of list) yield chunk;
}

async function drain(stream: AsyncIterable<unknown>): Promise<unknown[]> {
  const seen: unknown[] = [];
  for await (const chunk of stream) seen.push(chunk);
  return seen;
}

/** What the caller got: a value, a promise's value, or the error thrown or rejected with. */
async function outcome(act: () => unknown): Promise<unknown> {
  try {
    const result = await act();
    return { value: result };
  } catch (error) {
    return { error };
  }
}

describe('a model call nobody decides on or listens to (the direct path)', () => {
  let quiet: TestKit;
  let heard: TestKit;
  let events: VitalsEvent[];
  beforeEach(() => {
    quiet = createTestKit({ agentName: 'support-bot' });
    heard = createTestKit({ agentName: 'support-bot' });
    events = [];
    // A listener sends every call of `heard` through the pipeline.
    heard.vitals.events.subscribe((event) => events.push(event));
    vi.mocked(direct.callReasoningDirectly).mockClear();
  });
  afterEach(async () => {
    await quiet.shutdown();
    await heard.shutdown();
  });

  /** Runs `act` on both kits' vitals; both get the same outcome and record the same. */
  async function expectSameRecording(act: (vitals: Vitals) => unknown, options?: { tracing: false }) {
    const on = (kit: TestKit) =>
      options === undefined ? kit.vitals : kit.createVitals({ agentName: 'support-bot', ...options });
    const quietVitals = on(quiet);
    const heardVitals = on(heard);
    if (heardVitals !== heard.vitals) heardVitals.events.subscribe((event) => events.push(event));
    const before = directCalls();
    const quietOutcome = await outcome(() => act(quietVitals));
    expect(directCalls()).toBeGreaterThan(before);
    const middle = directCalls();
    const heardOutcome = await outcome(() => act(heardVitals));
    expect(directCalls()).toBe(middle);
    expect(quietOutcome).toEqual(heardOutcome);
    expect(quiet.spans().map(spanRecord)).toEqual(heard.spans().map(spanRecord));
    const metrics = await metricRecord(quiet);
    expect(metrics).toEqual(await metricRecord(heard));
    expect(events.some((event) => event.type === 'reasoning.end')).toBe(true);
    return { outcome: quietOutcome, metrics, spans: quiet.spans() };
  }

  const usageShapes = {
    'OpenAI Chat Completions': openAiChatCompletion,
    'OpenAI Responses': openAiResponse,
    'Anthropic Messages': anthropicMessage,
    Gemini: geminiResponse,
    'Vercel AI SDK': vercelGenerateTextResult,
  };
  for (const [shape, response] of Object.entries(usageShapes)) {
    it(`records a ${shape} response as the pipeline does, returned or resolved`, async () => {
      const { metrics } = await expectSameRecording((vitals) => vitals.reasoning(() => response));
      expect(metrics.some((series) => series.name === 'gen_ai.client.token.usage')).toBe(true);
      await expectSameRecording((vitals) =>
        vitals.reasoning(async () => response, { model: 'gpt-4o-mini', provider: 'openai' }),
      );
    });
  }

  it('records unknown and unpriced models as the pipeline does', async () => {
    const bare = { usage: { prompt_tokens: 12, completion_tokens: 3 } };
    await expectSameRecording((vitals) => vitals.reasoning(() => bare));
    await expectSameRecording((vitals) => vitals.reasoning(() => bare, { model: 'house-model-7' }));
    await expectSameRecording((vitals) => vitals.reasoning(() => 'no usage here', { model: 'gpt-4o' }));
    await expectSameRecording((vitals) =>
      vitals.reasoning(() => openAiChatCompletion, { extractUsage: () => ({ inputTokens: 1, model: 'x' }) }),
    );
  });

  it('records a throw and a rejection as errors, the caller getting the very same error', async () => {
    const thrown = new TypeError('bad request');
    const { outcome: got, spans } = await expectSameRecording((vitals) =>
      vitals.reasoning(
        () => {
          throw thrown;
        },
        { model: 'gpt-4o' },
      ),
    );
    expect(got).toEqual({ error: thrown });
    expect((got as { error: unknown }).error).toBe(thrown);
    expect(spans[0]!.attributes['error.type']).toBe('TypeError');
    // One error for both kits: its stack, which the span's exception event carries, is the same.
    const rejected = new RangeError('timeout');
    await expectSameRecording((vitals) =>
      vitals.reasoning(() => Promise.reject(rejected), { model: 'claude-sonnet-4' }),
    );
  });

  it('records streams, returned or resolved, when their consumer finishes them', async () => {
    const { outcome: got } = await expectSameRecording((vitals) =>
      drain(vitals.reasoning(() => chunks(openAiChatChunks), { model: 'gpt-4o' })),
    );
    expect(got).toEqual({ value: openAiChatChunks });
    await expectSameRecording(async (vitals) =>
      drain(await vitals.reasoning(async () => chunks(anthropicEvents), { provider: 'anthropic' })),
    );
  });

  it('records the same inside a run and in metrics-only mode', async () => {
    await expectSameRecording((vitals) =>
      vitals.run(async () => vitals.reasoning(() => openAiChatCompletion), { requestId: 'req-9' }),
    );
    const [chat] = quiet.spans().filter((span) => span.name.startsWith('chat'));
    expect(chat!.attributes['agent.request.id']).toBe('req-9');
    await expectSameRecording((vitals) => vitals.reasoning(() => anthropicMessage), { tracing: false });
  });

  it('hands a guard attached after earlier calls the next call', async () => {
    let ran = 0;
    let checked = 0;
    const call = () => quiet.vitals.reasoning(() => ++ran, { model: 'gpt-4o' });
    call();
    expect(directCalls()).toBe(1);
    quiet.vitals.use({
      check: (request) =>
        ++checked > 0 && request.kind === 'reasoning'
          ? {
              action: 'deny',
              reason: 'no more',
              error: new PolicyDeniedError('no more', {
                agentName: 'support-bot',
                toolName: '',
                rule: 'test',
              }),
            }
          : { action: 'allow' },
      attach: () => ({ dispose() {} }),
    });
    expect(call).toThrow(PolicyDeniedError);
    expect(ran).toBe(1);
    expect(directCalls()).toBe(1);
    expect(checked).toBe(1);
    // A refused model call ends its span with the guard's error; it records no duration.
    expect(quiet.spans().map((span) => span.attributes['error.type'])).toEqual([
      undefined,
      'PolicyDeniedError',
    ]);
    expect((await quiet.histogram('agent.reasoning.duration')).count).toBe(1);
  });

  it('records a promise when it settles, and a listener that joined meanwhile hears its end', async () => {
    let settle!: (value: unknown) => void;
    const pending = quiet.vitals.reasoning(() => new Promise((resolve) => (settle = resolve)), {
      model: 'gpt-4o',
    });
    const ends: VitalsEvent[] = [];
    quiet.vitals.events.on('reasoning.end', (event) => ends.push(event));
    expect((await quiet.histogram('agent.reasoning.duration')).count).toBe(0);
    settle(openAiChatCompletion);
    expect(await pending).toBe(openAiChatCompletion);
    expect((await quiet.histogram('agent.reasoning.duration')).count).toBe(1);
    expect(ends).toMatchObject([{ type: 'reasoning.end', model: 'gpt-4o', provider: 'openai' }]);
  });
});
