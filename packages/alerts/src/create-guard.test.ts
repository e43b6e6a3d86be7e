import { isCircuitOpenError, isPolicyDeniedError } from '@agentvitals/core';
import { describe, expect, it, vi } from 'vitest';
import { createGuard } from './create-guard.js';
import { guardHarness } from './engine/guard-harness.test-util.js';
import { consecutiveFailuresRule } from './rules/consecutive-failures.js';
import { costRateRule } from './rules/cost-rate.js';
import { escalationBacklogRule } from './rules/escalation-backlog.js';
import { repeatedCallsRule } from './rules/repeated-calls.js';
import { callbackSink } from './sinks/callback-sink.js';

const toolRequest = (toolName: string, args: unknown[] = [], agentName = 'bot') =>
  ({ kind: 'tool', agentName, toolName, args }) as const;
const reasoningRequest = { kind: 'reasoning', agentName: 'bot', model: 'm', provider: 'p' } as const;
const fail = (toolName = 'search') =>
  ({ type: 'tool.end', toolName, args: [], outcome: 'error', durationSeconds: 0 }) as const;
const ok = (toolName = 'search') =>
  ({ type: 'tool.end', toolName, args: [], outcome: 'success', durationSeconds: 0 }) as const;

describe('createGuard', () => {
  it('rejects bad options with one error naming every field', () => {
    let message = '';
    try {
      createGuard({
        rules: [{}] as never,
        sinks: [3] as never,
        evaluationIntervalMs: -1,
        labels: { 'not ok': 'x' },
        breaker: { coolDownMs: Number.NaN, restart: 'yes' as never },
        clock: 5 as never,
        surprise: true,
      } as never);
    } catch (error) {
      expect(error).toBeInstanceOf(TypeError);
      message = (error as Error).message;
    }
    for (const field of [
      'rules[0]',
      'sinks[0]',
      'evaluationIntervalMs',
      'labels',
      'breaker',
      'clock',
      'surprise',
    ]) {
      expect(message).toContain(field);
    }
  });

  it('refuses labels the guard sets itself, on the guard and on a rule, instead of ignoring them', () => {
    const refusal = (build: () => unknown) => {
      try {
        build();
      } catch (error) {
        expect(error).toBeInstanceOf(TypeError);
        return (error as Error).message;
      }
      throw new Error('accepted');
    };
    const guardMessage = refusal(() =>
      createGuard({
        labels: { alertname: 'Mine', severity: 'info', gen_ai_agent_name: 'other', 'bad-name': 'x' },
      }),
    );
    for (const field of [
      'labels.alertname',
      'labels.severity',
      'labels.gen_ai_agent_name',
      'labels.bad-name',
    ]) {
      expect(guardMessage).toContain(`${field}:`);
    }
    expect(refusal(() => consecutiveFailuresRule({ labels: { severity: 'info' } }))).toMatch(
      /labels\.severity: .*severity option/,
    );
    expect(() => createGuard({ labels: { team: 'support', severity_hint: 'x' } })).not.toThrow();
  });

  it('keeps agents past maxAgents guarded, sharing one overflow monitor, instead of leaving them unwatched', () => {
    const guard = createGuard({
      rules: [consecutiveFailuresRule({ maxConsecutiveFailures: 1 })],
      sinks: [callbackSink(() => {})],
      maxAgents: 1,
    });
    // The first agent has its own monitor; the next two share the overflow one.
    expect(guard.check(toolRequest('search', [], 'first'))).toEqual({ action: 'allow' });
    for (const agentName of ['second', 'third']) {
      expect(guard.check(toolRequest('search', [], agentName)).action).toBe('allow');
    }
    guard.trip('loop', 'second');
    for (const agentName of ['second', 'third']) {
      const decision = guard.check(toolRequest('search', [], agentName));
      expect(decision.action).toBe('block');
      expect(isCircuitOpenError((decision as { error?: unknown }).error)).toBe(true);
    }
    expect(guard.check(toolRequest('search', [], 'first'))).toEqual({ action: 'allow' });
    expect(guard.breaker('third')?.state).toBe('open');
    expect(guard.stats().agents).toBe(1);
    guard.reset();
    expect(guard.check(toolRequest('search', [], 'third')).action).toBe('allow');
  });

  it('rejects duplicate rule names', () => {
    expect(() => createGuard({ rules: [costRateRule(), costRateRule()] })).toThrow(
      /duplicate rule name 'AgentCostSpike'/,
    );
  });

  it('blocks every call with a branded error while the agent breaker is open, then lets one trial through', () => {
    const h = guardHarness({
      rules: [consecutiveFailuresRule({ maxConsecutiveFailures: 2 })],
      breaker: { coolDownMs: 10_000 },
    });
    expect(h.guard.check(toolRequest('search')).action).toBe('allow');
    for (let i = 0; i < 3; i++) h.emit(fail());
    const blocked = h.guard.check(reasoningRequest);
    expect(blocked.action).toBe('block');
    if (blocked.action !== 'block') throw new Error('expected block');
    expect(isCircuitOpenError(blocked.error)).toBe(true);
    expect(blocked.error).toMatchObject({
      breakerName: 'agent',
      agentName: 'bot',
      retryAt: h.now() + 10_000,
    });
    expect(blocked.reason).toContain('AgentToolFailureStreak');
    h.setTime(h.now() + 10_000);
    expect(h.guard.check(toolRequest('search')).action).toBe('allow');
    expect(h.guard.check(toolRequest('search')).action).toBe('block');
    h.emit(ok());
    expect(h.guard.breaker()?.state).toBe('closed');
    expect(h.resolved()).toEqual(['AgentToolFailureStreak']);
    expect(h.breakerStates()).toEqual(['agent=closed', 'agent=open', 'agent=half-open', 'agent=closed']);
  });

  it('re-trips when the half-open trial repeats the loop', () => {
    const h = guardHarness({
      rules: [repeatedCallsRule({ maxIdenticalCalls: 2 })],
      breaker: { coolDownMs: 1_000 },
    });
    const loop = {
      type: 'tool.end',
      toolName: 'search',
      args: ['x'],
      outcome: 'success',
      durationSeconds: 0,
      result: 1,
    } as const;
    for (let i = 0; i < 3; i++) h.emit(loop);
    expect(h.guard.breaker()?.state).toBe('open');
    h.setTime(h.now() + 1_000);
    expect(h.guard.check(toolRequest('search', ['x'])).action).toBe('allow');
    h.emit(loop);
    expect(h.guard.breaker()?.state).toBe('open');
    expect(h.fired()).toEqual(['AgentRepeatedToolCalls']);
  });

  it('keeps a spend cap closed while spend stays above it', () => {
    const h = guardHarness({ rules: [costRateRule({ maxUsdPerHour: 1 })], breaker: { coolDownMs: 1_000 } });
    const tokens = {
      type: 'tokens',
      model: 'm',
      provider: 'p',
      inputTokens: 1,
      outputTokens: 1,
      cachedInputTokens: 0,
    } as const;
    h.emit({ ...tokens, costUsd: 2 });
    expect(h.guard.check(reasoningRequest).action).toBe('block');
    h.setTime(h.now() + 1_000);
    // Half-open, but the spend is still over the cap: the cap refuses and the trial is given back.
    const refused = h.guard.check(reasoningRequest);
    expect(refused).toMatchObject({
      action: 'block',
      reason: expect.stringMatching(/^AgentCostSpike: cost cap/),
    });
    expect(h.guard.breaker()?.state).toBe('half-open');
    h.setTime(h.now() + 3_600_000);
    expect(h.guard.check(reasoningRequest).action).toBe('allow');
    h.emit({ type: 'reasoning.end', model: 'm', provider: 'p', durationSeconds: 0.1 });
    expect(h.guard.breaker()?.state).toBe('closed');
  });

  it('trips only the looping tool with per-tool breakers', () => {
    const h = guardHarness({
      rules: [repeatedCallsRule({ maxIdenticalCalls: 1 })],
      breaker: { perTool: true },
    });
    const loop = {
      type: 'tool.end',
      toolName: 'search',
      args: ['x'],
      outcome: 'success',
      durationSeconds: 0,
      result: 1,
    } as const;
    h.guard.check(toolRequest('search', ['x']));
    h.emit(loop);
    h.emit(loop);
    const decision = h.guard.check(toolRequest('search'));
    expect(decision.action).toBe('block');
    expect(decision.action === 'block' && decision.error).toMatchObject({ breakerName: 'tool:search' });
    expect(h.guard.check(toolRequest('fetch')).action).toBe('allow');
    expect(h.guard.check(reasoningRequest).action).toBe('allow');
    expect(h.guard.breaker(undefined, 'search')?.state).toBe('open');
  });

  it('denies a tool by policy before asking the breaker', () => {
    const h = guardHarness({
      rules: [],
      policy: { roles: { support: { deny: ['shell*'] } }, defaultRole: 'support' },
    });
    h.guard.trip('maintenance');
    const decision = h.guard.check(toolRequest('shell.exec', ['ls']));
    expect(decision.action).toBe('deny');
    if (decision.action !== 'deny') throw new Error('expected deny');
    expect(isPolicyDeniedError(decision.error)).toBe(true);
    expect(decision.error).toMatchObject({ agentName: 'bot', toolName: 'shell.exec' });
    expect(h.guard.check(toolRequest('kb.search')).action).toBe('block');
    h.guard.reset();
    expect(h.guard.check(toolRequest('kb.search')).action).toBe('allow');
    expect(h.guard.check(reasoningRequest).action).toBe('allow');
  });

  it('runs the restart action when an agent breaker trips', async () => {
    const restart = vi.fn();
    const h = guardHarness({
      rules: [consecutiveFailuresRule({ maxConsecutiveFailures: 1 })],
      breaker: { restart },
    });
    h.emit(fail());
    h.emit(fail());
    await h.settle();
    await Promise.resolve();
    expect(restart).toHaveBeenCalledTimes(1);
    expect(restart.mock.calls[0]![0]).toContain('AgentToolFailureStreak');
  });

  it('only alerts when breakers are off', () => {
    const h = guardHarness({
      rules: [consecutiveFailuresRule({ maxConsecutiveFailures: 1 })],
      breaker: false,
    });
    h.emit(fail());
    h.emit(fail());
    expect(h.fired()).toEqual(['AgentToolFailureStreak']);
    expect(h.guard.check(reasoningRequest).action).toBe('allow');
    expect(h.guard.breaker()).toBeUndefined();
  });

  it('re-notifies sinks at the repeat interval while firing, de-duplicated by fingerprint', async () => {
    const h = guardHarness({
      rules: [escalationBacklogRule({ maxOpen: 0, forMs: 0 })],
      repeatIntervalMs: 60_000,
    });
    h.emit({ type: 'escalation', reason: 'x', open: 1 });
    h.emit({ type: 'escalation', reason: 'x', open: 2 });
    h.advance(30_000);
    h.advance(30_000);
    h.advance(30_000);
    h.emit({ type: 'escalation.resolve', reason: 'x', open: 0 });
    await h.settle();
    expect(h.notifications.map((alert) => alert.status)).toEqual(['firing', 'firing', 'resolved']);
    expect(new Set(h.notifications.map((alert) => alert.fingerprint)).size).toBe(1);
    expect(h.notifications[1]!.startsAt).toBe(h.notifications[0]!.startsAt);
    expect(h.notifications[2]!.endsAt).toBe(h.now());
    expect(h.fired()).toEqual(['AgentEscalationBacklog']);
  });

  it('keeps state per agent across several vitals instances, publishing once', () => {
    const h = guardHarness({ rules: [consecutiveFailuresRule({ maxConsecutiveFailures: 1 })] });
    const second = { ...h.host, emit: vi.fn() };
    const detach = h.guard.attach(second);
    h.emit(fail());
    h.emit(fail());
    expect(h.fired()).toEqual(['AgentToolFailureStreak']);
    expect(second.emit).not.toHaveBeenCalled();
    expect(h.guard.check(toolRequest('x', [], 'other')).action).toBe('allow');
    expect(h.guard.check(toolRequest('x')).action).toBe('block');
    expect(h.guard.stats().agents).toBe(2);
    detach.dispose();
    detach.dispose();
  });

  it('isolates a throwing custom rule and a throwing sink', async () => {
    const h = guardHarness({
      rules: [
        {
          ...escalationBacklogRule({ maxOpen: 0, forMs: 0 }),
          name: 'Broken',
          create: () => ({
            observe() {
              throw new Error('observe');
            },
            evaluate() {
              throw new Error('evaluate');
            },
          }),
        },
        escalationBacklogRule({ maxOpen: 0, forMs: 0 }),
      ],
      sinks: [
        callbackSink(() => {
          throw new Error('sink');
        }),
      ],
    });
    expect(() => h.emit({ type: 'escalation', reason: 'x', open: 1 })).not.toThrow();
    expect(h.fired()).toEqual(['AgentEscalationBacklog']);
    await h.settle();
    expect(h.guard.stats().sinks.map((sink) => [sink.sent, sink.failed])).toEqual([
      [1, 0],
      [0, 1],
    ]);
  });

  it('stops its timer and detaches on shutdown', async () => {
    const h = guardHarness({ rules: [escalationBacklogRule({ maxOpen: 0, forMs: 0 })] });
    await h.guard.shutdown();
    h.emit({ type: 'escalation', reason: 'x', open: 5 });
    expect(h.fired()).toEqual([]);
  });
});
