import { describe, expect, it } from 'vitest';
import { RingBuffer } from './ring-buffer.js';

describe('RingBuffer', () => {
  it('keeps the newest items, newest first', () => {
    const ring = new RingBuffer<number>(3);
    for (const n of [1, 2, 3, 4, 5]) ring.push(n);
    expect(ring.size).toBe(3);
    expect([ring.at(0), ring.at(1), ring.at(2), ring.at(3)]).toEqual([5, 4, 3, undefined]);
    expect(ring.at(-1)).toBeUndefined();
    ring.clear();
    expect(ring.size).toBe(0);
    expect(ring.at(0)).toBeUndefined();
  });

  it('rejects a bad capacity', () => {
    expect(() => new RingBuffer(0)).toThrow(RangeError);
    expect(() => new RingBuffer(Number.NaN)).toThrow(RangeError);
  });
});
