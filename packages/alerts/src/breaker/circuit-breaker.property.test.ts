import { BREAKER_STATE_VALUES, type BreakerState } from '@agentvitals/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type BreakerPermit, type BreakerStateChange, CircuitBreaker } from './circuit-breaker.js';

type Operation =
  | { readonly kind: 'acquire' }
  | { readonly kind: 'record'; readonly success: boolean; readonly withPermit: boolean }
  | { readonly kind: 'trip' }
  | { readonly kind: 'reset' }
  | { readonly kind: 'advance'; readonly ms: number }
  | { readonly kind: 'rewind'; readonly ms: number }
  | { readonly kind: 'state' };

const operation: fc.Arbitrary<Operation> = fc.oneof(
  { weight: 4, arbitrary: fc.constant({ kind: 'acquire' } as const) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('record' as const),
      success: fc.boolean(),
      withPermit: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.constant({ kind: 'trip' } as const) },
  { weight: 1, arbitrary: fc.constant({ kind: 'reset' } as const) },
  { weight: 1, arbitrary: fc.constant({ kind: 'state' } as const) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('advance' as const),
      ms: fc.oneof(
        fc.constant(0),
        fc.integer({ min: 0, max: 2_500 }),
        fc.constantFrom(1e12, 2 ** 40, Number.MAX_SAFE_INTEGER / 8),
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('rewind' as const),
      ms: fc.oneof(fc.integer({ min: 1, max: 2_500 }), fc.constantFrom(1e12, 2 ** 40)),
    }),
  },
);

const STATES = Object.keys(BREAKER_STATE_VALUES) as BreakerState[];

interface Harness {
  readonly breaker: CircuitBreaker;
  readonly changes: BreakerStateChange[];
  now: number;
}

function create(coolDownMs: number, trialTimeoutMs: number, start: number): Harness {
  const harness: Harness = {
    changes: [],
    now: start,
    breaker: undefined as unknown as CircuitBreaker,
  };
  (harness as { breaker: CircuitBreaker }).breaker = new CircuitBreaker({
    name: 'agent',
    coolDownMs,
    trialTimeoutMs,
    clock: () => harness.now,
    onStateChange: (change) => harness.changes.push(change),
  });
  return harness;
}

/** Every reported change continues from the previous one and ends at the state observed now. */
function expectConsistentChanges(harness: Harness): void {
  const observed = harness.breaker.state;
  expect(STATES).toContain(observed);
  let previous: BreakerState = 'closed';
  for (const change of harness.changes) {
    expect(change.from).not.toBe(change.to);
    expect(change.from).toBe(previous);
    expect(STATES).toContain(change.to);
    expect(typeof change.reason).toBe('string');
    previous = change.to;
  }
  expect(previous).toBe(observed);
}

const scenario = fc.record({
  coolDownMs: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 2_000 })),
  trialTimeoutMs: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 2_000 })),
  start: fc.integer({ min: 0, max: 2 ** 41 }),
  operations: fc.array(operation, { maxLength: 80 }),
});

describe('CircuitBreaker properties', () => {
  it('keeps its invariants under any sequence of calls and clock moves', () => {
    fc.assert(
      fc.property(scenario, ({ coolDownMs, trialTimeoutMs, start, operations }) => {
        const harness = create(coolDownMs, trialTimeoutMs, start);
        const { breaker } = harness;
        let lastPermit: BreakerPermit | undefined;
        let outstandingTrial: { readonly permit: BreakerPermit; readonly deadline: number } | undefined;
        // Elapsed time as the breaker measures it: a clock moving backwards adds nothing.
        let elapsed = 0;
        let lastReading = start;
        const read = () => {
          if (harness.now > lastReading) elapsed += harness.now - lastReading;
          lastReading = harness.now;
        };

        for (const step of operations) {
          if (step.kind !== 'advance' && step.kind !== 'rewind') read();
          switch (step.kind) {
            case 'acquire': {
              const permit = breaker.acquire();
              if (permit.allowed && permit.trial) {
                // At most one trial in flight: a new one only once the previous settled or timed out.
                if (outstandingTrial !== undefined)
                  expect(elapsed).toBeGreaterThanOrEqual(outstandingTrial.deadline);
                outstandingTrial = { permit, deadline: elapsed + trialTimeoutMs };
              }
              if (!permit.allowed) {
                expect(Number.isFinite(permit.retryAt)).toBe(true);
                expect(permit.reason).not.toBe('');
              }
              lastPermit = permit;
              break;
            }
            case 'record': {
              const permit = step.withPermit ? lastPermit : undefined;
              breaker.record(step.success, permit);
              if (permit === undefined || permit === outstandingTrial?.permit) outstandingTrial = undefined;
              break;
            }
            case 'trip':
              breaker.trip('property trip');
              outstandingTrial = undefined;
              break;
            case 'reset':
              breaker.reset('property reset');
              outstandingTrial = undefined;
              break;
            case 'advance':
              harness.now += step.ms;
              break;
            case 'rewind':
              harness.now -= step.ms;
              break;
            case 'state':
              expect(STATES).toContain(breaker.state);
              break;
          }
          expectConsistentChanges(harness);
          read();
        }

        // Never stuck: past the cool-down and the trial timeout, one successful call closes it.
        harness.now += coolDownMs + trialTimeoutMs + 1;
        const permit = breaker.acquire();
        expect(permit.allowed).toBe(true);
        breaker.record(true, permit);
        expect(breaker.state).toBe('closed');
        expectConsistentChanges(harness);
      }),
      { numRuns: 200 },
    );
  });

  it('lets exactly one trial through among many concurrent callers in half-open', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 0, max: 10_000 }),
        (callers, coolDownMs) => {
          const harness = create(coolDownMs, 60_000, 0);
          harness.breaker.trip('x');
          harness.now += coolDownMs;
          const permits = Array.from({ length: callers }, () => harness.breaker.acquire());
          expect(permits.filter((permit) => permit.allowed)).toHaveLength(1);
          expect(permits[0]).toEqual({ allowed: true, trial: true });
        },
      ),
      { numRuns: 200 },
    );
  });
});
