import { createTestKit, type TestKit } from '@agentvitals/testing';
import { trace } from '@opentelemetry/api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PolicyDeniedError } from '../errors/policy-denied-error.js';
import type { VitalsEvent } from '../events/vitals-event.js';

describe('a tool call nobody decides on or listens to (the direct path)', () => {
  let kit: TestKit;
  beforeEach(() => {
    kit = createTestKit({ agentName: 'support-bot' });
  });
  afterEach(() => kit.shutdown());

  const calls = (outcome: string) =>
    kit.metric('agent.tool.calls', { 'gen_ai.tool.name': 'kb.search', 'agent.tool.outcome': outcome });

  it('records the same span and metrics as a call someone listens to', async () => {
    const search = kit.vitals.tool('kb.search', (query: string) => query.length);
    expect(search('quiet')).toBe(5);
    const events: VitalsEvent[] = [];
    const listening = kit.vitals.events.subscribe((event) => events.push(event));
    expect(search('heard')).toBe(5);
    listening.dispose();
    const [quiet, heard] = kit.spans();
    expect(quiet!.name).toBe(heard!.name);
    expect(quiet!.attributes).toEqual(heard!.attributes);
    expect(quiet!.status).toEqual(heard!.status);
    expect(quiet!.kind).toBe(heard!.kind);
    expect(await calls('success')).toBe(2);
    expect(await kit.metric('agent.actions')).toBe(2);
    expect(events.map((event) => event.type)).toEqual(['tool.start', 'tool.end', 'action']);
  });

  it('runs the tool in its span, with the run’s request id on it', async () => {
    const search = kit.vitals.tool('kb.search', () => trace.getActiveSpan());
    const active = await kit.vitals.run(async () => search(), { requestId: 'req-7' });
    const [tool] = kit.spans().filter((span) => span.name === 'execute_tool kb.search');
    expect(active?.spanContext().spanId).toBe(tool!.spanContext().spanId);
    expect(tool!.attributes['agent.request.id']).toBe('req-7');
  });

  it('hands a guard attached after earlier calls the next call', async () => {
    let ran = 0;
    const search = kit.vitals.tool('kb.search', () => ++ran);
    search();
    kit.vitals.use({
      check: () => ({
        action: 'deny',
        reason: 'no more',
        error: new PolicyDeniedError('no more', {
          agentName: 'support-bot',
          toolName: 'kb.search',
          rule: 'test',
        }),
      }),
      attach: () => ({ dispose() {} }),
    });
    expect(() => search()).toThrow(PolicyDeniedError);
    expect(ran).toBe(1);
    expect(await calls('success')).toBe(1);
    expect(await calls('denied')).toBe(1);
  });

  it('records a promise when it settles, and a listener that joined meanwhile hears its end', async () => {
    let settle!: (value: string) => void;
    const search = kit.vitals.tool('kb.search', () => new Promise<string>((resolve) => (settle = resolve)));
    const pending = search();
    const ends: VitalsEvent[] = [];
    kit.vitals.events.on('tool.end', (event) => ends.push(event));
    expect(await calls('success')).toBe(0);
    settle('found');
    expect(await pending).toBe('found');
    expect(await calls('success')).toBe(1);
    expect(ends).toMatchObject([{ type: 'tool.end', toolName: 'kb.search', outcome: 'success' }]);
  });

  it('records a throw as an error, rethrowing the same error, in metrics-only mode too', async () => {
    const failure = new TypeError('index down');
    const metricsOnly = kit.createVitals({ agentName: 'metrics-only-bot', tracing: false });
    for (const vitals of [kit.vitals, metricsOnly]) {
      const search = vitals.tool('kb.search', () => {
        throw failure;
      });
      expect(() => search()).toThrow(failure);
    }
    const errors = (agent: string) =>
      kit.metric('agent.tool.calls', { 'gen_ai.agent.name': agent, 'agent.tool.outcome': 'error' });
    expect(await errors('support-bot')).toBe(1);
    expect(await errors('metrics-only-bot')).toBe(1);
    const spans = kit.spans();
    expect(spans).toHaveLength(1);
    expect(spans[0]!.attributes['error.type']).toBe('TypeError');
  });
});
