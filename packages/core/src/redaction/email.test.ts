import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMAIL_PATTERN, redactEmails } from './email.js';

const MARKER = '[REDACTED:email]';

/** The domain part of the exported pattern, sticky: what the scanner's label reading must match. */
const DOMAIN = new RegExp(`${EMAIL_PATTERN.source.slice(EMAIL_PATTERN.source.indexOf('@') + 1)}`, 'y');
const isLocal = (char: string | undefined) => char !== undefined && /[A-Za-z0-9._%+-]/.test(char);

/**
 * The scanner's rule with the domain matched by the pattern: the local part read backwards
 * from each `@` (up to 64 characters, none before it, except right after a replaced address,
 * which stays replaced), the domain by the pattern.
 */
function byPattern(text: string): string {
  let out = '';
  let copied = 0;
  for (let at = text.indexOf('@'); at >= 0; ) {
    let start = at;
    while (start > copied && at - start <= 64 && isLocal(text[start - 1])) start--;
    const bounded = at - start <= 64 && (start === copied || !isLocal(text[start - 1]));
    let next = at + 1;
    if (bounded && start < at) {
      DOMAIN.lastIndex = at + 1;
      if (DOMAIN.test(text)) {
        out += text.slice(copied, start) + MARKER;
        copied = DOMAIN.lastIndex;
        next = copied;
      }
    }
    at = text.indexOf('@', next);
  }
  return copied === 0 ? text : out + text.slice(copied);
}
const RUNS = Number(process.env.FAST_CHECK_RUNS ?? 500);

/** Pieces of addresses and of what stops them: labels of every length around the limits. */
const piece = fc.oneof(
  fc.constantFrom(
    'a',
    'Z',
    '0',
    '.',
    '..',
    '-',
    '@',
    '_',
    '%',
    '+',
    ' ',
    '\n',
    'co',
    'uk',
    'io',
    'x1',
    'ü',
    ']',
  ),
  fc.integer({ min: 1, max: 70 }).map((length) => 'l'.repeat(length)),
  fc.integer({ min: 1, max: 26 }).map((length) => 't'.repeat(length)),
);
const addressLike = fc.array(piece, { maxLength: 30 }).map((parts) => parts.join(''));
const domainLike = fc
  .tuple(
    fc.constantFrom('a', 'j.d', 'x+y', '%', '-', '.', ''),
    fc.array(
      fc.constantFrom('a', 'ab', 'a-b', '-a', 'a-', 'q1', '1', 'Z9z', '', 'l'.repeat(63), 'l'.repeat(64)),
      {
        maxLength: 10,
      },
    ),
    fc.constantFrom('', '.', '.co', '.uk', `.${'k'.repeat(24)}`, `.${'k'.repeat(25)}`, '.c1', '.c-', '1'),
    fc.constantFrom('', ' ', '-', '1', 'a', '.', '@', '_'),
  )
  .map(([local, labels, tail, after]) => `${local}@${labels.join('.')}${tail}${after}`);

describe('the e-mail scanner', () => {
  it('reads domains exactly as the exported pattern matches them', () => {
    fc.assert(
      fc.property(fc.oneof(addressLike, domainLike), fc.oneof(addressLike, domainLike), (a, b) => {
        const text = a + b;
        expect(redactEmails(text, MARKER)).toBe(byPattern(text));
      }),
      { numRuns: RUNS },
    );
  });

  it('replaces what the exported pattern replaces, and more only right after an address', () => {
    expect(redactEmails('a@b.io c@d.org', MARKER)).toBe('a@b.io c@d.org'.replace(EMAIL_PATTERN, MARKER));
    expect('a@b.io%@a.ab'.replace(EMAIL_PATTERN, MARKER)).toBe(`${MARKER}%@a.ab`);
    expect(redactEmails('a@b.io%@a.ab', MARKER)).toBe(`${MARKER}${MARKER}`);
  });

  it('catches addresses with sub-domains, tags, long labels and long top-level domains', () => {
    const addresses = [
      'jane.doe+billing@example.co.uk',
      'a@b.io',
      'first_last%dept@mail.eu-west-1.corp.example.com',
      `x@${'l'.repeat(63)}.com`,
      `x@a.${'k'.repeat(24)}`,
      'x@a.b.c.d.e.f.g.example',
      'UPPER@EXAMPLE.COM',
      'o@1.2.3.museum',
    ];
    for (const address of addresses) {
      for (const text of [
        address,
        `<${address}>`,
        `mailto:${address}?subject=x`,
        `${address}.`,
        `"${address}",`,
      ]) {
        expect(redactEmails(text, MARKER), text).not.toContain(address);
      }
    }
  });
});
