import { createPricing, type GuardRequest, isCircuitOpenError } from '@agentvitals/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { guardHarness } from '../engine/guard-harness.test-util.js';
import { costRateRule } from './cost-rate.js';

/** $500 per million output tokens: a call limited to 1,000 output tokens is estimated at $0.50. */
const pricing = createPricing({ 'test-model': { input: 0, output: 500 } });

const reasoning = (
  callId: number,
  maxOutputTokens?: number,
): Extract<GuardRequest, { kind: 'reasoning' }> => ({
  kind: 'reasoning',
  agentName: 'bot',
  model: 'test-model',
  provider: 'openai',
  callId,
  ...(maxOutputTokens === undefined ? {} : { maxOutputTokens }),
});

function capped(maxUsdPerHour = 5) {
  const h = guardHarness({ rules: [costRateRule({ maxUsdPerHour, pricing })] });
  let spent = 0;
  let nextId = 1;
  return {
    h,
    spent: () => spent,
    /** Asks the guard for `count` calls at once; returns the ids it admitted. */
    checkAll(count: number, maxOutputTokens?: number): number[] {
      const admitted: number[] = [];
      for (let i = 0; i < count; i++) {
        const callId = nextId++;
        const decision = h.guard.check(reasoning(callId, maxOutputTokens));
        if (decision.action === 'allow') admitted.push(callId);
        else expect(isCircuitOpenError(decision.error)).toBe(true);
      }
      return admitted;
    },
    /** Ends a call as core would: its usage (priced), then `reasoning.end`. */
    end(callId: number, costUsd: number) {
      spent += costUsd;
      h.emit({
        type: 'tokens',
        callId,
        model: 'test-model',
        provider: 'openai',
        inputTokens: 0,
        outputTokens: 1000,
        cachedInputTokens: 0,
        costUsd,
      });
      h.emit({ type: 'reasoning.end', callId, model: 'test-model', provider: 'openai', durationSeconds: 1 });
    },
  };
}

describe('cost cap reservations', () => {
  it('admits 10 of 100 concurrent $0.50 calls under a $5/h cap: no overshoot when the estimate is right', () => {
    const cap = capped();
    const admitted = cap.checkAll(100, 1000);
    expect(admitted).toHaveLength(10);
    for (const callId of admitted) cap.end(callId, 0.5);
    expect(cap.spent()).toBeCloseTo(5, 9);
    expect(cap.h.fired()).toEqual([]);
    expect(cap.checkAll(1, 1000)).toEqual([]);
  });

  it('overshoots by no more than the estimation error', () => {
    const cap = capped();
    const admitted = cap.checkAll(100, 1000);
    for (const callId of admitted) cap.end(callId, 0.55);
    expect(admitted).toHaveLength(10);
    expect(cap.spent() - 5).toBeLessThanOrEqual(admitted.length * 0.05 + 1e-9);
  });

  it('holds in waves of 10: the total stays within the cap', () => {
    const cap = capped();
    for (let wave = 0; wave < 10; wave++) {
      const admitted = cap.checkAll(10, 1000);
      for (const callId of admitted) cap.end(callId, 0.5);
    }
    expect(cap.spent()).toBeCloseTo(5, 9);
  });

  it('estimates from the recent cost per call when the request gives no output limit', () => {
    const cap = capped();
    for (const callId of cap.checkAll(2)) cap.end(callId, 1);
    // Spent 2, recent cost 1 per call: 3 more fit under 5.
    expect(cap.checkAll(10)).toHaveLength(3);
  });

  it('uses 1,000 output tokens at the model price before any call was settled', () => {
    const cap = capped(1.2);
    expect(cap.checkAll(10)).toHaveLength(2);
  });

  it('releases a reservation when another guard refuses the call, or on its guard.deny event', () => {
    const cap = capped(1);
    const [first, second] = cap.checkAll(2, 1000);
    expect(cap.checkAll(1, 1000)).toEqual([]);
    cap.h.guard.cancel?.(reasoning(first!, 1000));
    cap.h.emit({
      type: 'guard.deny',
      callId: second!,
      outcome: 'denied',
      kind: 'reasoning',
      reason: 'policy',
    });
    expect(cap.checkAll(3, 1000)).toHaveLength(2);
  });

  it('settles a reservation with the real cost as soon as it arrives', () => {
    const cap = capped(1);
    const [first] = cap.checkAll(1, 1000);
    cap.h.emit({
      type: 'tokens',
      callId: first!,
      model: 'test-model',
      provider: 'openai',
      inputTokens: 0,
      outputTokens: 100,
      cachedInputTokens: 0,
      costUsd: 0.05,
    });
    // 0.05 spent, nothing reserved any more: one more $0.50 call fits, a second too (1.05 > 1 does not).
    expect(cap.checkAll(3, 1000)).toHaveLength(1);
  });

  it('drops a reservation whose call never ends after reservationTimeoutMs', () => {
    const h = guardHarness({
      rules: [costRateRule({ maxUsdPerHour: 1, pricing, reservationTimeoutMs: 60_000 })],
    });
    expect(h.guard.check(reasoning(1, 2000)).action).toBe('allow');
    expect(h.guard.check(reasoning(2, 1000)).action).toBe('block');
    h.setTime(h.now() + 60_000);
    expect(h.guard.check(reasoning(3, 1000)).action).toBe('allow');
  });

  it('does not reserve or refuse tool calls, unpriced models, or when the rule only alerts', () => {
    const h = guardHarness({ rules: [costRateRule({ maxUsdPerHour: 0, pricing })] });
    expect(h.guard.check({ kind: 'tool', agentName: 'bot', toolName: 'x', args: [], callId: 1 }).action).toBe(
      'allow',
    );
    expect(h.guard.check({ ...reasoning(2), model: 'no-such-model' }).action).toBe('allow');
    expect(h.guard.check(reasoning(3, 1000)).action).toBe('block');
    const alerting = guardHarness({ rules: [costRateRule({ maxUsdPerHour: 0, pricing, action: 'alert' })] });
    expect(alerting.guard.check(reasoning(4, 1000)).action).toBe('allow');
  });

  it('keeps the overshoot within the estimation error for any concurrency and error (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            concurrent: fc.integer({ min: 1, max: 40 }),
            actual: fc.double({ min: 0.01, max: 1.5, noNaN: true }),
          }),
          { minLength: 1, maxLength: 8 },
        ),
        (waves) => {
          const cap = capped();
          let error = 0;
          for (const wave of waves) {
            const admitted = cap.checkAll(wave.concurrent, 1000);
            for (const callId of admitted) {
              cap.end(callId, wave.actual);
              error += Math.max(0, wave.actual - 0.5);
            }
          }
          expect(cap.spent()).toBeLessThanOrEqual(5 + error + 1e-6);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('cost cap with usage events that carry no call id', () => {
  it('learns the cost per call from the usage reported just before each call ends', () => {
    const h = guardHarness({ rules: [costRateRule({ maxUsdPerHour: 5, pricing })] });
    for (let callId = 1; callId <= 2; callId++) {
      expect(h.guard.check(reasoning(callId)).action).toBe('allow');
      h.emit({
        type: 'tokens',
        model: 'test-model',
        provider: 'openai',
        inputTokens: 0,
        outputTokens: 2000,
        cachedInputTokens: 0,
        costUsd: 1,
      });
      h.emit({ type: 'reasoning.end', callId, model: 'test-model', provider: 'openai', durationSeconds: 1 });
    }
    // Spent 2; the recent cost is 1 per call (not the 0.50 fallback): 3 more fit, not 6.
    const admitted = [3, 4, 5, 6, 7, 8].filter(
      (callId) => h.guard.check(reasoning(callId)).action === 'allow',
    );
    expect(admitted).toHaveLength(3);
  });
});
