import { createTestKit } from '@agentvitals/testing';
import { describe, expect, it } from 'vitest';
import { PolicyDeniedError } from '../errors/policy-denied-error.js';
import type { VitalsEvent } from '../events/vitals-event.js';

describe('the vitals event stream', () => {
  it('emits one typed event per call, with the clock time and the run request id', async () => {
    let now = 1_000;
    const kit = createTestKit({
      agentName: 'evented',
      clock: () => now++,
      pricing: { 'house-model': { input: 1, output: 2 } },
    });
    const { vitals } = kit;
    const seen: VitalsEvent[] = [];
    const subscription = vitals.events.subscribe((event) => seen.push(event));
    const toolEnds: string[] = [];
    vitals.events.on('tool.end', (event) => toolEnds.push(event.outcome));

    await vitals.run(
      async () => {
        await vitals.reasoning(
          async () => ({ model: 'house-model', usage: { prompt_tokens: 1_000_000, completion_tokens: 0 } }),
          { provider: 'self' },
        );
        await vitals.tool('lookup', async (id: number) => ({ id }), { validate: () => 'never valid' })(7);
        vitals.sentiment(-0.5);
        vitals.heartbeat();
        vitals.escalate('refund').resolve();
      },
      { requestId: 'req-1' },
    );
    subscription.dispose();

    expect(seen.map((e) => e.type)).toEqual([
      'run.start',
      'reasoning.start',
      'tokens',
      'reasoning.end',
      'tool.start',
      'tool.end',
      'action',
      'sentiment',
      'heartbeat',
      'escalation',
      'escalation.resolve',
      'run.end',
    ]);
    for (const event of seen) {
      expect(event.agentName).toBe('evented');
      expect(event.requestId).toBe('req-1');
      expect(typeof event.time).toBe('number');
    }
    const byType = <T extends VitalsEvent['type']>(type: T) =>
      seen.find((e) => e.type === type) as Extract<VitalsEvent, { type: T }>;
    expect(byType('tokens')).toMatchObject({
      model: 'house-model',
      provider: 'self',
      inputTokens: 1_000_000,
      outputTokens: 0,
      costUsd: 1,
    });
    expect(byType('reasoning.end')).toMatchObject({ model: 'house-model', provider: 'self' });
    expect(byType('tool.start')).toMatchObject({ toolName: 'lookup', args: [7] });
    expect(byType('tool.end')).toMatchObject({ toolName: 'lookup', outcome: 'invalid', result: { id: 7 } });
    expect(byType('action')).toMatchObject({ tokensSinceLastAction: 1_000_000 });
    expect(byType('sentiment')).toMatchObject({ score: -0.5, label: 'negative' });
    expect(byType('escalation')).toMatchObject({ reason: 'refund', open: 1 });
    expect(byType('escalation.resolve')).toMatchObject({ reason: 'refund', open: 0 });
    expect(byType('run.end')).toMatchObject({ outcome: 'success' });
    expect(toolEnds).toEqual(['invalid']);

    vitals.action();
    expect(seen).toHaveLength(12);
    await kit.shutdown();
  });

  it('reports a guard veto as guard.deny and tool.end with the outcome', async () => {
    const kit = createTestKit({ agentName: 'guarded' });
    const denial = new PolicyDeniedError('no shell', { agentName: 'guarded', toolName: 'shell', rule: 'r' });
    kit.vitals.use({
      check: (request) =>
        request.kind === 'tool' ? { action: 'deny', error: denial, reason: 'no shell' } : { action: 'allow' },
      attach: () => ({ dispose() {} }),
    });
    const seen: VitalsEvent[] = [];
    kit.vitals.events.subscribe((event) => seen.push(event));
    expect(() => kit.vitals.tool('shell', (_command: string) => 'ran')('ls')).toThrow(denial);
    expect(seen).toMatchObject([
      { type: 'guard.deny', outcome: 'denied', kind: 'tool', toolName: 'shell', reason: 'no shell' },
      {
        type: 'tool.end',
        outcome: 'denied',
        toolName: 'shell',
        args: ['ls'],
        errorType: 'PolicyDeniedError',
      },
    ]);
    await kit.shutdown();
  });

  it('builds no event (never reads the clock) when nobody listens', async () => {
    let reads = 0;
    const kit = createTestKit({
      clock: () => {
        reads++;
        return 0;
      },
    });
    const { vitals } = kit;
    await vitals.run(async () => {
      await vitals.reasoning(async () => ({
        model: 'gpt-4o',
        usage: { prompt_tokens: 1, completion_tokens: 1 },
      }));
      await vitals.tool('t', async () => 1)();
      vitals.usage({ inputTokens: 1, outputTokens: 1 });
      vitals.action();
      vitals.sentiment(0.5);
      vitals.escalate('x').resolve();
    });
    expect(reads).toBe(0);
    expect(await kit.metric('agent.runs')).toBe(1);
    const subscription = vitals.events.subscribe(() => {});
    vitals.action();
    expect(reads).toBe(1);
    subscription.dispose();
    vitals.action();
    expect(reads).toBe(1);
    await kit.shutdown();
  });

  it('isolates a throwing subscriber: the call and the recording are unaffected', async () => {
    const kit = createTestKit();
    const others: string[] = [];
    kit.vitals.events.subscribe(() => {
      throw new Error('listener bug');
    });
    kit.vitals.events.subscribe((event) => others.push(event.type));
    expect(kit.vitals.run(() => kit.vitals.tool('t', () => 'value')())).toBe('value');
    expect(others).toEqual(['run.start', 'tool.start', 'tool.end', 'action', 'run.end']);
    expect(await kit.metric('agent.tool.calls', { 'agent.tool.outcome': 'success' })).toBe(1);
    expect(await kit.metric('agent.runs', { 'agent.run.outcome': 'success' })).toBe(1);
    await kit.shutdown();
  });
});
