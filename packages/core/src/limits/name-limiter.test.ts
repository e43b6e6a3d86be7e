import { describe, expect, it } from 'vitest';
import { INVALID_NAME, NameLimiter } from './name-limiter.js';

describe('NameLimiter', () => {
  it('cuts, cleans and caps distinct values with an overflow value', () => {
    const limiter = new NameLimiter({ kind: 'tool name', maxDistinct: 2, maxLength: 8 });
    expect(limiter.bound('kb.search-results')).toBe('kb.searc');
    expect(limiter.bound('rm -rf /')).toBe('rm_-rf_/');
    expect(limiter.bound('third')).toBe('_overflow');
    expect(limiter.bound('kb.search-results')).toBe('kb.searc');
    expect(limiter.bound('')).toBe(INVALID_NAME);
    expect(limiter.bound(42)).toBe(INVALID_NAME);
    expect(limiter.bound(undefined)).toBe(INVALID_NAME);
  });

  it('counts names that share their first maxLength characters as one, so huge names are never kept whole', () => {
    const limiter = new NameLimiter({ kind: 'tool name', maxDistinct: 2, maxLength: 16 });
    const prefix = 'x'.repeat(16);
    for (let i = 0; i < 1000; i++) expect(limiter.bound(`${prefix}${'y'.repeat(100_000)}${i}`)).toBe(prefix);
    expect(limiter.bound('other')).toBe('other');
  });
});
