import { describe, expect, it } from 'vitest';
import { guardHarness } from '../engine/guard-harness.test-util.js';
import { errorRateRule } from './error-rate.js';

const run = (outcome: 'success' | 'error') => ({ type: 'run.end', outcome, durationSeconds: 0.2 }) as const;

describe('errorRateRule', () => {
  it('stays quiet at 10 % errors, fires above, resolves as the window moves', () => {
    const h = guardHarness({ rules: [errorRateRule({ forMs: 0 })] });
    for (let i = 0; i < 18; i++) h.emit(run('success'));
    h.emit(run('error'));
    h.emit(run('error'));
    expect(h.fired()).toEqual([]);
    h.emit(run('error'));
    expect(h.fired()).toEqual(['AgentErrorRate']);
    h.advance(301_000);
    expect(h.resolved()).toEqual(['AgentErrorRate']);
  });

  it('is pending for its `for` duration (10 min by default) before it fires', () => {
    const h = guardHarness({ rules: [errorRateRule({ windowMs: 3_600_000 })] });
    for (let i = 0; i < 10; i++) h.emit(run('error'));
    expect(h.guard.alerts()).toMatchObject([{ state: 'pending' }]);
    h.advance(599_999);
    expect(h.fired()).toEqual([]);
    h.advance(1);
    expect(h.fired()).toEqual(['AgentErrorRate']);
  });

  it('needs a minimum number of runs', () => {
    const h = guardHarness({ rules: [errorRateRule()] });
    for (let i = 0; i < 9; i++) h.emit(run('error'));
    expect(h.fired()).toEqual([]);
  });
});
