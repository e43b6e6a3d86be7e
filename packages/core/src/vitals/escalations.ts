import { ATTR_AGENT_ESCALATION_REASON } from '../semconv/attributes.js';
import { vitalsLogger } from './numbers.js';
import { currentRequestId, type VitalsState } from './state.js';
import type { Escalation } from './types.js';

/**
 * Open escalations remembered for `resolveEscalation(reason)`. Past this many, the oldest are
 * forgotten (with one warning): they still count in the backlog and their own `resolve()`
 * still works, but resolving by reason no longer finds them.
 */
export const MAX_TRACKED_ESCALATIONS = 10_000;

/** Characters of a reason kept to resolve it by reason: longer reasons match on this prefix. */
const REASON_KEY_LENGTH = 1024;

const reasonKey = (reason: unknown): string =>
  typeof reason === 'string' && reason.length > 0 ? reason.slice(0, REASON_KEY_LENGTH) : 'unspecified';

/**
 * Builds `escalate()` and `resolveEscalation()`: `agent.escalations` and `agent.escalation.backlog`.
 * The reason becomes a metric label only when it is a safe, bounded name: one that looks like
 * a secret, free text or a random token is recorded as `_redacted` (see `NameLimiter`). Resolving
 * by reason matches the reason as given, so two different redacted reasons stay apart.
 */
export function createEscalations(state: VitalsState) {
  const tracked: { readonly key: string; readonly escalation: Escalation }[] = [];
  let open = 0;
  let warned = false;
  const emit = (type: 'escalation' | 'escalation.resolve', reason: string) => {
    if (!state.events.active) return;
    state.events.emit({
      type,
      agentName: state.agentName,
      time: state.clock(),
      requestId: currentRequestId(),
      reason,
      open,
    });
  };

  const escalate = (reason: string): Escalation => {
    const key = reasonKey(reason);
    const bounded = state.otherValues.bound(key);
    state.instruments.escalations.add(1, {
      ...state.agentAttributes,
      [ATTR_AGENT_ESCALATION_REASON]: bounded,
    });
    state.instruments.escalationBacklog.add(1, state.agentAttributes);
    let isOpen = true;
    const escalation: Escalation = {
      reason: bounded,
      resolve() {
        if (!isOpen) return;
        isOpen = false;
        const index = tracked.findIndex((entry) => entry.escalation === escalation);
        if (index >= 0) tracked.splice(index, 1);
        open--;
        state.instruments.escalationBacklog.add(-1, state.agentAttributes);
        emit('escalation.resolve', bounded);
      },
    };
    if (tracked.length >= MAX_TRACKED_ESCALATIONS) {
      tracked.shift();
      if (!warned) {
        warned = true;
        vitalsLogger.warn(
          `more than ${MAX_TRACKED_ESCALATIONS} open escalations: the oldest can no longer be resolved by reason (resolve() on them still works)`,
        );
      }
    }
    tracked.push({ key, escalation });
    open++;
    emit('escalation', bounded);
    return escalation;
  };

  const resolveEscalation = (reason: string): boolean => {
    if (typeof reason !== 'string' || reason.length === 0) return false;
    const key = reasonKey(reason);
    const entry = tracked.find((candidate) => candidate.key === key);
    entry?.escalation.resolve();
    return entry !== undefined;
  };

  return { escalate, resolveEscalation };
}
