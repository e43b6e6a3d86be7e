import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { modelResponseUsage, streamEventModel } from './model-usage.js';

describe('modelResponseUsage', () => {
  it('reads tokens, cached tokens and the response model of a ModelResponse', () => {
    expect(
      modelResponseUsage({
        usage: {
          inputTokens: 120,
          outputTokens: 30,
          inputTokensDetails: [{ cached_tokens: 20 }, { cached_tokens: 5 }],
        },
        providerData: { model: 'gpt-4o-mini-2024-07-18' },
      }),
    ).toEqual({ inputTokens: 120, outputTokens: 30, cachedInputTokens: 25, model: 'gpt-4o-mini-2024-07-18' });
  });

  it('drops counts that are not finite and non-negative', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -1, '12', null]) {
      expect(modelResponseUsage({ usage: { inputTokens: bad, outputTokens: bad } })).toBeUndefined();
    }
    expect(modelResponseUsage({ usage: { inputTokens: 1e15, outputTokens: 0 } })).toEqual({
      inputTokens: 1e15,
      outputTokens: 0,
    });
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        modelResponseUsage(value);
        modelResponseUsage({ usage: value, providerData: value });
        streamEventModel(value);
      }),
    );
  });
});

describe('streamEventModel', () => {
  it('reads the model of a response_started event, a raw Chat Completions chunk and response_done', () => {
    expect(streamEventModel({ type: 'response_started', providerData: { response: { model: 'a' } } })).toBe(
      'a',
    );
    expect(streamEventModel({ type: 'response_started', providerData: { model: 'b' } })).toBe('b');
    expect(streamEventModel({ type: 'model', event: { model: 'c', choices: [] } })).toBe('c');
    expect(streamEventModel({ type: 'response_done', response: { providerData: { model: 'd' } } })).toBe('d');
    expect(streamEventModel({ type: 'output_text_delta', delta: 'hi' })).toBeUndefined();
    expect(streamEventModel({ type: 'model', event: { model: '' } })).toBeUndefined();
  });
});
