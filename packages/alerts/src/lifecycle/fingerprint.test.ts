import { describe, expect, it } from 'vitest';
import { fingerprint } from './fingerprint.js';

describe('fingerprint', () => {
  it('depends on the labels, not their order', () => {
    expect(fingerprint({ a: '1', b: '2' })).toBe(fingerprint({ b: '2', a: '1' }));
    expect(fingerprint({ a: '1', b: '2' })).not.toBe(fingerprint({ a: '1', b: '3' }));
    expect(fingerprint({ a: '1b', c: '' })).not.toBe(fingerprint({ a: '1', bc: '' }));
    expect(fingerprint({})).toMatch(/^[0-9a-f]{16}$/);
  });
});
