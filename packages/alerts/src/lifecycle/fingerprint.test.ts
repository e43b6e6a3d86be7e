import { describe, expect, it } from 'vitest';
import { fingerprint } from './fingerprint.js';
import { fnv1a64 } from './fnv-hash.js';

describe('fingerprint', () => {
  it('depends on the labels, not their order', () => {
    expect(fingerprint({ a: '1', b: '2' })).toBe(fingerprint({ b: '2', a: '1' }));
    expect(fingerprint({ a: '1', b: '2' })).not.toBe(fingerprint({ a: '1', b: '3' }));
    expect(fingerprint({ a: '1b', c: '' })).not.toBe(fingerprint({ a: '1', bc: '' }));
    expect(fingerprint({})).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('fnv1a64', () => {
  it('is stable and spreads inputs', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('ab')).not.toBe(fnv1a64('ba'));
  });
});
