import { describe, expect, it } from 'vitest';
import { createVitals } from './create-vitals.js';

function refusal(options: unknown): TypeError {
  try {
    createVitals(options as never);
  } catch (error) {
    expect(error).toBeInstanceOf(TypeError);
    return error as TypeError;
  }
  throw new Error(`createVitals() accepted ${String(options)}`);
}

describe('createVitals(): bad options throw one TypeError that lists every bad field', () => {
  it('names the fields checked where prices, sentiment and thoughts are built beside the others', () => {
    const error = refusal({
      agentName: '',
      tracing: 'yes',
      limits: { maxToolNames: 0 },
      pricing: { 'my-model': { input: -1, output: Number.NaN } },
      sentiment: { negativeAtOrBelow: 5, analyzer: 'lexicon' },
      thoughts: { maxBytes: 4, patterns: ['not a pattern'] },
    });
    for (const field of [
      'agentName',
      'tracing',
      'limits.maxToolNames',
      'pricing["my-model"].input',
      'pricing["my-model"].output',
      'sentiment.negativeAtOrBelow',
      'sentiment.analyzer',
      'thoughts.maxBytes',
      'thoughts.patterns[0]',
    ]) {
      expect(error.message).toContain(field);
    }
  });

  it.each([
    ['pricing', { pricing: { m: { input: 1, output: -1 } } }, 'pricing["m"].output'],
    [
      'sentiment',
      { sentiment: { positiveAtOrAbove: Number.POSITIVE_INFINITY } },
      'sentiment.positiveAtOrAbove',
    ],
    ['thoughts', { thoughts: { patterns: 'secret' } }, 'thoughts.patterns'],
    ['thought size', { thoughts: { maxBytes: Number.NaN } }, 'thoughts.maxBytes'],
  ])('a bad %s alone is named', (_what, options, field) => {
    expect(refusal({ agentName: 'bot', ...options }).message).toContain(field);
  });

  it('accepts the same options when they are good, and ignores patterns when thoughts are off', () => {
    expect(() =>
      createVitals({
        agentName: '支援ボット😀',
        pricing: { 'my-model': { input: 0, output: 1.5, cachedInput: 0.1 } },
        sentiment: { negativeAtOrBelow: -0.5, positiveAtOrAbove: 0.5, analyzer: () => 0 },
        thoughts: { maxBytes: 16, patterns: [/order-\d+/g] },
      }),
    ).not.toThrow();
    expect(() =>
      createVitals({ agentName: 'bot', thoughts: { enabled: false, patterns: ['ignored'] as never } }),
    ).not.toThrow();
  });

  it('refuses an agent name over 128 characters and accepts 128', () => {
    expect(refusal({ agentName: 'a'.repeat(129) }).message).toContain('agentName');
    expect(() => createVitals({ agentName: 'a'.repeat(128) })).not.toThrow();
  });
});
