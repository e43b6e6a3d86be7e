import { describe, expect, it } from 'vitest';
import { canonicalize } from './canonicalize.js';
import { fnv1a64 } from './fnv-hash.js';

describe('canonicalize', () => {
  it('ignores key order, key case and undefined members', () => {
    expect(canonicalize([{ b: 1, a: 'x' }])).toBe(canonicalize([{ A: 'x', b: 1, c: undefined }]));
  });

  it('normalises whitespace, case, width and edge punctuation of strings', () => {
    const base = canonicalize(['weather in Paris']);
    expect(canonicalize(['  Weather   in\tPARIS? '])).toBe(base);
    expect(canonicalize(['"weather in paris".'])).toBe(base);
    expect(canonicalize(['ｗｅａｔｈｅｒ in paris'])).toBe(base);
    expect(canonicalize(['weather in london'])).not.toBe(base);
  });

  it('gives numbers one format, in values and in numeric strings', () => {
    expect(canonicalize([1.5])).toBe(canonicalize(['1.50']));
    expect(canonicalize([{ n: 15 }])).toBe(canonicalize([{ n: '1.5e1' }]));
    expect(canonicalize([-0])).toBe(canonicalize([0]));
    expect(canonicalize([2])).not.toBe(canonicalize([3]));
  });

  it('canonicalises JSON text like the value it encodes', () => {
    expect(canonicalize(['{"q": "cats",  "limit": 10}'])).toBe(canonicalize([{ limit: 10, q: 'Cats' }]));
    expect(canonicalize(['[1, 2]'])).toBe(canonicalize([[1, 2]]));
  });

  it('keeps array order meaningful', () => {
    expect(canonicalize([[1, 2]])).not.toBe(canonicalize([[2, 1]]));
  });

  it('handles special values without throwing', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(() => canonicalize(cyclic)).not.toThrow();
    expect(canonicalize([Number.NaN])).toBe('[NaN]');
    expect(canonicalize([Number.POSITIVE_INFINITY])).not.toBe(canonicalize([Number.NEGATIVE_INFINITY]));
    expect(canonicalize([10n])).toBe('[10]');
    expect(canonicalize([new Date(0)])).toBe('[date:1970-01-01T00:00:00.000Z]');
    expect(canonicalize(new Map([['b', 1]]))).toBe(canonicalize({ b: 1 }));
    expect(canonicalize(new Set([2, 1]))).toBe(canonicalize(new Set([1, 2])));
    const hostile = {
      get boom() {
        throw new Error('no');
      },
    };
    expect(canonicalize(hostile)).toBe('unserialisable');
  });

  it('bounds the work on huge or deep values', () => {
    const huge = Array.from({ length: 100_000 }, (_, i) => i);
    expect(canonicalize(huge).length).toBeLessThan(20_000);
    let deep: unknown = 1;
    for (let i = 0; i < 1000; i++) deep = [deep];
    expect(() => canonicalize(deep)).not.toThrow();
  });
});

describe('fnv1a64', () => {
  it('is stable and spreads inputs', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('ab')).not.toBe(fnv1a64('ba'));
  });
});
