import { describe, expect, it } from 'vitest';
import { guardHarness } from '../engine/guard-harness.test-util.js';
import { escalationBacklogRule } from './escalation-backlog.js';

describe('escalationBacklogRule', () => {
  it('stays quiet at 20 open, fires at 21, resolves when one is closed', () => {
    const h = guardHarness({ rules: [escalationBacklogRule({ forMs: 0 })] });
    for (let open = 1; open <= 20; open++) h.emit({ type: 'escalation', reason: 'refund', open });
    expect(h.fired()).toEqual([]);
    h.emit({ type: 'escalation', reason: 'refund', open: 21 });
    expect(h.fired()).toEqual(['AgentEscalationBacklog']);
    h.emit({ type: 'escalation.resolve', reason: 'refund', open: 20 });
    expect(h.resolved()).toEqual(['AgentEscalationBacklog']);
  });

  it('waits 5 min by default before a backlog fires', () => {
    const h = guardHarness({ rules: [escalationBacklogRule()] });
    h.emit({ type: 'escalation', reason: 'refund', open: 21 });
    expect(h.fired()).toEqual([]);
    h.advance(300_000);
    expect(h.fired()).toEqual(['AgentEscalationBacklog']);
  });

  it('ignores impossible counts', () => {
    const h = guardHarness({ rules: [escalationBacklogRule({ maxOpen: 1 })] });
    h.emit({ type: 'escalation', reason: 'x', open: Number.NaN });
    h.emit({ type: 'escalation', reason: 'x', open: -3 });
    h.emit({ type: 'escalation', reason: 'x', open: Number.POSITIVE_INFINITY });
    expect(h.fired()).toEqual([]);
  });
});
