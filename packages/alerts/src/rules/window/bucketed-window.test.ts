import { describe, expect, it } from 'vitest';
import { BucketedWindow } from './bucketed-window.js';

describe('BucketedWindow', () => {
  it('sums and counts values inside the window', () => {
    const window = new BucketedWindow(60_000, 60);
    window.add(1_000, 2);
    window.add(30_000, 3);
    expect(window.sum(59_000)).toBe(5);
    expect(window.count(59_000)).toBe(2);
  });

  it('expires values older than the window, bucket by bucket', () => {
    const window = new BucketedWindow(60_000, 60);
    window.add(0, 1);
    window.add(30_000, 1);
    expect(window.sum(59_999)).toBe(2);
    expect(window.sum(60_000)).toBe(1);
    expect(window.sum(90_000)).toBe(0);
  });

  it('reuses buckets after wrapping around the ring', () => {
    const window = new BucketedWindow(10_000, 10);
    for (let t = 0; t < 100_000; t += 500) window.add(t, 1);
    expect(window.count(99_999)).toBe(20);
  });

  it('ignores NaN, infinities and non-finite times', () => {
    const window = new BucketedWindow(10_000, 10);
    window.add(1_000, Number.NaN);
    window.add(1_000, Number.POSITIVE_INFINITY);
    window.add(Number.NaN, 1);
    window.add(1_000, -2);
    expect(window.sum(1_000)).toBe(-2);
    expect(window.count(1_000)).toBe(1);
    expect(window.sum(Number.NaN)).toBe(0);
  });

  it('does not count the future or the far past after a clock jump backwards', () => {
    const window = new BucketedWindow(10_000, 10);
    window.add(50_000, 1);
    expect(window.sum(20_000)).toBe(0);
    expect(window.sum(50_500)).toBe(1);
  });

  it('keeps its totals equal to a fresh pass while values arrive between readings', () => {
    const window = new BucketedWindow(10_000, 10);
    const added: [number, number][] = [];
    let now = 0;
    for (let step = 0; step < 2_000; step++) {
      now += [0, 1, 250, 999, 1_000, 4_000][step % 6]!;
      const value = step % 7 === 0 ? 0.1 * step : step % 5;
      window.add(now, value);
      added.push([now, value]);
      const newest = Math.floor(now / 1_000) * 1_000;
      const inWindow = added.filter(([time]) => time >= newest - 9_000);
      expect(window.count(now)).toBe(inWindow.length);
      expect(window.sum(now)).toBeCloseTo(
        inWindow.reduce((sum, [, v]) => sum + v, 0),
        6,
      );
    }
    expect(window.sum(now + 20_000)).toBe(0);
    expect(window.count(now + 20_000)).toBe(0);
  });

  it('rejects a bad configuration', () => {
    expect(() => new BucketedWindow(0)).toThrow(RangeError);
    expect(() => new BucketedWindow(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => new BucketedWindow(1000, 0)).toThrow(RangeError);
    expect(() => new BucketedWindow(1000, 1.5)).toThrow(RangeError);
  });
});
