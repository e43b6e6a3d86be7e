import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPaymentCard } from './checksums.js';
import { BUILT_IN_REDACTIONS } from './patterns.js';
import { redactPaymentCards } from './payment-card.js';

const MARKER = '[REDACTED:payment_card]';
const RUNS = Number(process.env.FAST_CHECK_RUNS ?? 500);

/** What the scanner must do: the exported pattern, each match replaced when the check accepts it. */
function byPattern(text: string): string {
  const pattern = new RegExp(BUILT_IN_REDACTIONS.find((entry) => entry.name === 'payment_card')!.pattern);
  let out = '';
  let copied = 0;
  for (const match of text.matchAll(pattern)) {
    if (!isPaymentCard(match[0])) continue;
    out += text.slice(copied, match.index) + MARKER;
    copied = match.index + match[0].length;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** Text made of card-shaped pieces: digits, separators and the characters that stop a card. */
const numberish = fc
  .array(
    fc.constantFrom(
      '4111 1111 1111 1111',
      '5555-5555-5555-4444',
      '378282246310005',
      '4242424242424242',
      '6011000990139424',
      '4111 1111 1111 1112',
      '0',
      '1',
      '2',
      '4',
      '7',
      '9',
      '12',
      '345',
      ' ',
      '-',
      '--',
      '  ',
      'a',
      '_',
      '.',
      '\n',
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

describe('the payment card scanner', () => {
  it('replaces exactly what the pattern and the Luhn check replace', () => {
    fc.assert(
      fc.property(numberish, (text) => {
        expect(redactPaymentCards(text, MARKER)).toBe(byPattern(text));
      }),
      { numRuns: RUNS },
    );
  });

  it('catches cards however they are written and wherever they are', () => {
    const cards = [
      '4111111111111111',
      '4111 1111 1111 1111',
      '4111-1111-1111-1111',
      '4111 1111-1111 1111',
      '378282246310005', // 15 digits
      '3782 822463 10005',
      '6011000990139424',
      '5555555555554444',
      '4222222222222', // 13 digits
      '6250941006528599', // 16 digits, prefix 62
      '6212345678901265', // 16 digits, another 62 card
      '4111 1111 1111 1111 003'.replace(/ 003$/, ''),
    ];
    for (const card of cards) {
      for (const text of [
        card,
        `card ${card}.`,
        `(${card})`,
        `"${card}"`,
        `x:${card}\n`,
        `${card} 2 items`,
        `no. 7 ${card}`,
      ]) {
        const out = redactPaymentCards(text, MARKER);
        expect(out, text).toContain(MARKER);
        expect(out, text).not.toContain(card.slice(-4));
      }
    }
  });

  it('leaves numbers that are not cards, and cards glued to letters, as the pattern does', () => {
    for (const text of [
      '4111 1111 1111 1112',
      '1111 1111 1111 1117',
      '4444 4444 4444 4444',
      'id4111111111111111',
      '4111111111111111x',
      '4111  1111 1111 1111',
      '41111111111111111111111',
    ]) {
      expect(redactPaymentCards(text, MARKER), text).toBe(text);
      expect(byPattern(text), text).toBe(text);
    }
  });

  it('reads each character a bounded number of times', () => {
    const text = '4 '.repeat(200_000);
    const start = performance.now();
    expect(redactPaymentCards(text, MARKER)).toBe(text);
    expect(performance.now() - start).toBeLessThan(2_000);
  });
});
