import type { BreakerState } from '@agentvitals/core';
import { describe, expect, it } from 'vitest';
import { type BreakerStateChange, CircuitBreaker, type CircuitBreakerOptions } from './circuit-breaker.js';

function setup(options: Partial<CircuitBreakerOptions> = {}) {
  let now = 1_000_000;
  const changes: BreakerStateChange[] = [];
  const breaker = new CircuitBreaker({
    name: 'agent',
    coolDownMs: 1_000,
    trialTimeoutMs: 500,
    clock: () => now,
    onStateChange: (change) => changes.push(change),
    ...options,
  });
  return {
    breaker,
    changes,
    advance: (ms: number) => {
      now += ms;
    },
    setNow: (value: number) => {
      now = value;
    },
    now: () => now,
  };
}

const transitions = (changes: readonly BreakerStateChange[]): string[] =>
  changes.map((change) => `${change.from}->${change.to}`);

describe('CircuitBreaker', () => {
  it('starts closed and lets calls through without a trial', () => {
    const { breaker, changes } = setup();
    expect(breaker.state).toBe('closed');
    expect(breaker.acquire()).toEqual({ allowed: true, trial: false });
    breaker.record(false);
    expect(breaker.state).toBe('closed');
    expect(changes).toEqual([]);
    expect(breaker.name).toBe('agent');
  });

  it('closed → open on trip, refusing calls with retryAt and the trip reason', () => {
    const { breaker, changes, now } = setup();
    breaker.trip('11 consecutive failed tool calls');
    expect(breaker.state).toBe('open');
    expect(breaker.acquire()).toEqual({
      allowed: false,
      retryAt: now() + 1_000,
      reason: '11 consecutive failed tool calls',
    });
    expect(breaker.reason).toBe('11 consecutive failed tool calls');
    expect(changes).toEqual([{ from: 'closed', to: 'open', reason: '11 consecutive failed tool calls' }]);
  });

  it('stays open until the cool-down has fully elapsed, then half-opens lazily', () => {
    const { breaker, changes, advance } = setup();
    breaker.trip('x');
    advance(999);
    expect(breaker.state).toBe('open');
    expect(breaker.acquire().allowed).toBe(false);
    advance(1);
    expect(transitions(changes)).toEqual(['closed->open']);
    expect(breaker.state).toBe('half-open');
    expect(changes.at(-1)).toEqual({ from: 'open', to: 'half-open', reason: 'cool-down of 1000 ms elapsed' });
  });

  it('half-open lets exactly one trial through and refuses the rest until it reports', () => {
    const { breaker, advance, now } = setup();
    breaker.trip('x');
    advance(1_000);
    const trial = breaker.acquire();
    expect(trial).toEqual({ allowed: true, trial: true });
    const second = breaker.acquire();
    expect(second.allowed).toBe(false);
    if (!second.allowed) {
      expect(second.retryAt).toBe(now() + 500);
      expect(second.reason).toContain('trial call is in flight');
    }
    expect(breaker.acquire().allowed).toBe(false);
  });

  it('half-open → closed when the trial succeeds', () => {
    const { breaker, changes, advance } = setup();
    breaker.trip('x');
    advance(1_000);
    breaker.acquire();
    breaker.record(true);
    expect(breaker.state).toBe('closed');
    expect(breaker.acquire()).toEqual({ allowed: true, trial: false });
    expect(transitions(changes)).toEqual(['closed->open', 'open->half-open', 'half-open->closed']);
  });

  it('half-open → open with a new cool-down when the trial fails', () => {
    const { breaker, changes, advance, now } = setup();
    breaker.trip('x');
    advance(1_000);
    breaker.acquire();
    advance(200);
    breaker.record(false);
    expect(breaker.state).toBe('open');
    const permit = breaker.acquire();
    expect(permit).toEqual({ allowed: false, retryAt: now() + 1_000, reason: 'trial call failed' });
    advance(999);
    expect(breaker.state).toBe('open');
    advance(1);
    expect(breaker.state).toBe('half-open');
    expect(transitions(changes)).toEqual([
      'closed->open',
      'open->half-open',
      'half-open->open',
      'open->half-open',
    ]);
  });

  it('a trial with no result by the trial timeout counts as failed, the cool-down starting at the deadline', () => {
    const { breaker, changes, advance } = setup();
    breaker.trip('x');
    advance(1_000);
    breaker.acquire();
    advance(499);
    expect(breaker.state).toBe('half-open');
    advance(1);
    expect(breaker.state).toBe('open');
    expect(changes.at(-1)?.reason).toBe('trial call reported no result within 500 ms');
    advance(1_000);
    expect(breaker.state).toBe('half-open');
    expect(breaker.acquire()).toEqual({ allowed: true, trial: true });
  });

  it('a late result of a timed-out trial is ignored', () => {
    const { breaker, advance } = setup();
    breaker.trip('x');
    advance(1_000);
    breaker.acquire();
    advance(600);
    breaker.record(true);
    expect(breaker.state).toBe('open');
  });

  it('one huge clock jump applies both the trial timeout and the following cool-down', () => {
    const { breaker, changes, advance } = setup();
    breaker.trip('x');
    advance(1_000);
    breaker.acquire();
    advance(1e12);
    expect(breaker.state).toBe('half-open');
    expect(transitions(changes)).toEqual([
      'closed->open',
      'open->half-open',
      'half-open->open',
      'open->half-open',
    ]);
  });

  it('ignores results when no trial is in flight', () => {
    const { breaker, changes, advance } = setup();
    breaker.record(false);
    breaker.trip('x');
    breaker.record(true);
    expect(breaker.state).toBe('open');
    advance(1_000);
    breaker.record(true);
    expect(breaker.state).toBe('half-open');
    expect(transitions(changes)).toEqual(['closed->open', 'open->half-open']);
  });

  it('with a permit, only the trial permit settles the trial', () => {
    const { breaker, advance } = setup();
    const old = breaker.acquire();
    breaker.trip('x');
    advance(1_000);
    const trial = breaker.acquire();
    breaker.record(true, old);
    expect(breaker.state).toBe('half-open');
    breaker.record(false, trial);
    expect(breaker.state).toBe('open');
  });

  it('treats anything but `true` as a failed trial', () => {
    const { breaker, advance } = setup();
    breaker.trip('x');
    advance(1_000);
    breaker.acquire();
    breaker.record('yes' as unknown as boolean);
    expect(breaker.state).toBe('open');
  });

  it('trip from half-open opens and discards the trial; trip while open restarts the cool-down silently', () => {
    const { breaker, changes, advance } = setup();
    breaker.trip('first');
    advance(1_000);
    breaker.acquire();
    breaker.trip('second');
    expect(breaker.state).toBe('open');
    advance(600);
    breaker.trip('third');
    expect(breaker.reason).toBe('third');
    advance(600);
    expect(breaker.state).toBe('open');
    advance(400);
    expect(breaker.state).toBe('half-open');
    expect(transitions(changes)).toEqual([
      'closed->open',
      'open->half-open',
      'half-open->open',
      'open->half-open',
    ]);
  });

  it('reset closes from open and from half-open, and is silent when already closed', () => {
    const { breaker, changes, advance } = setup();
    breaker.reset('noop');
    breaker.trip('x');
    breaker.reset('operator');
    expect(breaker.state).toBe('closed');
    expect(changes.at(-1)).toEqual({ from: 'open', to: 'closed', reason: 'operator' });
    breaker.trip('x');
    advance(1_000);
    breaker.acquire();
    breaker.reset();
    expect(changes.at(-1)).toEqual({ from: 'half-open', to: 'closed', reason: 'reset' });
    expect(transitions(changes)).toEqual([
      'closed->open',
      'open->closed',
      'closed->open',
      'open->half-open',
      'half-open->closed',
    ]);
  });

  it('coolDownMs 0 half-opens on the next look', () => {
    const { breaker } = setup({ coolDownMs: 0 });
    breaker.trip('x');
    expect(breaker.state).toBe('half-open');
  });

  it('a clock that goes backwards adds no time and does not strand the breaker', () => {
    const { breaker, advance, setNow, now } = setup();
    breaker.trip('x');
    const tripped = now();
    setNow(tripped - 3_600_000);
    expect(breaker.state).toBe('open');
    advance(1_000);
    expect(breaker.state).toBe('half-open');
  });

  it('survives a clock returning NaN or throwing', () => {
    let value: number = 5_000;
    let throws = false;
    const breaker = new CircuitBreaker({
      name: 'agent',
      coolDownMs: 100,
      clock: () => {
        if (throws) throw new Error('clock broke');
        return value;
      },
    });
    breaker.trip('x');
    value = Number.NaN;
    expect(breaker.state).toBe('open');
    throws = true;
    expect(breaker.acquire().allowed).toBe(false);
    throws = false;
    value = 5_100;
    expect(breaker.state).toBe('half-open');
  });

  it('isolates a throwing onStateChange', () => {
    const breaker = new CircuitBreaker({
      name: 'agent',
      onStateChange: () => {
        throw new Error('listener');
      },
    });
    expect(() => breaker.trip('x')).not.toThrow();
    expect(breaker.state).toBe('open');
  });

  it('uses Date.now and the documented defaults when not configured', () => {
    const breaker = new CircuitBreaker({ name: 'tool:shell' });
    const before = Date.now();
    breaker.trip('x');
    const permit = breaker.acquire();
    expect(permit.allowed).toBe(false);
    if (!permit.allowed) {
      expect(permit.retryAt).toBeGreaterThanOrEqual(before + 30_000);
      expect(permit.retryAt).toBeLessThanOrEqual(Date.now() + 30_000);
    }
  });

  it('reports only the three known states', () => {
    const states: BreakerState[] = [];
    const { breaker, advance } = setup();
    states.push(breaker.state);
    breaker.trip('x');
    states.push(breaker.state);
    advance(1_000);
    states.push(breaker.state);
    expect(states).toEqual(['closed', 'open', 'half-open']);
  });
});
