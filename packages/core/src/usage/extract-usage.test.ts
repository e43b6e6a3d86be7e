import { describe, expect, it } from 'vitest';
import { extractUsage } from './extract-usage.js';
import {
  anthropicMessage,
  geminiResponse,
  openAiChatCompletion,
  openAiResponse,
  vercelGenerateTextResult,
  vercelV4Result,
} from './fixtures/responses.js';

describe('extractUsage', () => {
  it('reads OpenAI Chat Completions, cached tokens included in input', () => {
    expect(extractUsage(openAiChatCompletion)).toEqual({
      inputTokens: 1117,
      outputTokens: 46,
      cachedInputTokens: 1024,
      model: 'gpt-4o-2024-08-06',
      provider: 'openai',
    });
  });

  it('reads the OpenAI Responses API', () => {
    expect(extractUsage(openAiResponse)).toEqual({
      inputTokens: 328,
      outputTokens: 52,
      cachedInputTokens: 128,
      model: 'gpt-4o-2024-08-06',
      provider: 'openai',
    });
  });

  it('adds Anthropic cache reads and writes back into input tokens', () => {
    expect(extractUsage(anthropicMessage)).toEqual({
      inputTokens: 21 + 188 + 2048,
      outputTokens: 393,
      cachedInputTokens: 2048,
      model: 'claude-sonnet-4-20250514',
      provider: 'anthropic',
    });
  });

  it('reads Anthropic usage whose cache fields are null', () => {
    const message = {
      ...anthropicMessage,
      usage: {
        input_tokens: 10,
        output_tokens: 5,
        cache_read_input_tokens: null,
        cache_creation_input_tokens: null,
      },
    };
    expect(extractUsage(message)).toMatchObject({ inputTokens: 10, outputTokens: 5, provider: 'anthropic' });
    expect(extractUsage(message)?.cachedInputTokens).toBeUndefined();
  });

  it('reads Gemini usage metadata, thoughts counted as output', () => {
    expect(extractUsage(geminiResponse)).toEqual({
      inputTokens: 1200,
      outputTokens: 15 + 75,
      cachedInputTokens: 1000,
      model: 'gemini-2.5-flash',
      provider: 'gcp.gemini',
    });
    // The legacy SDK wraps the response: `{ response }`.
    expect(extractUsage({ response: geminiResponse })).toMatchObject({ inputTokens: 1200, outputTokens: 90 });
  });

  it('prefers the Vercel AI SDK totalUsage (all steps) and reads the model and provider', () => {
    expect(extractUsage(vercelGenerateTextResult)).toEqual({
      inputTokens: 520,
      outputTokens: 40,
      cachedInputTokens: 256,
      model: 'gpt-4o-mini-2024-07-18',
      provider: 'openai',
    });
  });

  it('reads the Vercel AI SDK v6 input token details', () => {
    const result = {
      usage: {
        inputTokens: 900,
        inputTokenDetails: { noCacheTokens: 100, cacheReadTokens: 700, cacheWriteTokens: 100 },
        outputTokens: 30,
        outputTokenDetails: { textTokens: 30, reasoningTokens: 0 },
        totalTokens: 930,
      },
      response: { modelId: 'claude-sonnet-4-5' },
      providerMetadata: { anthropic: {} },
    };
    expect(extractUsage(result)).toEqual({
      inputTokens: 900,
      outputTokens: 30,
      cachedInputTokens: 700,
      model: 'claude-sonnet-4-5',
      provider: 'anthropic',
    });
  });

  it('reads the previous Vercel AI SDK field names', () => {
    expect(extractUsage(vercelV4Result)).toEqual({
      inputTokens: 14,
      outputTokens: 3,
      model: 'claude-3-5-haiku-20241022',
      provider: 'anthropic',
    });
  });

  it('reads a LangChain AIMessage', () => {
    const message = {
      content: 'hi',
      usage_metadata: {
        input_tokens: 50,
        output_tokens: 7,
        total_tokens: 57,
        input_token_details: { cache_read: 20 },
      },
      response_metadata: { model_name: 'gpt-4o-mini' },
    };
    expect(extractUsage(message)).toEqual({
      inputTokens: 50,
      outputTokens: 7,
      cachedInputTokens: 20,
      model: 'gpt-4o-mini',
    });
  });

  it('names the model of a recognised response without usage', () => {
    const { usage: _omitted, ...withoutUsage } = openAiChatCompletion;
    expect(extractUsage(withoutUsage)).toEqual({ model: 'gpt-4o-2024-08-06', provider: 'openai' });
  });

  it('returns undefined for unrecognised shapes and non-objects', () => {
    for (const value of [
      undefined,
      null,
      42,
      'text',
      true,
      Symbol('x'),
      [],
      {},
      { usage: 'lots' },
      () => 1,
    ]) {
      expect(extractUsage(value)).toBeUndefined();
    }
  });

  it('drops NaN, infinite, negative and wrong-type counts, and floors fractions', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -1, '12', null, {}]) {
      const usage = extractUsage({
        object: 'chat.completion',
        model: 'm',
        usage: { prompt_tokens: bad, completion_tokens: 3 },
      });
      expect(usage).toEqual({ outputTokens: 3, model: 'm', provider: 'openai' });
    }
    expect(extractUsage({ usage: { prompt_tokens: 1e15, completion_tokens: 2.9 } })).toEqual({
      inputTokens: 1e15,
      outputTokens: 2,
    });
  });

  it('never throws, even when getters throw or the object is a revoked proxy', () => {
    const hostile = {
      get usage(): never {
        throw new Error('boom');
      },
      get usageMetadata(): never {
        throw new Error('boom');
      },
    };
    expect(extractUsage(hostile)).toBeUndefined();
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(extractUsage(proxy)).toBeUndefined();
    const usage = {
      get prompt_tokens(): never {
        throw new Error('boom');
      },
      completion_tokens: 4,
    };
    expect(extractUsage({ usage })).toEqual({ outputTokens: 4 });
  });
});
