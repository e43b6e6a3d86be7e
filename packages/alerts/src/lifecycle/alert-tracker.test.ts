import { describe, expect, it } from 'vitest';
import { defineRule } from '../rules/define-rule.js';
import { AlertTracker } from './alert-tracker.js';

const rule = (forMs: number) =>
  defineRule({
    name: 'TestAlert',
    severity: 'critical',
    forMs,
    labels: { team: 'ops' },
    annotations: { summary: '{{ $labels.gen_ai_agent_name }} at {{ $value }}' },
    events: [],
    create: () => ({ observe() {}, evaluate: () => ({ active: false }) }),
  });

const on = (value: number) => ({ active: true, value });
const off = { active: false };

describe('AlertTracker', () => {
  it('goes inactive → pending → firing → resolved', () => {
    const tracker = new AlertTracker(rule(60_000), 'bot', { env: 'prod' });
    expect(tracker.update(off, 0)).toBeUndefined();
    expect(tracker.update(on(1), 1_000)).toEqual({ kind: 'pending' });
    expect(tracker.state).toBe('pending');
    expect(tracker.update(on(2), 60_999)).toBeUndefined();
    const fired = tracker.update(on(3), 61_000);
    expect(fired?.kind).toBe('firing');
    if (fired?.kind !== 'firing') throw new Error('expected firing');
    expect(fired.alert).toMatchObject({
      status: 'firing',
      activeAt: 1_000,
      startsAt: 61_000,
      endsAt: undefined,
      value: 3,
      labels: {
        alertname: 'TestAlert',
        severity: 'critical',
        gen_ai_agent_name: 'bot',
        team: 'ops',
        env: 'prod',
      },
      annotations: { summary: 'bot at 3' },
    });
    expect(tracker.update(on(4), 70_000)).toBeUndefined();
    expect(tracker.firing()?.value).toBe(4);
    const resolved = tracker.update(off, 80_000);
    expect(resolved).toMatchObject({
      kind: 'resolved',
      alert: { status: 'resolved', endsAt: 80_000, value: 4 },
    });
    expect(tracker.state).toBe('inactive');
    expect(tracker.firing()).toBeUndefined();
  });

  it('drops a pending alert whose condition clears before `for` elapses', () => {
    const tracker = new AlertTracker(rule(60_000), 'bot', {});
    tracker.update(on(1), 0);
    expect(tracker.update(off, 30_000)).toEqual({ kind: 'cancelled' });
    expect(tracker.update(on(1), 40_000)).toEqual({ kind: 'pending' });
    expect(tracker.update(on(1), 99_999)).toBeUndefined();
    expect(tracker.update(on(1), 100_000)?.kind).toBe('firing');
  });

  it('fires at once with `for` 0, with a fingerprint stable per labels', () => {
    const first = new AlertTracker(rule(0), 'bot', {});
    expect(first.update(on(1), 5)?.kind).toBe('firing');
    expect(first.describe()).toMatchObject({ state: 'firing', startsAt: 5, activeAt: 5 });
    expect(new AlertTracker(rule(0), 'bot', {}).fingerprint).toBe(first.fingerprint);
    expect(new AlertTracker(rule(0), 'other', {}).fingerprint).not.toBe(first.fingerprint);
  });

  it('keeps its own labels over guard labels', () => {
    const tracker = new AlertTracker(rule(0), 'bot', { alertname: 'spoof', severity: 'info' });
    expect(tracker.labels.alertname).toBe('TestAlert');
    expect(tracker.labels.severity).toBe('critical');
  });
});
