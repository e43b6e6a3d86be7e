import { describe, expect, it } from 'vitest';
import { CircuitBreaker, type CircuitBreakerOptions } from './circuit-breaker.js';

describe('CircuitBreaker options', () => {
  it.each([
    [{ name: '' }, /options\.name/],
    [{ name: '   ' }, /options\.name/],
    [{ name: 42 }, /options\.name/],
    [{ name: 'a', coolDownMs: -1 }, /options\.coolDownMs/],
    [{ name: 'a', coolDownMs: Number.NaN }, /options\.coolDownMs/],
    [{ name: 'a', coolDownMs: Number.POSITIVE_INFINITY }, /options\.coolDownMs/],
    [{ name: 'a', coolDownMs: '10' }, /options\.coolDownMs/],
    [{ name: 'a', trialTimeoutMs: 0 }, /options\.trialTimeoutMs/],
    [{ name: 'a', trialTimeoutMs: Number.NEGATIVE_INFINITY }, /options\.trialTimeoutMs/],
    [{ name: 'a', clock: 5 }, /options\.clock/],
    [{ name: 'a', onStateChange: 'x' }, /options\.onStateChange/],
  ])('rejects bad options %o', (options, message) => {
    expect(() => new CircuitBreaker(options as unknown as CircuitBreakerOptions)).toThrow(TypeError);
    expect(() => new CircuitBreaker(options as unknown as CircuitBreakerOptions)).toThrow(message);
  });

  it('rejects a missing options object', () => {
    expect(() => new CircuitBreaker(undefined as unknown as CircuitBreakerOptions)).toThrow(TypeError);
  });
});
