import { createTestKit } from '@agentvitals/testing';
import { describe, expect, it } from 'vitest';
import { createVitals } from '../api/create-vitals.js';

describe('vitals.thought', () => {
  it('emits a redacted agent.thought log record correlated with the span and request id', async () => {
    const kit = createTestKit({ agentName: 'support-bot' });
    await kit.vitals.run(
      async () => {
        await kit.vitals.tool('crm.lookup', async () => {
          kit.vitals.thought(
            'Customer jane@example.com sent key sk-proj-abcdefghijklmnopqrstuvwxyz0123456789ABCD',
          );
        })();
      },
      { requestId: 'req-42' },
    );
    const [record] = kit.logs();
    expect(record?.eventName).toBe('agent.thought');
    expect(record?.attributes).toMatchObject({
      'agent.request.id': 'req-42',
      'gen_ai.agent.name': 'support-bot',
    });
    expect(String(record?.body)).not.toContain('jane@example.com');
    expect(String(record?.body)).not.toContain('sk-proj-abcdefghijklmnop');
    const toolSpan = kit.spans().find((s) => s.name === 'execute_tool crm.lookup')!;
    expect(record?.spanContext?.spanId).toBe(toolSpan.spanContext().spanId);
    expect(record?.spanContext?.traceId).toBe(toolSpan.spanContext().traceId);
    await kit.shutdown();
  });

  it('truncates to maxBytes and applies custom patterns', async () => {
    const kit = createTestKit({ thoughts: { maxBytes: 64, patterns: [/ORDER-\d+/] } });
    kit.vitals.thought(`ORDER-12345 ${'x'.repeat(1000)}`);
    kit.vitals.thought(`${'y'.repeat(100_000)} sk-ant-api03-${'a'.repeat(90)}`);
    const [first, second] = kit.logs();
    expect(String(first?.body)).not.toContain('ORDER-12345');
    expect(Buffer.byteLength(String(first?.body))).toBeLessThanOrEqual(64);
    expect(Buffer.byteLength(String(second?.body))).toBeLessThanOrEqual(64);
    await kit.shutdown();
  });

  it('does not evaluate the lazy form when no logger provider is registered', () => {
    const vitals = createVitals({ agentName: 'quiet' });
    let evaluated = false;
    vitals.thought(() => {
      evaluated = true;
      return 'expensive';
    });
    expect(evaluated).toBe(false);
  });

  it('evaluates the lazy form when recorded, and drops a throwing or non-string one', async () => {
    const kit = createTestKit();
    kit.vitals.thought(() => 'lazy thought');
    kit.vitals.thought(() => {
      throw new Error('bug');
    });
    kit.vitals.thought(() => 42 as never);
    expect(kit.logs().map((r) => r.body)).toEqual(['lazy thought']);
    await kit.shutdown();
  });

  it('can be switched off', async () => {
    const kit = createTestKit({ thoughts: { enabled: false } });
    kit.vitals.thought('nothing');
    expect(kit.logs()).toHaveLength(0);
    expect(() => createTestKit({ thoughts: { maxBytes: 3 } })).toThrow(TypeError);
    await kit.shutdown();
  });
});
