import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from './circuit-breaker.js';

/**
 * Half-open failure modes reported against other Node.js circuit breakers (opossum,
 * cockatiel, Polly's discussion of late results), each pinned down here.
 */
function setup() {
  let now = 5_000_000;
  const breaker = new CircuitBreaker({
    name: 'agent',
    coolDownMs: 1_000,
    trialTimeoutMs: 500,
    clock: () => now,
  });
  return {
    breaker,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('CircuitBreaker against known half-open bugs', () => {
  it('a trial call that hangs forever does not leave the breaker half-open', () => {
    const { breaker, advance } = setup();
    breaker.trip('x');
    advance(1_000);
    expect(breaker.acquire()).toEqual({ allowed: true, trial: true });
    advance(499);
    expect(breaker.acquire().allowed).toBe(false);
    advance(1);
    expect(breaker.state).toBe('open');
    advance(1_000);
    const next = breaker.acquire();
    expect(next).toEqual({ allowed: true, trial: true });
    breaker.record(true, next);
    expect(breaker.state).toBe('closed');
  });

  it('half-open lets one call through, not every caller', () => {
    const { breaker, advance } = setup();
    breaker.trip('x');
    advance(1_000);
    const permits = Array.from({ length: 100 }, () => breaker.acquire());
    expect(permits.filter((permit) => permit.allowed)).toHaveLength(1);
  });

  it('a failed trial reopens the breaker, every time, and a later success closes it', () => {
    const { breaker, advance } = setup();
    breaker.trip('x');
    for (let cycle = 0; cycle < 5; cycle++) {
      advance(1_000);
      const permit = breaker.acquire();
      expect(permit.allowed).toBe(true);
      breaker.record(false, permit);
      expect(breaker.state).toBe('open');
      expect(breaker.acquire().allowed).toBe(false);
    }
    advance(1_000);
    const permit = breaker.acquire();
    breaker.record(true, permit);
    expect(breaker.state).toBe('closed');
  });

  it('goes through open → half-open → closed again and again (no flag left set from a previous cycle)', () => {
    const { breaker, advance } = setup();
    for (let cycle = 0; cycle < 5; cycle++) {
      breaker.trip('x');
      advance(1_000);
      const permit = breaker.acquire();
      expect(permit).toEqual({ allowed: true, trial: true });
      breaker.record(true, permit);
      expect(breaker.state).toBe('closed');
      expect(breaker.acquire()).toEqual({ allowed: true, trial: false });
    }
  });

  it('half-opens on time alone, without a call or a timer', () => {
    const { breaker, advance } = setup();
    breaker.trip('x');
    advance(1_000);
    expect(breaker.state).toBe('half-open');
  });

  it('does not take a late result of a call from before the trip as the trial result', () => {
    const { breaker, advance } = setup();
    const old = breaker.acquire();
    breaker.trip('x');
    advance(1_000);
    const trial = breaker.acquire();
    breaker.record(true, old);
    expect(breaker.state).toBe('half-open');
    expect(breaker.acquire().allowed).toBe(false);
    breaker.record(true, trial);
    expect(breaker.state).toBe('closed');
  });

  it('gives a released trial permit to the next caller at once', () => {
    const { breaker, advance } = setup();
    breaker.trip('x');
    advance(1_000);
    const unused = breaker.acquire();
    breaker.release(unused);
    const trial = breaker.acquire();
    expect(trial).toEqual({ allowed: true, trial: true });
    breaker.release(breaker.acquire());
    breaker.release({ allowed: true, trial: true });
    expect(breaker.acquire().allowed).toBe(false);
    breaker.record(true, trial);
    expect(breaker.state).toBe('closed');
  });
});
