import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CallHistory } from './call-history.js';

describe('CallHistory', () => {
  it('counts the latest call and its result among the newest calls of the window', () => {
    const history = new CallHistory(5);
    expect(history.latestTime()).toBeUndefined();
    for (let t = 0; t < 8; t++) history.push(t * 1_000, 'search', t % 2 === 0 ? 1 : 2, t < 6 ? 7 : undefined);
    expect(history.size).toBe(5);
    expect(history.latestTime()).toBe(7_000);
    expect(history.latestToolName()).toBe('search');
    // Newest first: keys 2,1,2,1,2; results none,none,7,7,7.
    expect(history.judge(7_000, 60_000, 5)).toEqual({
      identical: 3,
      sameResult: 0,
      alternating: 5,
      validUntil: 63_000,
    });
    expect(history.judge(7_000, 60_000, 2)).toMatchObject({ identical: 1 });
  });

  it('leaves out calls older than the window and says until when the judgement holds', () => {
    const history = new CallHistory(10);
    history.push(0, 'a', 1, 9);
    history.push(50_000, 'a', 1, 9);
    history.push(60_000, 'a', 1, 9);
    expect(history.judge(60_000, 60_000, 10)).toEqual({
      identical: 3,
      sameResult: 3,
      alternating: 1,
      validUntil: 60_000,
    });
    expect(history.judge(60_001, 60_000, 10)).toMatchObject({ identical: 2, validUntil: 110_000 });
  });

  it('stops an alternating run at the first call that breaks it', () => {
    const history = new CallHistory(10);
    for (const key of [3, 1, 2, 1, 2]) history.push(0, 't', key, undefined);
    expect(history.judge(0, 1_000, 10).alternating).toBe(4);
    history.push(0, 't', 2, undefined);
    expect(history.judge(0, 1_000, 10).alternating).toBe(1);
  });

  it('bounds repeats from above: never says no repeat where judge finds one (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.option(fc.integer({ min: 0, max: 3 }))), {
          minLength: 1,
          maxLength: 60,
        }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 4 }),
        (calls, capacity, maxIdentical, maxSame) => {
          const history = new CallHistory(capacity);
          // Keys 64 apart share a bucket: the bound must survive collisions.
          for (const [key, result] of calls) history.push(0, 't', key * 64, result ?? undefined);
          const found = history.judge(0, 1_000, capacity);
          if (found.identical > maxIdentical || found.sameResult > maxSame || found.alternating > 2)
            expect(history.mayRepeat(maxIdentical, maxSame)).toBe(true);
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('says no repeat in constant time once the latest call is new', () => {
    const history = new CallHistory(20);
    for (let i = 0; i < 100; i++) history.push(i, 't', i, i);
    expect(history.mayRepeat(5, 5)).toBe(false);
    for (let i = 0; i < 6; i++) history.push(200 + i, 't', 7, undefined);
    expect(history.mayRepeat(5, 5)).toBe(true);
    history.push(300, 't', 8, undefined);
    history.push(301, 't', 9, undefined);
    history.push(302, 't', 8, undefined);
    expect(history.mayRepeat(5, 5)).toBe(true);
  });

  it('rejects a bad capacity', () => {
    expect(() => new CallHistory(0)).toThrow(RangeError);
    expect(() => new CallHistory(1.5)).toThrow(RangeError);
  });
});
