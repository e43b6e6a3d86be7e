import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redactEmails } from './email.js';
import { redactEmailsByCharacter } from './email-chars.js';
import { redactPaymentCards } from './payment-card.js';
import { redactPaymentCardsByCharacter } from './payment-card-chars.js';

const RUNS = Number(process.env.FAST_CHECK_RUNS ?? 500);

/**
 * Each code unit outside ASCII as DEL, in no class either. The scanners read text that is not
 * ASCII in place and ASCII text as bytes; a character outside ASCII is never part of what they
 * replace, so each must give for a text what the byte scanner gives for it with DELs.
 */
const asDel = (text: string): string => text.replace(/[^\0-\x7f]/g, '\x7f');

const OUTSIDE = ['é', '—', '中', '😀', '\ud800', '\udc00', '\u00a0', '٣'];
const longAscii = 'a '.repeat(40);

const textOf = (pieces: readonly string[]) =>
  fc
    .tuple(
      fc.constantFrom('', longAscii),
      fc.array(fc.constantFrom(...pieces, ...OUTSIDE), { maxLength: 40 }),
    )
    .map(([prefix, parts]) => prefix + parts.join(''));

const emailish = textOf([
  'jane.doe+billing',
  '@',
  'example',
  '.co',
  '.uk',
  'ops',
  'support-desk',
  '.io',
  '-',
  '.',
  'a',
  ' ',
  '%',
  '_',
  '+',
  '1',
  'x'.repeat(63),
]);
const numberish = textOf([
  '4111 1111 1111 1111',
  '5555-5555-5555-4444',
  '378282246310005',
  '4111 1111 1111 1112',
  '0',
  '1',
  '2',
  '4',
  '7',
  ' ',
  '-',
  'a',
  '_',
  '.',
]);

describe('the scanners reading in place (text that is not ASCII, or with few @)', () => {
  it('replace the e-mail addresses the byte scanner replaces', () => {
    fc.assert(
      fc.property(emailish, (text) => {
        const expected = redactEmails(asDel(text), '[REDACTED:email]');
        expect(asDel(redactEmails(text, '[REDACTED:email]'))).toBe(expected);
        expect(asDel(redactEmailsByCharacter(text, '[REDACTED:email]'))).toBe(expected);
      }),
      { numRuns: RUNS },
    );
  });

  it('replace the card numbers the byte scanner replaces', () => {
    fc.assert(
      fc.property(numberish, (text) => {
        const expected = redactPaymentCards(asDel(text), '[REDACTED:payment_card]');
        expect(asDel(redactPaymentCards(text, '[REDACTED:payment_card]'))).toBe(expected);
        expect(asDel(redactPaymentCardsByCharacter(text, '[REDACTED:payment_card]'))).toBe(expected);
      }),
      { numRuns: RUNS },
    );
  });

  it('replace in ASCII text with few @ what they replace in its part with many', () => {
    const blanks = ' '.repeat(2000);
    fc.assert(
      fc.property(emailish.map(asDel), (text) => {
        expect(redactEmails(blanks + text, '[REDACTED:email]')).toBe(
          blanks + redactEmails(text, '[REDACTED:email]'),
        );
      }),
      { numRuns: RUNS },
    );
  });

  it('find an address and a card after a character outside ASCII', () => {
    expect(redactEmails('é a@b.io', 'X')).toBe('é X');
    expect(redactPaymentCards('— 4111 1111 1111 1111', 'X')).toBe('— X');
    expect(redactEmails(`${longAscii}😀 a@b.io`, 'X')).toBe(`${longAscii}😀 X`);
  });
});
