import type { Attributes, Logger, Tracer } from '@opentelemetry/api';
import type { EventStream } from '../events/event-stream.js';
import type { VitalsEvent } from '../events/vitals-event.js';
import type { Guard, GuardRequest } from '../guard/guard.js';
import type { NameLimiter } from '../limits/name-limiter.js';
import type { Pricing } from '../pricing/pricing.js';
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
}

/** The current run's request id, if inside a run. */
export function currentRequestId(): string | undefined {
  return runStateOf()?.requestId;
}

/** Asks every guard; the first non-allow verdict wins. A guard that throws is logged and ignored. */
export function consultGuards(state: VitalsState, request: GuardRequest) {
  for (const guard of state.guards) {
    try {
      const decision = guard.check(request);
      if (decision && decision.action !== 'allow') return decision;
    } catch (error) {
      vitalsLogger.warn('a guard threw in check(); the call is allowed', error);
    }
  }
  return undefined;
}
