import { describe, expect, it } from 'vitest';
import { EMOJI_SCORES, INTENSIFIERS, NEGATORS, PHRASE_SCORES, WORD_SCORES } from './lexicon.js';
import {
  analyzeSentiment,
  DEFAULT_SENTIMENT_THRESHOLDS,
  MAX_SENTIMENT_TEXT_LENGTH,
  sentimentLabel,
  validateSentimentThresholds,
} from './sentiment.js';

const label = (text: string) => sentimentLabel(analyzeSentiment(text));

describe('analyzeSentiment on support messages', () => {
  it.each([
    "My order still hasn't arrived and I've been waiting for hours. This is useless, I want a refund.",
    'Still broken after the update. Cancel my account.',
    "I'm not happy with this at all",
    'I was charged twice 😡',
    'I want to speak to a human',
    "It doesn't work",
    'The app is fast but useless',
    'I need a refund for order 1234',
    'This is a waste of time, nobody answers my emails',
    'Worst support ever. Ridiculous.',
  ])('negative: %s', (text) => {
    expect(label(text)).toBe('negative');
  });

  it.each([
    'Can you tell me how to change my shipping address?',
    'What are your opening hours?',
    'My order number is 88412, it was placed on Monday.',
    'ok',
    'Please send the invoice to the billing department.',
  ])('neutral: %s', (text) => {
    expect(analyzeSentiment(text)).toBeCloseTo(0, 1);
    expect(label(text)).toBe('neutral');
  });

  it.each([
    'Thanks so much, that fixed it!',
    'Great, it works now 👍',
    'Thank you for your help, much appreciated.',
    'You were very patient and helpful, I really appreciate it',
    'no worries thanks',
    'Problem solved, you are the best ❤️',
  ])('positive: %s', (text) => {
    expect(label(text)).toBe('positive');
  });
});

describe('analyzeSentiment rules', () => {
  it('flips negated words within three words', () => {
    expect(analyzeSentiment('I am happy')).toBeGreaterThan(0.25);
    expect(analyzeSentiment('I am not happy')).toBeLessThan(-0.25);
    expect(analyzeSentiment("I'm not at all happy")).toBeLessThan(0);
    expect(analyzeSentiment('not bad')).toBeGreaterThan(0);
    expect(analyzeSentiment("don't love it")).toBeLessThan(0);
    expect(analyzeSentiment('it was not, happy')).toBeGreaterThan(0); // negation stops at punctuation
    expect(analyzeSentiment('not that this makes me happy')).toBeGreaterThan(0); // more than three words away
  });

  it('scales with intensifiers and dampeners', () => {
    const plain = analyzeSentiment('the support was helpful');
    expect(analyzeSentiment('the support was very helpful')).toBeGreaterThan(plain);
    expect(analyzeSentiment('the support was extremely helpful')).toBeGreaterThan(
      analyzeSentiment('the support was very helpful'),
    );
    expect(analyzeSentiment('the support was slightly helpful')).toBeLessThan(plain);
    expect(Math.abs(analyzeSentiment('not very happy'))).toBeLessThan(
      Math.abs(analyzeSentiment('not happy')),
    );
  });

  it('counts exclamation marks and capitals as emphasis', () => {
    const calm = analyzeSentiment('this is ridiculous');
    expect(analyzeSentiment('this is ridiculous!!!')).toBeLessThan(calm);
    expect(analyzeSentiment('this is RIDICULOUS')).toBeLessThan(calm);
    expect(analyzeSentiment('!!!')).toBe(0);
  });

  it('weighs what follows "but" more', () => {
    expect(analyzeSentiment('the agent was nice but the product is useless')).toBeLessThan(0);
    expect(analyzeSentiment('the product is useless but the agent was great')).toBeGreaterThan(0);
  });

  it('reads common emoji', () => {
    expect(analyzeSentiment('👍')).toBeGreaterThan(0);
    expect(analyzeSentiment('😡😡')).toBeLessThan(-0.25);
    expect(analyzeSentiment('❤️')).toBeGreaterThan(0.25);
    expect(analyzeSentiment('🚀')).toBe(0);
  });

  it('stays within -1..1 on long texts', () => {
    expect(analyzeSentiment('terrible awful useless '.repeat(500))).toBeGreaterThanOrEqual(-1);
    expect(analyzeSentiment('terrible awful useless '.repeat(500))).toBeLessThan(-0.99);
    expect(analyzeSentiment('great amazing '.repeat(500))).toBeLessThanOrEqual(1);
  });

  it('reads only the first MAX_SENTIMENT_TEXT_LENGTH characters, quickly', () => {
    const text = `${'x '.repeat(MAX_SENTIMENT_TEXT_LENGTH)}terrible`;
    const start = performance.now();
    expect(analyzeSentiment(text)).toBe(0);
    expect(analyzeSentiment('word '.repeat(1_000_000))).toBe(0);
    expect(performance.now() - start).toBeLessThan(1_000);
  });

  it('is 0 for empty and non-string input, and deterministic', () => {
    expect(analyzeSentiment('')).toBe(0);
    expect(analyzeSentiment('   ')).toBe(0);
    expect(analyzeSentiment(undefined as never)).toBe(0);
    expect(analyzeSentiment(42 as never)).toBe(0);
    const text = 'still broken, thanks for nothing';
    expect(analyzeSentiment(text)).toBe(analyzeSentiment(text));
  });

  it('has a consistent lexicon', () => {
    for (const [word, score] of WORD_SCORES) {
      expect(word).toMatch(/^[a-z]+$/);
      expect(Math.abs(score)).toBeGreaterThan(0);
      expect(Math.abs(score)).toBeLessThanOrEqual(5);
      expect(NEGATORS.has(word) || INTENSIFIERS.has(word), word).toBe(false);
    }
    for (const phrase of PHRASE_SCORES.keys()) expect(phrase).toMatch(/^[a-z]+(?: [a-z]+){1,3}$/);
    for (const emoji of EMOJI_SCORES.keys()) expect([...emoji]).toHaveLength(1);
  });
});

describe('sentimentLabel', () => {
  it('uses inclusive thresholds, -0.25 and 0.25 by default', () => {
    expect(DEFAULT_SENTIMENT_THRESHOLDS).toEqual({ negativeAtOrBelow: -0.25, positiveAtOrAbove: 0.25 });
    expect(sentimentLabel(-0.25)).toBe('negative');
    expect(sentimentLabel(-0.2499)).toBe('neutral');
    expect(sentimentLabel(0)).toBe('neutral');
    expect(sentimentLabel(0.2499)).toBe('neutral');
    expect(sentimentLabel(0.25)).toBe('positive');
    expect(sentimentLabel(-1)).toBe('negative');
    expect(sentimentLabel(1)).toBe('positive');
  });

  it('uses custom thresholds', () => {
    const strict = { negativeAtOrBelow: -0.6, positiveAtOrAbove: 0.6 };
    expect(sentimentLabel(-0.5, strict)).toBe('neutral');
    expect(sentimentLabel(-0.6, strict)).toBe('negative');
    expect(sentimentLabel(0.7, strict)).toBe('positive');
  });

  it('labels non-finite scores neutral', () => {
    expect(sentimentLabel(Number.NaN)).toBe('neutral');
    expect(sentimentLabel(Number.POSITIVE_INFINITY)).toBe('neutral');
    expect(sentimentLabel(Number.NEGATIVE_INFINITY)).toBe('neutral');
    expect(sentimentLabel('0.9' as never)).toBe('neutral');
  });
});

describe('validateSentimentThresholds', () => {
  it('fills in defaults', () => {
    expect(validateSentimentThresholds(undefined)).toEqual(DEFAULT_SENTIMENT_THRESHOLDS);
    expect(validateSentimentThresholds({})).toEqual(DEFAULT_SENTIMENT_THRESHOLDS);
    expect(validateSentimentThresholds({ negativeAtOrBelow: -0.5 })).toEqual({
      negativeAtOrBelow: -0.5,
      positiveAtOrAbove: 0.25,
    });
  });

  it.each([
    [{ negativeAtOrBelow: Number.NaN }, 'sentiment.negativeAtOrBelow must be a finite number (got NaN)'],
    [
      { positiveAtOrAbove: Number.POSITIVE_INFINITY },
      'sentiment.positiveAtOrAbove must be a finite number (got Infinity)',
    ],
    [
      { positiveAtOrAbove: '0.5' as never },
      'sentiment.positiveAtOrAbove must be a finite number (got string "0.5")',
    ],
    [{ negativeAtOrBelow: -1.5 }, 'sentiment.negativeAtOrBelow must be within -1..1 (got -1.5)'],
    [{ positiveAtOrAbove: 2 }, 'sentiment.positiveAtOrAbove must be within -1..1 (got 2)'],
    [
      { negativeAtOrBelow: 0.3 },
      'sentiment.negativeAtOrBelow (0.3) must be below sentiment.positiveAtOrAbove (0.25)',
    ],
    [{ negativeAtOrBelow: 0.1, positiveAtOrAbove: 0.1 }, 'must be below'],
  ])('rejects %o', (thresholds, message) => {
    expect(() => validateSentimentThresholds(thresholds)).toThrow(TypeError);
    expect(() => validateSentimentThresholds(thresholds)).toThrow(message);
  });

  it('lists every bad field at once', () => {
    expect(() =>
      validateSentimentThresholds({ negativeAtOrBelow: -2, positiveAtOrAbove: Number.NaN }),
    ).toThrow(/negativeAtOrBelow must be within -1\.\.1[\s\S]*positiveAtOrAbove must be a finite number/);
    expect(() => validateSentimentThresholds(null as never)).toThrow(/must be an object/);
  });
});
