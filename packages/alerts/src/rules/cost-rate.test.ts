import { describe, expect, it } from 'vitest';
import { guardHarness } from '../engine/guard-harness.test-util.js';
import { costRateRule } from './cost-rate.js';

const spend = (costUsd: number | undefined) =>
  ({
    type: 'tokens',
    model: 'm',
    provider: 'p',
    inputTokens: 100,
    outputTokens: 10,
    cachedInputTokens: 0,
    costUsd,
  }) as const;

describe('costRateRule', () => {
  it('stays quiet at exactly 5.00 USD in an hour of small costs, fires and trips above', () => {
    const h = guardHarness({ rules: [costRateRule()] });
    for (let i = 0; i < 500; i++) {
      h.emit(spend(0.01));
      h.setTime(h.now() + 1_000);
    }
    expect(h.fired()).toEqual([]);
    h.emit(spend(0.01));
    expect(h.fired()).toEqual(['AgentCostSpike']);
    expect(h.guard.breaker()?.state).toBe('open');
    expect(h.guard.alerts()[0]?.value).toBeCloseTo(5.01, 6);
  });

  it('resolves once the spend leaves the sliding window', () => {
    const h = guardHarness({ rules: [costRateRule({ maxUsdPerHour: 1, action: 'alert' })] });
    h.emit(spend(1.5));
    expect(h.fired()).toEqual(['AgentCostSpike']);
    h.advance(30 * 60_000);
    expect(h.resolved()).toEqual([]);
    h.advance(31 * 60_000);
    expect(h.resolved()).toEqual(['AgentCostSpike']);
  });

  it('scales a shorter window to an hourly rate', () => {
    const h = guardHarness({ rules: [costRateRule({ maxUsdPerHour: 6, windowMs: 600_000 })] });
    h.emit(spend(1));
    expect(h.fired()).toEqual([]);
    h.emit(spend(0.01));
    expect(h.fired()).toEqual(['AgentCostSpike']);
    expect(h.guard.alerts()[0]?.value).toBeCloseTo(6.06, 6);
  });

  it('ignores missing, NaN, infinite and negative costs', () => {
    const h = guardHarness({ rules: [costRateRule({ maxUsdPerHour: 0.5 })] });
    for (const cost of [undefined, Number.NaN, Number.POSITIVE_INFINITY, -10, Number.NEGATIVE_INFINITY])
      h.emit(spend(cost));
    expect(h.fired()).toEqual([]);
  });

  it('rejects bad options', () => {
    expect(() => costRateRule({ maxUsdPerHour: -1, windowMs: 0 })).toThrow(/maxUsdPerHour[\s\S]*windowMs/);
  });
});
