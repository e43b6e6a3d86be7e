import type { VitalsEvent } from '@agentvitals/core';

/** Error types of calls a guard stopped: their end events say nothing about the agent's health. */
export const GUARD_ERROR_TYPES: ReadonlySet<string> = new Set(['CircuitOpenError', 'PolicyDeniedError']);

/**
 * True for the events of a call a guard refused (`guard.deny`, and the `tool.end` or
 * `reasoning.end` that follows it): the call never ran, so they are no evidence about the
 * agent, may not settle a breaker's trial and may not re-open a breaker.
 */
export function isRefusedCall(event: VitalsEvent): boolean {
  switch (event.type) {
    case 'guard.deny':
      return true;
    case 'tool.end':
      return event.outcome === 'denied' || event.outcome === 'blocked';
    case 'reasoning.end':
      return event.errorType !== undefined && GUARD_ERROR_TYPES.has(event.errorType);
    default:
      return false;
  }
}
