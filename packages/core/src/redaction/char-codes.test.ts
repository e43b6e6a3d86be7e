import { describe, expect, it } from 'vitest';
import { asciiCodes } from './char-codes.js';

/** What `asciiCodes` must hold for ASCII text: its codes, then a 0. */
const expected = (text: string): number[] => [...Array.from(text, (char) => char.charCodeAt(0)), 0];

const read = (text: string): number[] | undefined => {
  const codes = asciiCodes(text);
  return codes === undefined ? undefined : [...codes.subarray(0, text.length + 1)];
};

describe('asciiCodes', () => {
  it('gives the codes of ASCII text, then a 0', () => {
    for (const text of [
      '',
      'a',
      'a@b.io 4111-1111',
      '\0\x7f~',
      'x'.repeat(63),
      'y'.repeat(64),
      'z'.repeat(65),
    ]) {
      expect(read(text), JSON.stringify(text)).toEqual(expected(text));
    }
  });

  it('gives nothing for text that is not ASCII, wherever its first other character is', () => {
    for (const other of ['é', '\x80', '€', '😀', '\ud800', '\udc00']) {
      for (const text of [
        other,
        `${other}a`,
        `${'a'.repeat(63)}${other}`,
        `${'a'.repeat(64)}${other}`,
        `${'a'.repeat(5000)}${other}b`,
      ]) {
        expect(read(text), JSON.stringify(text)).toBeUndefined();
      }
    }
  });

  it('reads a text longer than the array it keeps, and a short one after it', () => {
    const long = '4111 1111 '.repeat(30_000);
    expect(read(long)).toEqual(expected(long));
    expect(read('ab')).toEqual([97, 98, 0]);
    expect(read('')).toEqual([0]);
  });
});
