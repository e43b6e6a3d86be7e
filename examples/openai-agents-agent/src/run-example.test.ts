import { describe, expect, it } from 'vitest';
import { runExample } from './run-example.js';

describe('the OpenAI Agents example', () => {
  it('runs offline and reports its vitals', async () => {
    const report = await runExample();
    expect(report).toContain('agent.runs (success): 3');
    expect(report).toContain('model requests (agent.reasoning.duration count): 6');
    expect(report).toContain('agent.tool.calls refund_order error: 2');
    expect(report).toContain('agent.tool.calls lookup_order success: 2');
    expect(report).toContain('agent.tool.calls shell denied: 1');
    expect(report).toMatch(/chat gpt-4o-mini \(response model gpt-4o-mini-2024-07-18\)/);
    expect(report).not.toContain('ran: rm');
  });
});
