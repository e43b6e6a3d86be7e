import { createTestKit } from '@agentvitals/testing';
import { describe, expect, it } from 'vitest';
import { MAX_TRACKED_ESCALATIONS } from './escalations.js';

describe('escalations', () => {
  it('keeps the backlog right while bounding what it remembers for resolving by reason', async () => {
    const kit = createTestKit({ agentName: 'bot' });
    const first = kit.vitals.escalate('refund');
    for (let i = 0; i < MAX_TRACKED_ESCALATIONS; i++) kit.vitals.escalate('angry_customer');
    expect(await kit.metric('agent.escalation.backlog')).toBe(MAX_TRACKED_ESCALATIONS + 1);
    // The oldest ('refund') is no longer tracked, so resolving by reason cannot find it...
    expect(kit.vitals.resolveEscalation('refund')).toBe(false);
    // ...but its own resolve() still closes it, once.
    first.resolve();
    first.resolve();
    expect(await kit.metric('agent.escalation.backlog')).toBe(MAX_TRACKED_ESCALATIONS);
    expect(kit.vitals.resolveEscalation('angry_customer')).toBe(true);
    expect(await kit.metric('agent.escalation.backlog')).toBe(MAX_TRACKED_ESCALATIONS - 1);
    await kit.shutdown();
  });

  it('reports the open count in events and never closes another escalation by mistake', async () => {
    const kit = createTestKit({ agentName: 'bot' });
    const opens: number[] = [];
    kit.vitals.events.subscribe((event) => {
      if (event.type === 'escalation' || event.type === 'escalation.resolve') opens.push(event.open);
    });
    const a = kit.vitals.escalate('refund');
    const b = kit.vitals.escalate('refund');
    a.resolve();
    a.resolve();
    b.resolve();
    expect(opens).toEqual([1, 2, 1, 0]);
    expect(kit.vitals.resolveEscalation('refund')).toBe(false);
    expect(await kit.metric('agent.escalation.backlog')).toBe(0);
    await kit.shutdown();
  });

  it('never makes a reason that looks like a secret or free text a label, and still resolves it by reason', async () => {
    const kit = createTestKit({ agentName: 'bot' });
    const reasons: string[] = [];
    kit.vitals.events.on('escalation', (event) => reasons.push(event.reason));
    const mail = kit.vitals.escalate('customer jane.doe@example.com');
    kit.vitals.escalate('the customer is very angry about the refund');
    kit.vitals.escalate('refund_over_limit');
    expect(mail.reason).toBe('_redacted');
    expect(reasons).toEqual(['_redacted', '_redacted', 'refund_over_limit']);
    const series = await kit.series('agent.escalations');
    const labels = series.map((s) => s.attributes['agent.escalation.reason']).sort();
    expect(labels).toEqual(['_redacted', 'refund_over_limit']);
    expect(JSON.stringify(series)).not.toMatch(/jane|angry/);
    expect(kit.vitals.resolveEscalation('the customer is very angry about the refund')).toBe(true);
    expect(kit.vitals.resolveEscalation('the customer is very angry about the refund')).toBe(false);
    expect(kit.vitals.resolveEscalation('customer jane.doe@example.com')).toBe(true);
    expect(await kit.metric('agent.escalation.backlog')).toBe(1);
    await kit.shutdown();
  });
});
