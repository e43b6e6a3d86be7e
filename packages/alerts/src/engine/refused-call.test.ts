import type { VitalsEvent } from '@agentvitals/core';
import { describe, expect, it } from 'vitest';
import { isRefusedCall } from './refused-call.js';

const base = { agentName: 'bot', time: 0 };

describe('isRefusedCall', () => {
  it('knows the events of calls a guard refused', () => {
    const refused: VitalsEvent[] = [
      { ...base, type: 'guard.deny', outcome: 'denied', kind: 'tool', reason: 'x' },
      { ...base, type: 'tool.end', toolName: 't', args: [], outcome: 'blocked', durationSeconds: 0 },
      { ...base, type: 'tool.end', toolName: 't', args: [], outcome: 'denied', durationSeconds: 0 },
      {
        ...base,
        type: 'reasoning.end',
        model: 'm',
        provider: 'p',
        durationSeconds: 0,
        errorType: 'CircuitOpenError',
      },
    ];
    for (const event of refused) expect(isRefusedCall(event), event.type).toBe(true);
  });

  it('does not take calls that ran for refused ones', () => {
    const ran: VitalsEvent[] = [
      { ...base, type: 'tool.end', toolName: 't', args: [], outcome: 'error', durationSeconds: 0 },
      { ...base, type: 'tool.end', toolName: 't', args: [], outcome: 'success', durationSeconds: 0 },
      {
        ...base,
        type: 'reasoning.end',
        model: 'm',
        provider: 'p',
        durationSeconds: 0,
        errorType: 'TypeError',
      },
      { ...base, type: 'reasoning.end', model: 'm', provider: 'p', durationSeconds: 0 },
      { ...base, type: 'heartbeat' },
    ];
    for (const event of ran) expect(isRefusedCall(event), event.type).toBe(false);
  });
});
