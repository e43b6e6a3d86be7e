import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalHash } from './canonical-hash.js';
import { canonicalize } from './canonicalize.js';

/** Characters that exercise every branch of the text hash: case, spaces, edges, controls, Unicode. */
const CHARACTERS = [
  'a',
  'b',
  'Z',
  'q',
  ' ',
  ' ',
  '!',
  '?',
  '.',
  '"',
  '`',
  '@',
  '[',
  '{',
  '~',
  '\u007f',
  '\t',
  '\n',
  '\u0000',
  '\u001f',
  'ｗ',
  'Ａ',
  'é',
  'É',
  '\u00a0',
  '\u3000',
  '\u200b',
  'ß',
  'İ',
  '\u212a',
  '😀',
  '\ud800',
];
const text = (maxLength: number) =>
  fc.array(fc.constantFrom(...CHARACTERS), { maxLength }).map((chars) => chars.join(''));

/** A disguise of `value`: changes `canonicalize` undoes (case, doubled spaces, edges, width). */
function disguise(value: string, seed: number): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const char = value[i]!;
    const pick = (seed + i * 7) % 11;
    if (pick === 0) out += char.toUpperCase();
    else if (pick === 1 && char === ' ') out += '  ';
    else if (pick === 2 && char >= 'a' && char <= 'z')
      out += String.fromCharCode(char.charCodeAt(0) - 97 + 0xff41);
    else out += char;
  }
  return seed % 3 === 0 ? ` "${out}"?` : seed % 3 === 1 ? `${out}.` : out;
}

describe('the text hash inside canonicalHash', () => {
  it('hashes two strings equal exactly when canonicalize calls them equal (property)', () => {
    // Short texts are copied by a loop, long ones natively: both lengths are drawn.
    fc.assert(
      fc.property(fc.oneof(text(12), text(160)), fc.oneof(text(12), text(160)), (a, b) => {
        expect(canonicalHash([a]) === canonicalHash([b])).toBe(canonicalize([a]) === canonicalize([b]));
      }),
      { numRuns: 3_000 },
    );
  });

  it('sees through disguises of long and short text, and tells different texts apart (property)', () => {
    fc.assert(
      fc.property(fc.oneof(text(20), text(300)), fc.nat(), (value, seed) => {
        const disguised = disguise(value, seed);
        expect(canonicalHash({ q: disguised }) === canonicalHash({ Q: value })).toBe(
          canonicalize({ q: disguised }) === canonicalize({ Q: value }),
        );
      }),
      { numRuns: 3_000 },
    );
  });

  it('agrees with canonicalize at every length around the word and copy boundaries', () => {
    const base = 'The quick brown fox jumps over the lazy dog, again and again and again. ';
    for (let length = 0; length < 140; length++) {
      const value = base.repeat(2).slice(0, length);
      const variants = [
        value.toUpperCase(),
        value.replace(/ /g, '  '),
        ` ${value} `,
        `"${value}"!`,
        value.replace(/o/g, 'ｏ'),
        `${value}\u0001`,
        `${value}x`,
        value.replace(/ /g, '\t'),
        value.replace(/ (.)/g, ' !$1'),
      ];
      for (const variant of variants) {
        expect(canonicalHash([variant]) === canonicalHash([value]), JSON.stringify(variant)).toBe(
          canonicalize([variant]) === canonicalize([value]),
        );
      }
    }
  });

  it('tells apart texts that differ in one character anywhere, whatever the character', () => {
    // A weak word hash (a multiplication alone) lets a change in a word's top byte reach only the
    // top bits of the state: such texts would collide by the dozen here.
    const base = 'abcdefghijklmnopqrstuvwxyz0123456789'.repeat(4);
    const seen = new Set<number>([canonicalHash([base])]);
    let count = 1;
    for (const replacement of ['#', 'x', '~', '0']) {
      for (let i = 0; i < base.length; i++) {
        if (base[i] === replacement) continue;
        seen.add(canonicalHash([`${base.slice(0, i)}${replacement}${base.slice(i + 1)}`]));
        count++;
      }
    }
    for (let length = 1; length <= 40; length++) {
      for (let i = 0; i < length; i++) {
        seen.add(canonicalHash({ q: `${'a'.repeat(i)}b${'a'.repeat(length - i - 1)}` }));
        count++;
      }
    }
    // Text that is not ASCII: characters that differ only in their high bits.
    const wide = '漢字仮名交じり文'.repeat(5);
    for (let i = 0; i < wide.length; i++) {
      seen.add(
        canonicalHash([
          `${wide.slice(0, i)}${String.fromCharCode(wide.charCodeAt(i) ^ 0x1000)}${wide.slice(i + 1)}`,
        ]),
      );
      count++;
    }
    seen.add(canonicalHash([wide]));
    count++;
    expect(seen.size).toBe(count);
  });

  it('remembers object keys without mixing them up, past the size of its table', () => {
    const hashes = new Set<number>();
    for (let i = 0; i < 10_000; i++) hashes.add(canonicalHash({ [`key${i}`]: 1 }));
    expect(hashes.size).toBe(10_000);
    expect(canonicalHash({ key7: 1 })).toBe(canonicalHash({ ' KEY7 ': 1 }));
    expect(canonicalHash({ [`${'k'.repeat(200)}`]: 1 })).toBe(canonicalHash({ [`${'K'.repeat(200)}`]: 1 }));
  });
});
