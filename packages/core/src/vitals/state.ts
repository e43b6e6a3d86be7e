import type { Attributes, Logger, Tracer } from '@opentelemetry/api';
import { CircuitOpenError } from '../errors/circuit-open-error.js';
import { PolicyDeniedError } from '../errors/policy-denied-error.js';
import type { EventStream } from '../events/event-stream.js';
import type { VitalsEvent } from '../events/vitals-event.js';
import type { Guard, GuardRequest } from '../guard/guard.js';
import type { NameLimiter } from '../limits/name-limiter.js';
import type { Pricing } from '../pricing/pricing.js';
import type { ToolOutcome } from '../semconv/values.js';
import type { Instruments } from './instruments.js';
import { vitalsLogger } from './numbers.js';
import { runStateOf } from './run-context.js';

/** What the parts of one vitals instance share. Built once by `createVitals`. */
export interface VitalsState {
  readonly agentName: string;
  /** `{ 'gen_ai.agent.name': agentName }`, shared and frozen. */
  readonly agentAttributes: Attributes;
  /** `agent.runs` attributes per outcome, shared and frozen. */
  readonly runAttributes: { readonly success: Attributes; readonly error: Attributes };
  readonly instruments: Instruments;
  readonly tracer: Tracer;
  readonly logger: Logger;
  readonly events: EventStream<VitalsEvent>;
  readonly clock: () => number;
  readonly guards: Guard[];
  readonly toolNames: NameLimiter;
  readonly models: NameLimiter;
  readonly providers: NameLimiter;
  readonly otherValues: NameLimiter;
  readonly pricing: Pricing;
  /** Token count since the last action, for work done outside any run. */
  readonly outsideRun: { tokensSinceAction: number };
  /** `agent.tool.calls` attribute sets per bounded tool name and outcome, built on first use. */
  readonly toolAttributes: Map<string, Readonly<Record<ToolOutcome, Attributes>>>;
  /** Models already warned about having no price (at most ~1,000 remembered). */
  readonly unpricedModels: Set<string>;
}

/** The current run's request id, if inside a run. */
export function currentRequestId(): string | undefined {
  return runStateOf()?.requestId;
}

/**
 * A guard's verdict as applied: `deny` and `block` always stop the call, with the guard's
 * error, or a branded one when the guard gave none; anything other than `deny`, `block`
 * or `allow` is ignored with a warning.
 */
function applicableDecision(state: VitalsState, request: GuardRequest, decision: unknown) {
  const { action, error, reason } = (decision ?? {}) as {
    action?: unknown;
    error?: unknown;
    reason?: unknown;
  };
  if (action === 'allow') return undefined;
  if (action !== 'deny' && action !== 'block') {
    vitalsLogger.warn(`a guard returned an unknown verdict (${String(action)}); the call is allowed`);
    return undefined;
  }
  const why = typeof reason === 'string' ? reason : `${action} by a guard`;
  if (error instanceof Error) return { action, error, reason: why } as const;
  vitalsLogger.warn(`a guard's '${action}' verdict carries no Error; a branded one is thrown`);
  const made =
    action === 'deny'
      ? new PolicyDeniedError(why, {
          agentName: state.agentName,
          toolName: request.kind === 'tool' ? request.toolName : '',
          rule: why,
        })
      : new CircuitOpenError(why, { breakerName: 'guard', agentName: state.agentName });
  return { action, error: made, reason: why } as const;
}

/** Asks every guard; the first non-allow verdict wins. A guard that throws is logged and ignored. */
export function consultGuards(state: VitalsState, request: GuardRequest) {
  for (const guard of state.guards) {
    let decision: unknown;
    try {
      decision = guard.check(request);
    } catch (error) {
      vitalsLogger.warn('a guard threw in check(); the call is allowed', error);
      continue;
    }
    const applied = applicableDecision(state, request, decision);
    if (applied) return applied;
  }
  return undefined;
}
