import { createTestKit } from '@agentvitals/testing';
import { context, trace } from '@opentelemetry/api';
import { afterEach, describe, expect, it } from 'vitest';
import { PolicyDeniedError } from '../errors/policy-denied-error.js';
import type { Guard } from '../guard/guard.js';
import { isRefused, openReasoning, openRun, openTool } from './open-call.js';

const kits: ReturnType<typeof createTestKit>[] = [];
afterEach(async () => {
  for (const kit of kits.splice(0)) await kit.shutdown();
});

function testKit(guard?: Guard) {
  const kit = createTestKit({ agentName: 'callback-bot', ...(guard ? { guard } : {}) });
  kits.push(kit);
  return kit;
}

const denyTools: Guard = {
  check: (request) =>
    request.kind === 'tool'
      ? {
          action: 'deny',
          reason: 'no tools today',
          error: new PolicyDeniedError('no tools today', {
            agentName: 'callback-bot',
            toolName: 'kb.search',
            rule: 'no-tools',
          }),
        }
      : { action: 'allow' },
  attach: () => ({ dispose() {} }),
};

const spanNames = (kit: ReturnType<typeof createTestKit>) => kit.spans().map((span) => span.name);

describe('calls opened in one callback and ended in another', () => {
  it('records a run with a reasoning call and a tool call inside it, each ended by the time end() returns', async () => {
    const kit = testKit();
    const run = openRun(kit.vitals, context.active());
    const reasoning = await openReasoning(kit.vitals, run.context, {
      model: 'gpt-4o-mini',
      usage: () => ({ inputTokens: 100, outputTokens: 10 }),
    });
    if (isRefused(reasoning)) throw reasoning.error;
    reasoning.end({ id: 'response' });
    expect(spanNames(kit)).toEqual(['chat gpt-4o-mini']);
    const tool = await openTool(kit.vitals, run.context, 'kb.search', { query: 'refunds' });
    if (isRefused(tool)) throw tool.error;
    tool.fail(new Error('index offline'));
    expect(spanNames(kit)).toEqual(['chat gpt-4o-mini', 'execute_tool kb.search']);
    run.end();
    expect(spanNames(kit)).toEqual([
      'chat gpt-4o-mini',
      'execute_tool kb.search',
      'invoke_agent callback-bot',
    ]);

    const [chat, toolSpan, runSpan] = kit.spans();
    for (const child of [chat!, toolSpan!]) {
      expect(child.parentSpanContext?.spanId).toBe(runSpan!.spanContext().spanId);
    }
    expect(trace.getSpan(run.context)?.spanContext().spanId).toBe(runSpan!.spanContext().spanId);
    expect(await kit.metric('agent.runs', { 'agent.run.outcome': 'success' })).toBe(1);
    expect(await kit.metric('gen_ai.client.token.usage', { 'gen_ai.token.type': 'input' })).toEqual({
      count: 1,
      sum: 100,
    });
    expect(
      await kit.metric('agent.tool.calls', {
        'gen_ai.tool.name': 'kb.search',
        'agent.tool.outcome': 'error',
      }),
    ).toBe(1);
  });

  it('records a failed run as an error, and ignores a second end or fail', async () => {
    const kit = testKit();
    const run = openRun(kit.vitals, context.active());
    run.fail(new TypeError('model gave up'));
    run.end();
    run.fail(new Error('again'));
    expect(spanNames(kit)).toEqual(['invoke_agent callback-bot']);
    expect(await kit.metric('agent.runs', { 'agent.run.outcome': 'error' })).toBe(1);
    expect(await kit.metric('agent.runs')).toBe(1);
    expect(kit.spans()[0]!.attributes['error.type']).toBe('TypeError');
  });

  it('resolves to a Refused carrying the guard error when a guard stops the tool call', async () => {
    const kit = testKit(denyTools);
    const refused = await openTool(kit.vitals, context.active(), 'kb.search', { query: 'refunds' });
    expect(isRefused(refused)).toBe(true);
    expect((refused as { error: unknown }).error).toBeInstanceOf(PolicyDeniedError);
    expect(
      await kit.metric('agent.tool.calls', {
        'gen_ai.tool.name': 'kb.search',
        'agent.tool.outcome': 'denied',
      }),
    ).toBe(1);
    const allowed = await openReasoning(kit.vitals, context.active(), { usage: () => undefined });
    expect(isRefused(allowed)).toBe(false);
  });

  it('records a call ended before anything else ran', async () => {
    const kit = testKit();
    const run = openRun(kit.vitals, context.active());
    run.end('done');
    await Promise.resolve();
    expect(spanNames(kit)).toEqual(['invoke_agent callback-bot']);
  });
});
