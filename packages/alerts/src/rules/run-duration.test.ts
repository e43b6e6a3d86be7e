import { describe, expect, it } from 'vitest';
import { guardHarness } from '../engine/guard-harness.test-util.js';
import { runDurationRule } from './run-duration.js';

const run = (durationSeconds: number) => ({ type: 'run.end', outcome: 'success', durationSeconds }) as const;

describe('runDurationRule', () => {
  it('is pending first and fires after the average stayed above 2 s for 5 min', () => {
    const h = guardHarness({ rules: [runDurationRule()] });
    h.emit(run(2.5));
    expect(h.guard.alerts()).toMatchObject([{ state: 'pending', value: 2.5 }]);
    for (let minute = 1; minute < 5; minute++) {
      h.advance(60_000);
      h.emit(run(2.1));
    }
    expect(h.fired()).toEqual([]);
    h.advance(60_000);
    expect(h.fired()).toEqual(['AgentSlowResponses']);
    for (let i = 0; i < 20; i++) h.emit(run(0.5));
    expect(h.resolved()).toEqual(['AgentSlowResponses']);
  });

  it('never fires at an average of exactly 2 s', () => {
    const h = guardHarness({ rules: [runDurationRule()] });
    for (let minute = 0; minute < 12; minute++) {
      h.emit(run(1));
      h.emit(run(3));
      h.advance(60_000);
    }
    expect(h.fired()).toEqual([]);
    expect(h.guard.alerts()).toEqual([]);
  });

  it('drops a pending alert that recovers before `for` elapses', () => {
    const h = guardHarness({ rules: [runDurationRule({ forMs: 120_000 })] });
    h.emit(run(10));
    h.advance(60_000);
    for (let i = 0; i < 20; i++) h.emit(run(0.1));
    h.advance(120_000);
    expect(h.fired()).toEqual([]);
    expect(h.notifications).toEqual([]);
  });
});
