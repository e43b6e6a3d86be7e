import { describe, expect, it } from 'vitest';
import { createRedactor } from './redact.js';
import { redactValue } from './redact-value.js';
import { isSecretKeyName } from './secret-key.js';

const redact = createRedactor();

describe('redactValue', () => {
  it('copies with every string redacted and secret-named fields replaced, leaving the value alone', () => {
    const value = { note: 'mail jane@example.com', nested: [{ apiKey: 42, token: null }], count: 3 };
    expect(redactValue(value, redact)).toEqual({
      note: 'mail [REDACTED:email]',
      nested: [{ apiKey: '[REDACTED:secret_field]', token: '[REDACTED:secret_field]' }],
      count: 3,
    });
    expect(value.note).toBe('mail jane@example.com');
  });

  it('turns errors into type, message and stack plus their own fields', () => {
    const error = Object.assign(new RangeError('for bob@example.com'), { code: 'E_BAD' });
    const copy = redactValue({ err: error }, redact) as { err: Record<string, string> };
    expect(copy.err).toMatchObject({ type: 'RangeError', message: 'for [REDACTED:email]', code: 'E_BAD' });
    expect(copy.err.stack).toContain('[REDACTED:email]');
  });

  it('survives cycles, depth, width, hostile getters and huge strings', () => {
    const cycle: Record<string, unknown> = { name: 'a' };
    cycle.self = cycle;
    expect(redactValue(cycle, redact)).toEqual({ name: 'a', self: '[Circular]' });
    let deep: unknown = 'bottom';
    for (let i = 0; i < 20; i++) deep = { deep };
    expect(JSON.stringify(redactValue(deep, redact))).toContain('[Truncated]');
    const wide = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`k${i}`, i]));
    expect(Object.keys(redactValue(wide, redact) as object)).toHaveLength(201);
    const hostile = Object.defineProperty({}, 'x', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    expect(redactValue(hostile, redact)).toEqual({ x: '[Unreadable]' });
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    expect(() => redactValue(revoked.proxy, redact)).not.toThrow();
    const huge = redactValue(`${'a'.repeat(100_000)} jane@example.com`, redact) as string;
    expect(huge.length).toBeLessThan(40_000);
  });
});

describe('isSecretKeyName', () => {
  it('knows keys whose value is a secret, and not their look-alikes', () => {
    for (const key of [
      'password',
      'DB_PASSWORD',
      'apiKey',
      'x-api-key',
      'client_secret',
      'SessionToken',
      'authorization',
      'Cookie',
      'pwd',
      'auth',
    ]) {
      expect(isSecretKeyName(key), key).toBe(true);
    }
    for (const key of ['max_tokens', 'token_count', 'bypass', 'author', 'keyboard', 'passenger', 'message']) {
      expect(isSecretKeyName(key), key).toBe(false);
    }
  });
});
