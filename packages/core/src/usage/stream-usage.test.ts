import { describe, expect, it } from 'vitest';
import {
  anthropicEvents,
  geminiChunks,
  openAiChatChunks,
  openAiResponsesEvents,
  vercelFullStream,
} from './fixtures/stream-chunks.js';
import { createUsageAccumulator, extractStreamUsage } from './stream-usage.js';

describe('extractStreamUsage', () => {
  it('reads the final OpenAI chunk (include_usage)', () => {
    expect(extractStreamUsage(openAiChatChunks)).toEqual({
      inputTokens: 19,
      outputTokens: 10,
      cachedInputTokens: 0,
      model: 'gpt-4o-mini-2024-07-18',
      provider: 'openai',
    });
  });

  it('names the OpenAI model even when no chunk carries usage', () => {
    expect(extractStreamUsage(openAiChatChunks.slice(0, 3))).toEqual({
      model: 'gpt-4o-mini-2024-07-18',
      provider: 'openai',
    });
  });

  it('combines Anthropic message_start and the cumulative message_delta', () => {
    expect(extractStreamUsage(anthropicEvents)).toEqual({
      inputTokens: 1025,
      outputTokens: 15,
      cachedInputTokens: 1000,
      model: 'claude-sonnet-4-20250514',
      provider: 'anthropic',
    });
  });

  it('takes the last Gemini chunk (cumulative counts)', () => {
    expect(extractStreamUsage(geminiChunks)).toEqual({
      inputTokens: 8,
      outputTokens: 24,
      model: 'gemini-2.5-flash',
      provider: 'gcp.gemini',
    });
  });

  it('prefers the Vercel finish part and falls back to the sum of steps', () => {
    expect(extractStreamUsage(vercelFullStream)).toMatchObject({
      inputTokens: 250,
      outputTokens: 50,
      cachedInputTokens: 64,
    });
    expect(extractStreamUsage(vercelFullStream.slice(0, -1))).toEqual({
      inputTokens: 250,
      outputTokens: 50,
      cachedInputTokens: 64,
      model: 'gpt-4o-mini',
      provider: 'openai',
    });
  });

  it('reads the OpenAI Responses response.completed event', () => {
    expect(extractStreamUsage(openAiResponsesEvents)).toMatchObject({
      inputTokens: 40,
      outputTokens: 6,
      model: 'gpt-4.1',
    });
  });

  it('accepts an accumulator fed chunk by chunk', () => {
    const accumulator = createUsageAccumulator();
    expect(accumulator.usage).toBeUndefined();
    for (const chunk of anthropicEvents) accumulator.add(chunk);
    expect(extractStreamUsage(accumulator)).toMatchObject({ inputTokens: 1025, outputTokens: 15 });
  });

  it('skips hostile and meaningless chunks without throwing', () => {
    const hostile = {
      get type(): never {
        throw new Error('boom');
      },
    };
    const chunks = [
      hostile,
      null,
      7,
      'data: [DONE]',
      { type: 'message_delta', usage: { output_tokens: Number.NaN } },
    ];
    expect(extractStreamUsage(chunks)).toBeUndefined();
    const throwingIterable = {
      *[Symbol.iterator]() {
        yield openAiChatChunks[3];
        throw new Error('broken');
      },
    };
    expect(extractStreamUsage(throwingIterable)).toBeUndefined();
  });
});
