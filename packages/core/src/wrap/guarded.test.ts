import { createTestKit } from '@agentvitals/testing';
import { describe, expect, it } from 'vitest';
import { CircuitOpenError } from '../errors/circuit-open-error.js';
import type { Guard } from '../guard/guard.js';
import { wrap } from './wrap.js';

const blockEverything: Guard = {
  check: () => ({
    action: 'block',
    reason: 'breaker open',
    error: new CircuitOpenError('breaker open', { breakerName: 'agent', agentName: 'bot' }),
  }),
  attach: () => ({ dispose() {} }),
};

describe('wrap with a guard that stops calls', () => {
  it('rejects for async members and throws for sync ones, never running them', async () => {
    const kit = createTestKit({ agentName: 'bot' });
    let ran = 0;
    const agent = wrap(
      {
        async think() {
          ran++;
          return 'thought';
        },
        decide() {
          ran++;
          return 'decision';
        },
        tools: {
          async search() {
            ran++;
            return [];
          },
          lookup() {
            ran++;
            return {};
          },
        },
      },
      { name: 'bot', vitals: kit.vitals, guard: blockEverything },
    );
    const thinking = agent.think();
    expect(thinking).toBeInstanceOf(Promise);
    await expect(thinking).rejects.toBeInstanceOf(CircuitOpenError);
    const searching = agent.tools.search();
    expect(searching).toBeInstanceOf(Promise);
    await expect(searching).rejects.toBeInstanceOf(CircuitOpenError);
    expect(() => agent.decide()).toThrow(CircuitOpenError);
    expect(() => agent.tools.lookup()).toThrow(CircuitOpenError);
    expect(ran).toBe(0);
    expect(await kit.metric('agent.tool.calls', { 'agent.tool.outcome': 'blocked' })).toBe(2);
    await kit.shutdown();
  });
});
