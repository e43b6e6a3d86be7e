import { createVitals, isCircuitOpenError } from '@agentvitals/core';
import { describe, expect, it } from 'vitest';
import { createGuard } from '../create-guard.js';
import { createFleetHold } from './fleet-hold.js';

const reasoning = (agentName: string) => ({
  kind: 'reasoning' as const,
  agentName,
  model: 'm',
  provider: 'p',
});

describe('createFleetHold', () => {
  it('refuses every call of a held agent until the last reason is released', () => {
    const hold = createFleetHold();
    expect(hold.check(reasoning('a')).action).toBe('allow');
    expect(hold.hold('a', 'AgentFleetCostSpike')).toBe(true);
    expect(hold.hold('a', 'AgentFleetCostSpike')).toBe(true);
    expect(hold.hold('a', 'Other')).toBe(true);
    const decision = hold.check(reasoning('a'));
    expect(decision.action).toBe('block');
    if (decision.action === 'block') {
      expect(isCircuitOpenError(decision.error)).toBe(true);
      expect(decision.reason).toContain('AgentFleetCostSpike');
    }
    expect(hold.check(reasoning('b')).action).toBe('allow');
    expect(hold.release('a', 'AgentFleetCostSpike')).toBe(false);
    expect(hold.isHeld('a')).toBe(true);
    expect(hold.release('a', 'Other')).toBe(true);
    expect(hold.isHeld('a')).toBe(false);
    expect(hold.check(reasoning('a')).action).toBe('allow');
    expect(hold.release('never-held', 'x')).toBe(true);
  });

  it('opens the guard breaker of the held agent and closes it on release', async () => {
    const guard = createGuard({ breaker: { coolDownMs: 10 } });
    const hold = createFleetHold({ guard });
    const vitals = createVitals({ agentName: 'bot', guard: [guard, hold] });
    await vitals.reasoning(async () => 'ok', { model: 'm', provider: 'p' });
    hold.hold('bot', 'AgentFleetCostSpike');
    expect(guard.breaker('bot')?.state).toBe('open');
    await new Promise((resolve) => setTimeout(resolve, 30));
    // The breaker's cool-down is over, but the hold keeps refusing.
    await expect(vitals.reasoning(async () => 'ok', { model: 'm', provider: 'p' })).rejects.toSatisfy(
      isCircuitOpenError,
    );
    expect(guard.breaker('bot')?.state).not.toBe('closed');
    hold.release('bot', 'AgentFleetCostSpike');
    expect(guard.breaker('bot')?.state).toBe('closed');
    await expect(vitals.reasoning(async () => 'ok', { model: 'm', provider: 'p' })).resolves.toBe('ok');
  });

  it('is bounded and ignores bad input', () => {
    const hold = createFleetHold({ maxAgents: 2, maxReasonsPerAgent: 1 });
    expect(hold.hold('a', 'x')).toBe(true);
    expect(hold.hold('b', 'x')).toBe(true);
    expect(hold.hold('c', 'x')).toBe(false);
    hold.hold('a', 'y');
    expect(hold.held().get('a')).toEqual(['x']);
    expect(hold.hold('', 'x')).toBe(false);
    expect(hold.hold('d', undefined as unknown as string)).toBe(false);
    expect(() => createFleetHold({ maxAgents: 0 })).toThrow(TypeError);
    expect(() => createFleetHold({ guard: {} as never })).toThrow(/AgentGuard/);
  });
});
