import {
  ALLOW,
  type Guard,
  type GuardDecision,
  type GuardRequest,
  PolicyDeniedError,
} from '@agentvitals/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { consecutiveFailuresRule } from '../rules/consecutive-failures.js';
import { guardHarness } from './guard-harness.test-util.js';

/** A second guard that denies every `shell` call, as a tool policy would. */
const denyShell: Guard = {
  check: (request): GuardDecision =>
    request.kind === 'tool' && request.toolName === 'shell'
      ? {
          action: 'deny',
          error: new PolicyDeniedError('shell is denied', {
            agentName: 'bot',
            toolName: 'shell',
            rule: 'deny',
          }),
          reason: 'deny: shell',
        }
      : ALLOW,
  attach: () => ({ dispose() {} }),
};

/**
 * An agent whose guard trips after 2 failed tool calls in a row, with a second guard after it.
 * `call` drives both guards the way core does: each is asked in turn, the first refusal wins,
 * `cancel` goes to the guards that had allowed the call, and the call's events follow.
 */
function setup(options: { cancel?: boolean } = {}) {
  const h = guardHarness({
    rules: [consecutiveFailuresRule({ maxConsecutiveFailures: 2 })],
    breaker: { coolDownMs: 1_000, trialTimeoutMs: 60_000 },
  });
  const guards: Guard[] = [h.guard, denyShell];
  let nextId = 1;
  const pending = new Map<number, GuardRequest & { kind: 'tool' }>();

  /** Checks a call; returns its id when every guard allowed it (it is then in flight). */
  const start = (toolName: string): number | GuardDecision => {
    const callId = nextId++;
    const request = { kind: 'tool', agentName: 'bot', toolName, args: [], callId } as const;
    const allowedBy: Guard[] = [];
    for (const guard of guards) {
      const decision = guard.check(request);
      if (decision.action === 'allow') {
        allowedBy.push(guard);
        continue;
      }
      if (options.cancel !== false) for (const earlier of allowedBy) earlier.cancel?.(request);
      const outcome = decision.action === 'deny' ? 'denied' : 'blocked';
      h.emit({ type: 'guard.deny', callId, outcome, kind: 'tool', toolName, reason: decision.reason });
      h.emit({
        type: 'tool.end',
        callId,
        toolName,
        args: [],
        outcome,
        durationSeconds: 0,
        errorType: decision.error.name,
      });
      return decision;
    }
    h.emit({ type: 'tool.start', callId, toolName, args: [] });
    pending.set(callId, request);
    return callId;
  };
  const finish = (callId: number, success: boolean) => {
    const request = pending.get(callId)!;
    pending.delete(callId);
    h.emit({
      type: 'tool.end',
      callId,
      toolName: request.toolName,
      args: [],
      outcome: success ? 'success' : 'error',
      durationSeconds: 0,
    });
  };
  const state = () => h.guard.breaker()?.state;
  const trip = () => {
    for (let i = 0; i < 3; i++) {
      const id = start('search');
      if (typeof id === 'number') finish(id, false);
    }
    expect(state()).toBe('open');
  };
  return { h, start, finish, state, trip };
}

describe('the half-open trial', () => {
  it('survives a call refused while it runs, and its result closes the breaker', () => {
    const t = setup();
    t.trip();
    t.h.setTime(t.h.now() + 1_000);
    const trial = t.start('search');
    expect(typeof trial).toBe('number');
    const refused = t.start('search');
    expect(refused).toMatchObject({ action: 'block' });
    expect(t.state()).toBe('half-open');
    t.h.guard.evaluate();
    expect(t.state()).toBe('half-open');
    t.finish(trial as number, true);
    expect(t.state()).toBe('closed');
    expect(t.h.resolved()).toEqual(['AgentToolFailureStreak']);
  });

  it('is not taken by a call the second guard denies, after any number of cool-downs', () => {
    const t = setup();
    t.trip();
    for (let cycle = 0; cycle < 5; cycle++) {
      t.h.setTime(t.h.now() + 1_000);
      expect(t.start('shell')).toMatchObject({ action: 'deny' });
      expect(t.state()).toBe('half-open');
    }
    const trial = t.start('search');
    expect(typeof trial).toBe('number');
    t.finish(trial as number, true);
    expect(t.state()).toBe('closed');
  });

  it('is given back on the guard.deny event of the call when no cancel arrives', () => {
    const t = setup({ cancel: false });
    t.trip();
    t.h.setTime(t.h.now() + 1_000);
    expect(t.start('shell')).toMatchObject({ action: 'deny' });
    const trial = t.start('search');
    expect(typeof trial).toBe('number');
    t.finish(trial as number, true);
    expect(t.state()).toBe('closed');
  });

  it('a failed trial re-opens the breaker; a refused call never does', () => {
    const t = setup();
    t.trip();
    t.h.setTime(t.h.now() + 1_000);
    const trial = t.start('search') as number;
    t.finish(trial, false);
    expect(t.state()).toBe('open');
  });

  it('holds for any interleaving of denied, refused, failing and succeeding calls (property)', () => {
    const op = fc.oneof(
      fc.constant({ kind: 'denied' as const }),
      fc.record({ kind: fc.constant('run' as const), success: fc.boolean(), overlap: fc.boolean() }),
      fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 1_500 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const t = setup();
        t.trip();
        for (const step of ops) {
          if (step.kind === 'wait') {
            t.h.setTime(t.h.now() + step.ms);
            continue;
          }
          const before = t.state();
          if (step.kind === 'denied') {
            expect(t.start('shell')).toMatchObject({ action: expect.stringMatching(/deny|block/) });
            // A refused call neither takes the trial nor re-opens the breaker.
            if (before === 'half-open') expect(t.state()).toBe('half-open');
            continue;
          }
          const id = t.start('search');
          if (before === 'half-open') {
            // Nothing holds the trial between steps, so this call, admitted by both guards, gets it.
            expect(typeof id).toBe('number');
          }
          if (typeof id !== 'number') {
            expect(t.state()).toBe(before);
            continue;
          }
          if (step.overlap && before === 'half-open') {
            // A second call while the trial runs is refused and changes nothing.
            expect(t.start('search')).toMatchObject({ action: 'block' });
            expect(t.state()).toBe('half-open');
          }
          t.finish(id, step.success);
          if (before === 'half-open') expect(t.state()).toBe(step.success ? 'closed' : 'open');
        }
      }),
      { numRuns: 300 },
    );
  });
});
