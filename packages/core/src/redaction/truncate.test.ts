import { describe, expect, it } from 'vitest';
import { TRUNCATION_MARKER, truncateUtf8 } from './truncate.js';

const bytes = (text: string) => new TextEncoder().encode(text).length;
const MARKER_BYTES = bytes(TRUNCATION_MARKER);

describe('truncateUtf8', () => {
  it('returns text that fits unchanged', () => {
    expect(truncateUtf8('hello', 5)).toBe('hello');
    expect(truncateUtf8('héllo', 6)).toBe('héllo');
    expect(truncateUtf8('😀', 4)).toBe('😀');
    expect(truncateUtf8('', 0)).toBe('');
    expect(truncateUtf8('x'.repeat(1000), Number.POSITIVE_INFINITY)).toHaveLength(1000);
  });

  it('cuts ASCII text and appends the marker within the budget', () => {
    const cut = truncateUtf8('a'.repeat(100), 30);
    expect(cut).toBe(`${'a'.repeat(30 - MARKER_BYTES)}${TRUNCATION_MARKER}`);
    expect(bytes(cut)).toBe(30);
  });

  it('never splits a surrogate pair (emoji)', () => {
    const text = '😀'.repeat(20); // 4 bytes each
    for (let max = MARKER_BYTES; max < 80; max++) {
      const cut = truncateUtf8(text, max);
      expect(bytes(cut), `max ${max}`).toBeLessThanOrEqual(max);
      expect(cut.endsWith(TRUNCATION_MARKER)).toBe(true);
      const kept = cut.slice(0, -TRUNCATION_MARKER.length);
      expect(kept).toBe('😀'.repeat(Math.floor((max - MARKER_BYTES) / 4)));
      expect(kept).not.toMatch(/[\uD800-\uDBFF]$/);
    }
  });

  it('never splits a CJK character (three bytes)', () => {
    const text = '客户服务很好'.repeat(10);
    const cut = truncateUtf8(text, MARKER_BYTES + 7);
    expect(cut).toBe(`客户${TRUNCATION_MARKER}`);
    expect(bytes(cut)).toBeLessThanOrEqual(MARKER_BYTES + 7);
  });

  it('handles mixed widths and keeps the longest prefix that fits', () => {
    const text = 'aé客😀'.repeat(50);
    for (let max = 0; max < 200; max += 7) {
      const cut = truncateUtf8(text, max);
      expect(bytes(cut)).toBeLessThanOrEqual(max);
      if (max >= MARKER_BYTES) {
        const kept = cut.slice(0, -TRUNCATION_MARKER.length);
        expect(text.startsWith(kept)).toBe(true);
        const next = text.codePointAt(kept.length)!;
        expect(bytes(kept) + bytes(String.fromCodePoint(next))).toBeGreaterThan(max - MARKER_BYTES);
      }
    }
  });

  it('cuts without a marker when the budget is smaller than the marker', () => {
    expect(truncateUtf8('abcdefghijklmnopqrstuvwxyz', 5)).toBe('abcde');
    expect(truncateUtf8('😀😀😀😀😀😀', 7)).toBe('😀');
    expect(truncateUtf8('😀😀', 3)).toBe('');
    expect(truncateUtf8('abc', 0)).toBe('');
  });

  it('counts a lone surrogate as three bytes, like TextEncoder', () => {
    const text = `\uD83Dabc${'x'.repeat(40)}`;
    const cut = truncateUtf8(text, MARKER_BYTES + 4);
    expect(cut).toBe(`\uD83Da${TRUNCATION_MARKER}`);
    expect(bytes(cut)).toBe(MARKER_BYTES + 4);
  });

  it('treats bad budgets safely', () => {
    expect(truncateUtf8('abc', Number.NaN)).toBe('');
    expect(truncateUtf8('abc', -1)).toBe('');
    expect(truncateUtf8('abc', Number.NEGATIVE_INFINITY)).toBe('');
    expect(truncateUtf8('abc', '2' as never)).toBe('');
    expect(truncateUtf8('abcdefghijklmnopqrstuvwxyz', 20.9)).toBe(
      truncateUtf8('abcdefghijklmnopqrstuvwxyz', 20),
    );
    expect(truncateUtf8(undefined as never, 10)).toBe('');
  });

  it('is fast on large text', () => {
    const text = '客'.repeat(5_000_000);
    const start = performance.now();
    const cut = truncateUtf8(text, 8192);
    expect(performance.now() - start).toBeLessThan(500);
    expect(bytes(cut)).toBeLessThanOrEqual(8192);
  });
});

describe('truncateUtf8 on text already cut upstream', () => {
  it('adds the marker even when the text fits, within the budget', () => {
    expect(truncateUtf8('short', 64, true)).toBe(`short${TRUNCATION_MARKER}`);
    const cut = truncateUtf8('x'.repeat(100), 20, true);
    expect(cut.endsWith(TRUNCATION_MARKER)).toBe(true);
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(20);
    expect(truncateUtf8('short', 4, true)).toBe('shor');
  });
});
