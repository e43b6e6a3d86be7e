import { describe, expect, it } from 'vitest';
import { guardHarness } from '../engine/guard-harness.test-util.js';
import { consecutiveFailuresRule } from './consecutive-failures.js';

const end = (outcome: 'success' | 'error' | 'timeout' | 'invalid' | 'blocked' | 'denied') =>
  ({ type: 'tool.end', toolName: 'search', args: [], outcome, durationSeconds: 0.1 }) as const;

describe('consecutiveFailuresRule', () => {
  it('stays quiet at 10 failures in a row, fires and trips at 11, resolves on success', () => {
    const h = guardHarness({ rules: [consecutiveFailuresRule()] });
    for (let i = 0; i < 10; i++) h.emit(end(i % 2 ? 'error' : 'timeout'));
    expect(h.fired()).toEqual([]);
    expect(h.guard.breaker()?.state).toBe('closed');
    h.emit(end('invalid'));
    expect(h.fired()).toEqual(['AgentToolFailureStreak']);
    expect(h.guard.breaker()?.state).toBe('open');
    expect(h.breakerStates()).toEqual(['agent=closed', 'agent=open']);
    h.emit(end('success'));
    expect(h.resolved()).toEqual(['AgentToolFailureStreak']);
  });

  it('resets on success and ignores calls a guard stopped', () => {
    const h = guardHarness({
      rules: [consecutiveFailuresRule({ maxConsecutiveFailures: 2, action: 'alert' })],
    });
    h.emit(end('error'));
    h.emit(end('error'));
    h.emit(end('success'));
    h.emit(end('error'));
    h.emit(end('blocked'));
    h.emit(end('denied'));
    h.emit(end('error'));
    expect(h.fired()).toEqual([]);
    h.emit(end('error'));
    expect(h.fired()).toEqual(['AgentToolFailureStreak']);
    expect(h.guard.breaker()?.state).toBe('closed');
  });

  it('counts only the configured outcomes', () => {
    const h = guardHarness({
      rules: [consecutiveFailuresRule({ maxConsecutiveFailures: 1, failureOutcomes: ['error'] })],
    });
    h.emit(end('invalid'));
    h.emit(end('timeout'));
    h.emit(end('error'));
    expect(h.fired()).toEqual([]);
  });

  it('rejects bad options', () => {
    expect(() => consecutiveFailuresRule({ maxConsecutiveFailures: 0 })).toThrow(/maxConsecutiveFailures/);
    expect(() => consecutiveFailuresRule({ maxConsecutiveFailures: 2.5 })).toThrow(TypeError);
    expect(() => consecutiveFailuresRule({ failureOutcomes: ['success'] })).toThrow(/failureOutcomes/);
    expect(() => consecutiveFailuresRule({ action: 'explode' as never })).toThrow(/action/);
  });
});
