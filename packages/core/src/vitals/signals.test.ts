import { createTestKit, type TestKit } from '@agentvitals/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Guard } from '../guard/guard.js';

describe('sentiment, heartbeat, escalations, queues', () => {
  let kit: TestKit;
  let now = 1_700_000_000_000;
  beforeEach(() => {
    kit = createTestKit({ agentName: 'support-bot', clock: () => now });
  });
  afterEach(() => kit.shutdown());

  it('labels sentiment scores and text', async () => {
    kit.vitals.sentiment(-0.8);
    kit.vitals.sentiment(0);
    kit.vitals.sentiment(0.9);
    kit.vitals.sentiment('This is useless, I have been waiting for hours and it is still broken!');
    expect(await kit.metric('agent.sentiment.messages', { 'agent.sentiment.label': 'negative' })).toBe(2);
    expect(await kit.metric('agent.sentiment.messages', { 'agent.sentiment.label': 'neutral' })).toBe(1);
    expect(await kit.metric('agent.sentiment.messages', { 'agent.sentiment.label': 'positive' })).toBe(1);
    const score = (await kit.metric('agent.sentiment.score')) as { count: number; sum: number };
    expect(score.count).toBe(4);
    // Recorded on the 0..1 scale: (-0.8 + 1) / 2 + (0 + 1) / 2 + (0.9 + 1) / 2 + the text's.
    expect(score.sum).toBeGreaterThan(0.1 + 0.5 + 0.95);
    expect(score.sum).toBeLessThan(0.1 + 0.5 + 0.95 + 0.375);
  });

  it('drops sentiment outside -1..1, NaN and wrong types', async () => {
    for (const bad of [1.5, -2, Number.NaN, Number.NEGATIVE_INFINITY, null, {}]) {
      expect(() => kit.vitals.sentiment(bad as never)).not.toThrow();
    }
    const throwing = createTestKit({
      sentiment: {
        analyzer: () => {
          throw new Error('model offline');
        },
      },
    });
    expect(() => throwing.vitals.sentiment('hello')).not.toThrow();
    expect(await kit.metric('agent.sentiment.messages')).toBe(0);
    expect(await throwing.metric('agent.sentiment.messages')).toBe(0);
    await throwing.shutdown();
  });

  it('uses configurable thresholds and refuses bad ones', async () => {
    const strict = createTestKit({ sentiment: { negativeAtOrBelow: -0.05, positiveAtOrAbove: 0.5 } });
    strict.vitals.sentiment(-0.1);
    expect(await strict.metric('agent.sentiment.messages', { 'agent.sentiment.label': 'negative' })).toBe(1);
    await strict.shutdown();
    expect(() => createTestKit({ sentiment: { negativeAtOrBelow: 0.5, positiveAtOrAbove: 0.1 } })).toThrow(
      TypeError,
    );
  });

  it('records the heartbeat as unix seconds', async () => {
    kit.vitals.heartbeat();
    now += 5000;
    kit.vitals.heartbeat();
    expect(await kit.metric('agent.heartbeat.timestamp', { 'gen_ai.agent.name': 'support-bot' })).toBe(
      now / 1000,
    );
  });

  it('counts escalations and keeps the backlog', async () => {
    const first = kit.vitals.escalate('refund');
    kit.vitals.escalate('refund');
    kit.vitals.escalate('angry_customer');
    expect(await kit.metric('agent.escalations', { 'agent.escalation.reason': 'refund' })).toBe(2);
    expect(await kit.metric('agent.escalation.backlog')).toBe(3);
    first.resolve();
    first.resolve();
    expect(kit.vitals.resolveEscalation('angry_customer')).toBe(true);
    expect(kit.vitals.resolveEscalation('angry_customer')).toBe(false);
    expect(await kit.metric('agent.escalation.backlog')).toBe(1);
    expect(await kit.metric('agent.escalations')).toBe(3);
  });

  it('observes queue depth at collection and drops bad readings', async () => {
    const queue = [1, 2, 3];
    const handle = kit.vitals.queueDepth('tickets', () => queue.length);
    kit.vitals.queueDepth('broken', () => Number.NaN);
    kit.vitals.queueDepth('throws', () => {
      throw new Error('db down');
    });
    expect(await kit.metric('agent.queue.depth', { 'agent.queue.name': 'tickets' })).toBe(3);
    queue.push(4);
    expect(await kit.metric('agent.queue.depth', { 'agent.queue.name': 'tickets' })).toBe(4);
    expect((await kit.series('agent.queue.depth')).map((s) => s.attributes['agent.queue.name'])).toEqual([
      'tickets',
    ]);
    handle.dispose();
    expect(() => kit.vitals.queueDepth('', () => 1)).toThrow(TypeError);
  });

  it('reports a disposed queue as empty, not stuck at its last depth, until it is registered again', async () => {
    let depth = 7;
    const first = kit.vitals.queueDepth('tickets', () => depth);
    expect(await kit.metric('agent.queue.depth', { 'agent.queue.name': 'tickets' })).toBe(7);
    depth = 2;
    expect(await kit.metric('agent.queue.depth', { 'agent.queue.name': 'tickets' })).toBe(2);
    first.dispose();
    expect(await kit.metric('agent.queue.depth', { 'agent.queue.name': 'tickets' })).toBe(0);
    expect(await kit.metric('agent.queue.depth', { 'agent.queue.name': 'tickets' })).toBe(0);
    // A stale handle of a replaced queue leaves the new one alone.
    const second = kit.vitals.queueDepth('tickets', () => 5);
    first.dispose();
    expect(await kit.metric('agent.queue.depth', { 'agent.queue.name': 'tickets' })).toBe(5);
    second.dispose();
    expect(await kit.metric('agent.queue.depth', { 'agent.queue.name': 'tickets' })).toBe(0);
  });

  it('turns guard events into agent.alerts and agent.breaker.state', async () => {
    kit.vitals.use({
      check: () => ({ action: 'allow' }),
      attach(host) {
        host.emit({
          type: 'alert.fire',
          agentName: host.agentName,
          time: host.now(),
          alertName: 'CostSpike',
          severity: 'critical',
        });
        host.emit({
          type: 'breaker.state',
          agentName: host.agentName,
          time: host.now(),
          breakerName: 'agent',
          state: 'open',
        });
        return { dispose() {} };
      },
    });
    expect(
      await kit.metric('agent.alerts', {
        'agent.alert.name': 'CostSpike',
        'agent.alert.severity': 'critical',
      }),
    ).toBe(1);
    expect(await kit.metric('agent.breaker.state', { 'agent.breaker.name': 'agent' })).toBe(2);
  });

  it("reads a detached guard's open breaker as closed: it stops no call any more", async () => {
    const guardOpening = (breakerName: string) => ({
      check: () => ({ action: 'allow' as const }),
      attach(host: Parameters<Guard['attach']>[0]) {
        host.emit({
          type: 'breaker.state',
          agentName: host.agentName,
          time: host.now(),
          breakerName,
          state: 'open',
        });
        return { dispose() {} };
      },
    });
    const first = kit.vitals.use(guardOpening('agent'));
    const other = kit.vitals.use(guardOpening('tool:search'));
    expect(await kit.metric('agent.breaker.state', { 'agent.breaker.name': 'agent' })).toBe(2);
    first.dispose();
    expect(await kit.metric('agent.breaker.state', { 'agent.breaker.name': 'agent' })).toBe(0);
    // Another guard's breaker is left as it is.
    expect(await kit.metric('agent.breaker.state', { 'agent.breaker.name': 'tool:search' })).toBe(2);
    other.dispose();
    expect(await kit.metric('agent.breaker.state', { 'agent.breaker.name': 'tool:search' })).toBe(0);
  });
});

describe('createVitals options', () => {
  it('lists every bad field in one TypeError', async () => {
    const { createVitals } = await import('../api/create-vitals.js');
    expect(() =>
      createVitals({ agentName: '', clock: 5 as never, limits: { maxToolNames: -1 }, guard: {} as never }),
    ).toThrow(/agentName[\s\S]*clock[\s\S]*limits.maxToolNames[\s\S]*guard/);
    expect(() => createVitals(undefined as never)).toThrow(TypeError);
  });
});
