import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readSpecUsage } from './spec-usage.js';

describe('readSpecUsage', () => {
  it('reads the nested usage of specification v3 and v4, cached input included in input', () => {
    expect(
      readSpecUsage({
        inputTokens: { total: 120, noCache: 20, cacheRead: 100, cacheWrite: 0 },
        outputTokens: { total: 30, text: 25, reasoning: 5 },
      }),
    ).toEqual({ inputTokens: 120, outputTokens: 30, cachedInputTokens: 100 });
  });

  it('adds the parts up when a provider gives no totals', () => {
    expect(
      readSpecUsage({
        inputTokens: { total: undefined, noCache: 20, cacheRead: 100, cacheWrite: 5 },
        outputTokens: { total: undefined, text: 25, reasoning: 5 },
      }),
    ).toEqual({ inputTokens: 125, outputTokens: 30, cachedInputTokens: 100 });
  });

  it('reads the flat usage of specification v2', () => {
    expect(
      readSpecUsage({ inputTokens: 10, outputTokens: 4, cachedInputTokens: 6, totalTokens: 14 }),
    ).toEqual({
      inputTokens: 10,
      outputTokens: 4,
      cachedInputTokens: 6,
    });
  });

  it('returns undefined for no usage at all', () => {
    expect(readSpecUsage(undefined)).toBeUndefined();
    expect(readSpecUsage(null)).toBeUndefined();
    expect(readSpecUsage('100 tokens')).toBeUndefined();
  });

  it('drops counts that are not finite, non-negative numbers, whatever the provider sends', () => {
    const hostile = fc.oneof(
      fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -1, -0.5, '12', null),
      fc.double(),
      fc.integer(),
    );
    fc.assert(
      fc.property(hostile, hostile, hostile, (total, cacheRead, output) => {
        const read = readSpecUsage({
          inputTokens: { total, noCache: undefined, cacheRead, cacheWrite: undefined },
          outputTokens: { total: output },
        });
        for (const value of Object.values(read ?? {})) {
          if (value !== undefined) expect(Number.isFinite(value) && (value as number) >= 0).toBe(true);
        }
      }),
    );
  });
});
