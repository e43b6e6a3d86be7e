import { describe, expect, it } from 'vitest';
import { guardHarness } from '../engine/guard-harness.test-util.js';
import { negativeSentimentRule } from './negative-sentiment.js';

const mood = (label: 'negative' | 'neutral' | 'positive') =>
  ({ type: 'sentiment', label, score: label === 'negative' ? -0.8 : 0.5 }) as const;

describe('negativeSentimentRule', () => {
  it('stays quiet at 30 %, fires above, resolves when the mood recovers', () => {
    const h = guardHarness({ rules: [negativeSentimentRule({ forMs: 0 })] });
    for (let i = 0; i < 7; i++) h.emit(mood(i % 2 ? 'neutral' : 'positive'));
    for (let i = 0; i < 3; i++) h.emit(mood('negative'));
    expect(h.fired()).toEqual([]);
    h.emit(mood('negative'));
    expect(h.fired()).toEqual(['AgentNegativeSentiment']);
    expect(h.guard.alerts()[0]?.value).toBeCloseTo(4 / 11, 10);
    for (let i = 0; i < 3; i++) h.emit(mood('positive'));
    expect(h.resolved()).toEqual(['AgentNegativeSentiment']);
  });

  it('needs a minimum sample', () => {
    const h = guardHarness({ rules: [negativeSentimentRule({ forMs: 0 })] });
    for (let i = 0; i < 9; i++) h.emit(mood('negative'));
    expect(h.fired()).toEqual([]);
    h.emit(mood('negative'));
    expect(h.fired()).toEqual(['AgentNegativeSentiment']);
  });

  it('fires after 5 min of bad mood by default', () => {
    const h = guardHarness({ rules: [negativeSentimentRule()] });
    for (let i = 0; i < 10; i++) h.emit(mood('negative'));
    expect(h.fired()).toEqual([]);
    h.advance(300_000);
    expect(h.fired()).toEqual(['AgentNegativeSentiment']);
  });

  it('rejects a ratio outside 0..1', () => {
    expect(() => negativeSentimentRule({ maxNegativeRatio: 30 })).toThrow(/maxNegativeRatio/);
  });
});
