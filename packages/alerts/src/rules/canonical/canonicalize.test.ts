import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalHash } from './canonical-hash.js';
import { canonicalize } from './canonicalize.js';

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

const hostile = {
  get boom() {
    throw new Error('no');
  },
};

/** Pairs that `canonicalize` calls equal, and pairs it tells apart. */
const EQUAL: [unknown, unknown][] = [
  [[{ b: 1, a: 'x' }], [{ A: 'x', b: 1, c: undefined }]],
  [['weather in Paris'], ['  Weather   in\tPARIS? ']],
  [['weather in Paris'], ['"weather in paris".']],
  [['weather in paris'], ['ｗｅａｔｈｅｒ in paris']],
  [[1.5], ['1.50']],
  [[{ n: 15 }], [{ n: '1.5e1' }]],
  [[-0], [0]],
  [['{"q": "cats",  "limit": 10}'], [{ limit: 10, q: 'Cats' }]],
  [['[1, 2]'], [[1, 2]]],
  [[10n], [10]],
  [new Map([['b', 1]]), { b: 1 }],
  [new Set([2, 1]), new Set([1, 2])],
  [[new Date(0)], [new Date(0)]],
  [[' Key '], ['key']],
  [['Hello   world\t\tagain  and  AGAIN'], ['hello world again and again']],
  [['x\u0000y  z'], ['X\u0000Y z']],
  [{ ' Key ': 1 }, { key: 1 }],
  [[1e21], ['1e21']],
  [
    hostile,
    {
      get other() {
        throw new Error('no');
      },
    },
  ],
];
const DIFFERENT: [unknown, unknown][] = [
  [['weather in paris'], ['weather in london']],
  [[2], [3]],
  [[[1, 2]], [[2, 1]]],
  [['1'], ['"1"x']],
  [[true], ['true']],
  [[null], ['null']],
  [[{ a: 1, b: 2 }], [{ a: 2, b: 1 }]],
  [[{ a: 1 }], [{ a: 1, b: 1 }]],
  [[Number.POSITIVE_INFINITY], [Number.NEGATIVE_INFINITY]],
  [['a b'], ['ab']],
  [[new Date(0)], [new Date(1)]],
  [['x'.repeat(70_000)], ['x'.repeat(70_001)]],
];

describe('canonicalHash', () => {
  it('agrees with canonicalize on equal and different values', () => {
    for (const [a, b] of EQUAL) {
      expect(canonicalize(a)).toBe(canonicalize(b));
      expect(canonicalHash(a), `${canonicalize(a)}`).toBe(canonicalHash(b));
    }
    for (const [a, b] of DIFFERENT) {
      expect(canonicalize(a)).not.toBe(canonicalize(b));
      expect(canonicalHash(a), `${canonicalize(a)}`).not.toBe(canonicalHash(b));
    }
  });

  it('is a safe integer, salted by the tool name', () => {
    const hash = canonicalHash({ q: 'x' }, 'search');
    expect(Number.isSafeInteger(hash)).toBe(true);
    expect(canonicalHash({ q: 'x' }, 'fetch')).not.toBe(hash);
  });

  it('hashes equal exactly when the canonical texts are equal (property)', () => {
    const leaf = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom(
        'A',
        'a',
        ' a ',
        'a?',
        '1',
        '1.0',
        '-0',
        '{"a":1}',
        '[1]',
        'ＡＢ',
        'ab',
        'Ab.',
        'x  y',
        'x y',
      ),
      fc.integer({ min: -5, max: 5 }),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.constant(undefined),
    );
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('node'), { maxLength: 4 }), tie('object')),
      object: fc.dictionary(fc.constantFrom('a', 'A', ' a', 'b', 'B', 'c'), tie('node'), { maxKeys: 4 }),
    })).node;
    fc.assert(
      fc.property(value, value, (a, b) => {
        expect(canonicalHash(a) === canonicalHash(b)).toBe(canonicalize(a) === canonicalize(b));
      }),
      { numRuns: 2_000 },
    );
  });

  it('tells apart numbers and members that differ only in their high bits', () => {
    const seen = new Set<number>();
    let count = 0;
    for (let i = 0; i < 24; i++) {
      for (let j = 0; j < 24; j++) {
        seen.add(canonicalHash([i * 2 ** 26, j * 2 ** 26]));
        seen.add(canonicalHash({ a: i * 2 ** 26, b: [j * 2 ** 26] }));
        count += 2;
      }
    }
    expect(seen.size).toBe(count);
  });

  it('never throws on hostile or huge input', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(Number.isSafeInteger(canonicalHash(cyclic))).toBe(true);
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    expect(() => canonicalHash(revoked.proxy)).not.toThrow();
    let deep: unknown = 1;
    for (let i = 0; i < 10_000; i++) deep = [deep];
    expect(() => canonicalHash(deep)).not.toThrow();
    expect(() => canonicalHash(Array.from({ length: 100_000 }, (_, i) => i))).not.toThrow();
  });
});
