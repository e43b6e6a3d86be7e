import { describe, expect, it } from 'vitest';
import { createGuard } from '../create-guard.js';
import { guardHarness } from './guard-harness.test-util.js';

/** A tool call as core reports it past its label cap: the request has the real name, events `_overflow`. */
function overflowCall(h: ReturnType<typeof guardHarness>, callId: number, toolName: string, args: unknown[]) {
  const decision = h.guard.check({ kind: 'tool', agentName: 'bot', toolName, args, callId });
  if (decision.action !== 'allow') return decision.action;
  h.emit({ type: 'tool.start', callId, toolName: '_overflow', args });
  h.emit({
    type: 'tool.end',
    callId,
    toolName: '_overflow',
    args,
    outcome: 'success',
    durationSeconds: 0,
    result: 'ok',
  });
  return 'allow';
}

describe('distinct tools', () => {
  it('are never taken for one repeated call, even when their events share a bounded label', () => {
    const h = guardHarness();
    let refused = 0;
    for (let i = 0; i < 200_000; i++) if (overflowCall(h, i, `tool-${i}`, ['same']) !== 'allow') refused++;
    expect(refused).toBe(0);
    expect(h.fired()).toEqual([]);
  });

  it('still catches one tool repeated under a bounded label', () => {
    const h = guardHarness();
    for (let i = 0; i < 6; i++) overflowCall(h, i, 'search', ['same']);
    expect(h.fired()).toEqual(['AgentRepeatedToolCalls']);
    expect(overflowCall(h, 99, 'other', ['x'])).toBe('block');
  });

  it('keep no per-tool state: 1,000,000 distinct names through check make one agent and no breaker', () => {
    const guard = createGuard({ evaluationIntervalMs: 3_600_000 });
    for (let i = 0; i < 1_000_000; i++) {
      guard.check({ kind: 'tool', agentName: 'bot', toolName: `tool-${i}`, args: [], callId: i });
    }
    expect(guard.stats().agents).toBe(1);
    expect(guard.breaker('bot', 'tool-1')).toBeUndefined();
  });
});
