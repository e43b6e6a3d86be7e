import { describe, expect, it } from 'vitest';
import { guardHarness } from '../engine/guard-harness.test-util.js';
import { tokenEfficiencyRule } from './token-efficiency.js';

const action = (tokensSinceLastAction: number) => ({ type: 'action', tokensSinceLastAction }) as const;

describe('tokenEfficiencyRule', () => {
  it('stays quiet at an average of 1000 tokens per action, fires above, resolves as the window moves', () => {
    const h = guardHarness({ rules: [tokenEfficiencyRule({ forMs: 0 })] });
    h.emit(action(500));
    h.emit(action(1500));
    expect(h.fired()).toEqual([]);
    h.emit(action(1003));
    expect(h.fired()).toEqual(['AgentTokenEfficiency']);
    expect(h.guard.alerts()[0]?.value).toBe(1001);
    h.advance(901_000);
    expect(h.resolved()).toEqual(['AgentTokenEfficiency']);
  });

  it('waits for minActions and ignores bad numbers', () => {
    const h = guardHarness({
      rules: [tokenEfficiencyRule({ minActions: 2, maxTokensPerAction: 10, forMs: 0 })],
    });
    h.emit(action(50));
    expect(h.fired()).toEqual([]);
    h.emit(action(Number.NaN));
    h.emit(action(-5));
    expect(h.fired()).toEqual([]);
    h.emit(action(50));
    expect(h.fired()).toEqual(['AgentTokenEfficiency']);
  });
});
