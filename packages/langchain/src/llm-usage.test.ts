import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { llmResultUsage } from './llm-usage.js';

const result = (message: unknown, llmOutput?: unknown) => ({
  generations: [[{ text: '', message }]],
  llmOutput,
});

describe('llmResultUsage', () => {
  it("reads the message's usage_metadata and response model", () => {
    expect(
      llmResultUsage(
        result({
          usage_metadata: { input_tokens: 107, output_tokens: 17, input_token_details: { cache_read: 7 } },
          response_metadata: { model_name: 'gpt-4o-mini-2024-07-18' },
        }),
      ),
    ).toEqual({ inputTokens: 107, outputTokens: 17, cachedInputTokens: 7, model: 'gpt-4o-mini-2024-07-18' });
  });

  it('falls back to llmOutput.tokenUsage, and to response_metadata.model', () => {
    expect(
      llmResultUsage(
        result(
          { response_metadata: { model: 'claude' } },
          { tokenUsage: { promptTokens: 5, completionTokens: 2 } },
        ),
      ),
    ).toEqual({ inputTokens: 5, outputTokens: 2, model: 'claude' });
  });

  it("ignores LangChain's estimated usage and counts that are not finite and non-negative", () => {
    expect(
      llmResultUsage(result({}, { estimatedTokenUsage: { promptTokens: 5, completionTokens: 2 } })),
    ).toBeUndefined();
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, -3, '4']) {
      expect(
        llmResultUsage(result({ usage_metadata: { input_tokens: bad, output_tokens: bad } })),
      ).toBeUndefined();
    }
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        llmResultUsage(value);
        llmResultUsage(result(value, value));
        llmResultUsage({ generations: value });
      }),
    );
  });
});
