import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { charCodes, NON_ASCII } from './char-codes.js';

const RUNS = Number(process.env.FAST_CHECK_RUNS ?? 500);

/** What `charCodes` must hold: each code unit's code if it is ASCII, else NON_ASCII. */
const expected = (text: string): number[] =>
  Array.from({ length: text.length }, (_, index) => {
    const code = text.charCodeAt(index);
    return code < 0x80 ? code : NON_ASCII;
  });

const read = (text: string): number[] => [...charCodes(text).subarray(0, text.length)];

/** Any code unit, lone surrogates included, mostly ASCII. */
const codeUnit = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 0x7f }) },
  { weight: 1, arbitrary: fc.integer({ min: 0x80, max: 0xffff }) },
);
const anyText = fc.oneof(
  fc.array(codeUnit, { maxLength: 200 }).map((codes) => String.fromCharCode(...codes)),
  fc.string({ unit: 'binary', maxLength: 200 }),
);

describe('charCodes', () => {
  it('gives ASCII characters their codes and every other code unit NON_ASCII', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(read(text)).toEqual(expected(text));
      }),
      { numRuns: RUNS },
    );
  });

  it('reads two-, three- and four-byte characters and lone surrogates as one code per unit', () => {
    for (const text of [
      'é1',
      'a€b',
      '😀@x',
      '\ud800a',
      'a\udc00',
      '\udc00\ud800',
      '1😀😀2',
      `${'a'.repeat(70)}é`,
    ]) {
      expect(read(text), JSON.stringify(text)).toEqual(expected(text));
    }
  });

  it('reads text that is not ASCII in pieces, surrogate pairs cut between two of them', () => {
    for (const text of [
      `é${'😀'.repeat(5000)}`,
      `é${'😀a'.repeat(3000)}`,
      `${'a'.repeat(5000)}€${'😀'.repeat(5000)}`,
    ]) {
      expect(read(text)).toEqual(expected(text));
    }
  });

  it('reads a text longer than the buffer it keeps, and a short one after it', () => {
    const long = `${'4111 1111 '.repeat(30_000)}é`;
    expect(read(long)).toEqual(expected(long));
    expect(read('ab')).toEqual([97, 98]);
    expect(read('')).toEqual([]);
  });
});
