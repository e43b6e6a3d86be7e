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

  it('rejects a bad capacity', () => {
    expect(() => new CallHistory(0)).toThrow(RangeError);
    expect(() => new CallHistory(1.5)).toThrow(RangeError);
  });
});
