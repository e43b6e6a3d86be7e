import { createTestKit } from '@agentvitals/testing';
import { describe, expect, it } from 'vitest';
import { wrap } from './wrap.js';

const kit = createTestKit({ agentName: 'busy-bot' });
const tick = () => new Promise((resolve) => setTimeout(resolve, Math.random() * 5));

describe('wrap: concurrency', () => {
  it('keeps 300 concurrent runs apart: trace, request id and token counts per run', async () => {
    const agent = wrap(
      {
        tools: {
          lookup: async (n: number) => {
            await tick();
            return n * 2;
          },
        },
        async think(n: number) {
          await tick();
          return {
            object: 'chat.completion',
            model: 'gpt-4o-mini',
            usage: { prompt_tokens: n, completion_tokens: 1 },
          };
        },
        async run(request: { id: string; n: number }) {
          await tick();
          await this.think(request.n);
          return this.tools.lookup(request.n);
        },
      },
      { vitals: kit.vitals, requestId: (request: { id: string }) => request.id },
    );
    const requests = Array.from({ length: 300 }, (_, i) => ({ id: `req-${i}`, n: i + 1 }));
    const results = await Promise.all(requests.map((request) => agent.run(request)));
    expect(results).toEqual(requests.map((r) => r.n * 2));

    const spans = kit.spans();
    expect(spans).toHaveLength(900);
    expect(await kit.metric('agent.runs', { 'agent.run.outcome': 'success' })).toBe(300);
    expect(await kit.metric('gen_ai.client.token.usage', { 'gen_ai.token.type': 'input' })).toMatchObject({
      count: 300,
      sum: (300 * 301) / 2,
    });
    const byRequest = new Map<unknown, typeof spans>();
    for (const span of spans) {
      const id = span.attributes['agent.request.id'];
      byRequest.set(id, [...(byRequest.get(id) ?? []), span]);
    }
    expect(byRequest.size).toBe(300);
    for (const request of requests) {
      const own = byRequest.get(request.id)!;
      expect(own).toHaveLength(3);
      expect(new Set(own.map((s) => s.spanContext().traceId)).size).toBe(1);
      const chat = own.find((s) => s.name.startsWith('chat'))!;
      expect(chat.attributes['gen_ai.usage.input_tokens']).toBe(request.n);
      const run = own.find((s) => s.name.startsWith('invoke_agent'))!;
      expect(chat.parentSpanContext?.spanId).toBe(run.spanContext().spanId);
    }
    const traces = new Set(spans.map((s) => s.spanContext().traceId));
    expect(traces.size).toBe(300);
  });
});
