import { describe, expect, it } from 'vitest';
import { guardHarness } from '../engine/guard-harness.test-util.js';
import { errorRateRule } from './error-rate.js';

const run = (outcome: 'success' | 'error') => ({ type: 'run.end', outcome, durationSeconds: 0.2 }) as const;

describe('errorRateRule', () => {
  it('stays quiet at 10 % errors, fires above, resolves as the window moves', () => {
    const h = guardHarness({ rules: [errorRateRule()] });
    for (let i = 0; i < 18; i++) h.emit(run('success'));
    h.emit(run('error'));
    h.emit(run('error'));
    expect(h.fired()).toEqual([]);
    h.emit(run('error'));
    expect(h.fired()).toEqual(['AgentErrorRate']);
    h.advance(301_000);
    expect(h.resolved()).toEqual(['AgentErrorRate']);
  });

  it('needs a minimum number of runs', () => {
    const h = guardHarness({ rules: [errorRateRule()] });
    for (let i = 0; i < 9; i++) h.emit(run('error'));
    expect(h.fired()).toEqual([]);
  });
});
