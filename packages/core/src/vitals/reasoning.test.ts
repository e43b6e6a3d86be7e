import { createTestKit, type TestKit } from '@agentvitals/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const openAiResponse = {
  id: 'chatcmpl-1',
  object: 'chat.completion',
  model: 'gpt-4o-mini-2024-07-18',
  choices: [{ index: 0, message: { role: 'assistant', content: 'Hello' }, finish_reason: 'stop' }],
  usage: {
    prompt_tokens: 1200,
    completion_tokens: 300,
    total_tokens: 1500,
    prompt_tokens_details: { cached_tokens: 200 },
  },
};

describe('vitals.reasoning', () => {
  let kit: TestKit;
  beforeEach(() => {
    kit = createTestKit({ agentName: 'support-bot' });
  });
  afterEach(() => kit.shutdown());

  it('records duration, tokens and cost from an OpenAI response', async () => {
    const result = await kit.vitals.reasoning(async () => openAiResponse, {
      model: 'gpt-4o-mini',
      provider: 'openai',
    });
    expect(result).toBe(openAiResponse);
    const attributes = { 'gen_ai.request.model': 'gpt-4o-mini', 'gen_ai.provider.name': 'openai' };
    expect(await kit.metric('agent.reasoning.duration', attributes)).toMatchObject({ count: 1 });
    expect(
      await kit.metric('gen_ai.client.token.usage', { ...attributes, 'gen_ai.token.type': 'input' }),
    ).toEqual({
      count: 1,
      sum: 1200,
    });
    expect(
      await kit.metric('gen_ai.client.token.usage', {
        'gen_ai.token.type': 'output',
        'gen_ai.operation.name': 'chat',
      }),
    ).toEqual({ count: 1, sum: 300 });
    const cost = (await kit.metric('agent.cost', attributes)) as number;
    expect(cost).toBeGreaterThan(0);
    const span = kit.spans()[0]!;
    expect(span.name).toBe('chat gpt-4o-mini');
    expect(span.attributes).toMatchObject({
      'gen_ai.usage.input_tokens': 1200,
      'gen_ai.usage.output_tokens': 300,
      'gen_ai.usage.cache_read.input_tokens': 200,
      'gen_ai.response.model': 'gpt-4o-mini-2024-07-18',
    });
  });

  it('learns the model and provider from the result when not given', async () => {
    kit.vitals.reasoning(() => openAiResponse);
    expect(kit.spans()[0]!.name).toBe('chat gpt-4o-mini-2024-07-18');
    expect(
      await kit.metric('agent.reasoning.duration', {
        'gen_ai.request.model': 'gpt-4o-mini-2024-07-18',
        'gen_ai.provider.name': 'openai',
      }),
    ).toMatchObject({ count: 1 });
  });

  it('keeps sync calls sync, rethrows the same error and records error.type', async () => {
    class RateLimitError extends Error {
      override name = 'RateLimitError';
    }
    const error = new RateLimitError('429');
    let calls = 0;
    expect(() =>
      kit.vitals.reasoning(
        () => {
          calls++;
          throw error;
        },
        { model: 'claude-sonnet-4-5' },
      ),
    ).toThrow(error);
    expect(calls).toBe(1);
    expect(await kit.metric('agent.reasoning.duration', { 'error.type': 'RateLimitError' })).toMatchObject({
      count: 1,
    });
    expect(kit.spans()[0]!.attributes['error.type']).toBe('RateLimitError');
  });

  it('returns the very same promise object, so SDK promise subclasses keep their methods', async () => {
    class ApiPromise<T> extends Promise<T> {
      withResponse() {
        return 'raw';
      }
    }
    const promise = new ApiPromise<typeof openAiResponse>((resolve) => resolve(openAiResponse));
    const returned = kit.vitals.reasoning(() => promise);
    expect(returned).toBe(promise);
    expect(returned.withResponse()).toBe('raw');
    await returned;
  });

  it('uses a custom extractor, and survives one that throws', async () => {
    kit.vitals.reasoning(() => ({ tokens: [10, 5] }), {
      model: 'my-model',
      extractUsage: (r) => ({ inputTokens: (r as { tokens: number[] }).tokens[0], outputTokens: 5 }),
    });
    expect(await kit.metric('gen_ai.client.token.usage', { 'gen_ai.request.model': 'my-model' })).toEqual({
      count: 2,
      sum: 15,
    });
    expect(
      kit.vitals.reasoning(() => 'ok', {
        extractUsage: () => {
          throw new Error('bug');
        },
      }),
    ).toBe('ok');
  });
});

describe('vitals.usage and token efficiency', () => {
  let kit: TestKit;
  beforeEach(() => {
    kit = createTestKit({ agentName: 'support-bot', pricing: { 'house-model': { input: 1, output: 2 } } });
  });
  afterEach(() => kit.shutdown());

  it('prices usage from the table and user overrides', async () => {
    kit.vitals.usage({
      inputTokens: 1_000_000,
      outputTokens: 500_000,
      model: 'house-model',
      provider: 'self',
    });
    expect(await kit.metric('agent.cost', { 'gen_ai.request.model': 'house-model' })).toBeCloseTo(2, 10);
  });

  it('records tokens but no cost for an unknown model', async () => {
    kit.vitals.usage({ inputTokens: 10, outputTokens: 5, model: 'mystery-9000' });
    expect(
      await kit.metric('gen_ai.client.token.usage', { 'gen_ai.request.model': 'mystery-9000' }),
    ).toMatchObject({
      count: 2,
      sum: 15,
    });
    expect(await kit.metric('agent.cost')).toBe(0);
  });

  it('drops bad values instead of throwing', async () => {
    const bad: unknown[] = [
      { inputTokens: Number.NaN },
      { inputTokens: -1 },
      { outputTokens: Number.POSITIVE_INFINITY },
      { inputTokens: '12' },
      {},
      null,
      42,
    ];
    for (const usage of bad) expect(() => kit.vitals.usage(usage as never)).not.toThrow();
    expect(await kit.metric('gen_ai.client.token.usage')).toEqual({ count: 0, sum: 0 });
    kit.vitals.usage({ inputTokens: 1e12, outputTokens: 0, model: 'house-model' });
    expect(await kit.metric('gen_ai.client.token.usage', { 'gen_ai.token.type': 'input' })).toEqual({
      count: 1,
      sum: 1e12,
    });
  });

  it('records tokens spent since the previous action at each action, per run', async () => {
    await Promise.all([
      kit.vitals.run(async () => {
        kit.vitals.usage({ inputTokens: 100, outputTokens: 50, model: 'house-model' });
        await new Promise((r) => setTimeout(r, 5));
        kit.vitals.action();
        kit.vitals.usage({ inputTokens: 10, outputTokens: 0, model: 'house-model' });
        kit.vitals.action();
      }),
      kit.vitals.run(async () => {
        kit.vitals.usage({ inputTokens: 1000, outputTokens: 1000, model: 'house-model' });
        await new Promise((r) => setTimeout(r, 1));
        kit.vitals.action();
      }),
    ]);
    const series = await kit.series('agent.tokens_per_action');
    expect(series).toHaveLength(1);
    const value = series[0]!.value;
    expect(value).toMatchObject({ type: 'histogram', count: 3, sum: 2160 });
    expect(await kit.metric('agent.actions', { 'gen_ai.agent.name': 'support-bot' })).toBe(3);
  });
});
