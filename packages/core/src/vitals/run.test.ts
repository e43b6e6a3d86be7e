import { createTestKit, type TestKit } from '@agentvitals/testing';
import { SpanStatusCode } from '@opentelemetry/api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

describe('vitals.run', () => {
  let kit: TestKit;
  beforeEach(() => {
    kit = createTestKit({ agentName: 'support-bot' });
  });
  afterEach(() => kit.shutdown());

  it('records a successful async run: span, agent.runs, agent.run.duration', async () => {
    const value = await kit.vitals.run(async () => 'answer', { requestId: 'req-1' });
    expect(value).toBe('answer');
    expect(
      await kit.metric('agent.runs', { 'gen_ai.agent.name': 'support-bot', 'agent.run.outcome': 'success' }),
    ).toBe(1);
    expect(await kit.metric('agent.runs', { 'agent.run.outcome': 'error' })).toBe(0);
    const duration = await kit.metric('agent.run.duration', { 'agent.run.outcome': 'success' });
    expect(duration).toMatchObject({ count: 1 });
    const [span] = kit.spans();
    expect(span?.name).toBe('invoke_agent support-bot');
    expect(span?.attributes).toMatchObject({
      'gen_ai.operation.name': 'invoke_agent',
      'gen_ai.agent.name': 'support-bot',
      'agent.request.id': 'req-1',
      'agent.run.outcome': 'success',
    });
  });

  it('keeps a sync run sync and rethrows the very same error with error.type', () => {
    class RefundError extends Error {
      override name = 'RefundError';
    }
    const thrown = new RefundError('no');
    let calls = 0;
    expect(() =>
      kit.vitals.run(() => {
        calls++;
        throw thrown;
      }),
    ).toThrow(thrown);
    expect(calls).toBe(1);
    const [span] = kit.spans();
    expect(span?.status.code).toBe(SpanStatusCode.ERROR);
    expect(span?.attributes['error.type']).toBe('RefundError');
    expect(kit.vitals.run(() => 42)).toBe(42);
  });

  it('counts an async failure as an error run and returns the same promise', async () => {
    const failure = Promise.reject(new TypeError('bad'));
    const returned = kit.vitals.run(() => failure);
    expect(returned).toBe(failure);
    await expect(returned).rejects.toThrow('bad');
    expect(await kit.metric('agent.runs', { 'agent.run.outcome': 'error' })).toBe(1);
    expect(kit.spans()[0]?.attributes['error.type']).toBe('TypeError');
  });

  it('generates a request id, exposes it inside the run, and parents inner spans', async () => {
    let seen: string | undefined;
    await kit.vitals.run(async () => {
      seen = kit.vitals.currentRequestId();
      await kit.vitals.reasoning(async () => ({ choices: [] }), { model: 'gpt-4o-mini' });
      await kit.vitals.tool('search', async () => 'hit')();
    });
    expect(seen).toMatch(/^[0-9a-f-]{36}$/);
    expect(kit.vitals.currentRequestId()).toBeUndefined();
    const spans = kit.spans();
    const run = spans.find((s) => s.name.startsWith('invoke_agent'))!;
    const children = spans.filter((s) => s !== run);
    expect(children.map((s) => s.name).sort()).toEqual(['chat gpt-4o-mini', 'execute_tool search']);
    for (const child of children) {
      expect(child.parentSpanContext?.spanId).toBe(run.spanContext().spanId);
      expect(child.spanContext().traceId).toBe(run.spanContext().traceId);
      expect(child.attributes['agent.request.id']).toBe(seen);
    }
  });

  it('keeps concurrent runs apart', async () => {
    const ids = Array.from({ length: 50 }, (_, i) => `req-${i}`);
    const seen = await Promise.all(
      ids.map((id) =>
        kit.vitals.run(
          async () => {
            await new Promise((resolve) => setTimeout(resolve, Math.random() * 5));
            return kit.vitals.currentRequestId();
          },
          { requestId: id },
        ),
      ),
    );
    expect(seen).toEqual(ids);
    expect(await kit.metric('agent.runs')).toBe(50);
  });

  it('replaces an unusable request id with a generated one', async () => {
    const seen = kit.vitals.run(() => kit.vitals.currentRequestId(), { requestId: 'x'.repeat(500) });
    expect(seen).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('shares the request id with nested runs, not with runs started after it ended', async () => {
    const ids: (string | undefined)[] = [];
    let later: Promise<void> | undefined;
    await kit.vitals.run(
      async () => {
        kit.vitals.run(() => ids.push(kit.vitals.currentRequestId()));
        later = new Promise((resolve) =>
          setTimeout(() => resolve(kit.vitals.run(() => void ids.push(kit.vitals.currentRequestId()))), 5),
        );
      },
      { requestId: 'outer' },
    );
    await later;
    expect(ids[0]).toBe('outer');
    expect(ids[1]).toMatch(/^[0-9a-f-]{36}$/);
  });
});
