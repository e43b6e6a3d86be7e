import { describe, expect, it } from 'vitest';
import { guardHarness } from '../engine/guard-harness.test-util.js';
import { staleHeartbeatRule } from './stale-heartbeat.js';

describe('staleHeartbeatRule', () => {
  it('has the design defaults as plain data', () => {
    const rule = staleHeartbeatRule();
    expect(rule).toMatchObject({
      kind: 'stale-heartbeat',
      name: 'AgentHeartbeatStale',
      severity: 'critical',
      action: 'alert',
      forMs: 0,
      thresholds: { staleAfterMs: 45_000, requireFirstHeartbeat: true },
    });
  });

  it('fires past 45 s of silence on the timer, not at 45 s, and resolves on the next heartbeat', async () => {
    const h = guardHarness({ rules: [staleHeartbeatRule()] });
    h.emit({ type: 'heartbeat' });
    h.advance(45_000);
    expect(h.fired()).toEqual([]);
    h.advance(1);
    expect(h.fired()).toEqual(['AgentHeartbeatStale']);
    expect(h.guard.alerts()).toMatchObject([{ state: 'firing', value: 45.001 }]);
    h.emit({ type: 'heartbeat' });
    expect(h.resolved()).toEqual(['AgentHeartbeatStale']);
    await h.settle();
    expect(h.notifications.map((alert) => alert.status)).toEqual(['firing', 'resolved']);
    expect(h.notifications[0]!.annotations.summary).toBe('Agent bot has not sent a heartbeat for 45.001 s');
    expect(h.notifications[0]!.annotations.description).toMatch(
      /^The agent loop's last heartbeat is more than 45 s old/,
    );
  });

  it('waits for a first heartbeat unless told otherwise', () => {
    const quiet = guardHarness({ rules: [staleHeartbeatRule()] });
    quiet.advance(3_600_000);
    expect(quiet.fired()).toEqual([]);
    const strict = guardHarness({
      rules: [staleHeartbeatRule({ requireFirstHeartbeat: false, staleAfterMs: 1_000 })],
    });
    strict.advance(1_001);
    expect(strict.fired()).toEqual(['AgentHeartbeatStale']);
  });

  it('rejects bad options, naming each field', () => {
    expect(() => staleHeartbeatRule({ staleAfterMs: -1, severity: 'loud' as never })).toThrow(
      /staleAfterMs[\s\S]*severity|severity[\s\S]*staleAfterMs/,
    );
    expect(() => staleHeartbeatRule({ staleAfterMs: Number.NaN })).toThrow(TypeError);
    expect(() => staleHeartbeatRule({ staleAfterMs: Number.POSITIVE_INFINITY })).toThrow(TypeError);
    expect(() => staleHeartbeatRule({ staleAfter: 5 } as never)).toThrow(/staleAfter/);
  });
});
