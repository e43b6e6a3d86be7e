import { EventStream } from '../events/event-stream.js';
import type { VitalsEvent } from '../events/vitals-event.js';
import type { Guard } from '../guard/guard.js';
import { internalsOf } from '../vitals/internals.js';
import type { VitalsState } from '../vitals/state.js';
import type { Vitals } from '../vitals/types.js';
import { agentAttributeSets } from './create-vitals.js';
import { buildVitals } from './vitals-api.js';

/**
 * The event stream of a per-agent view: its own listeners (the view's guards) hear only this
 * agent's events; every event also reaches the instance's stream, so its subscribers (a guard
 * given to `createVitals` or `start()`, the alert engine, a test kit) hear every agent.
 */
class AgentEventStream extends EventStream<VitalsEvent> {
  readonly #parent: EventStream<VitalsEvent>;

  constructor(parent: EventStream<VitalsEvent>) {
    super();
    this.#parent = parent;
  }

  override get active(): boolean {
    return super.active || this.#parent.active;
  }

  override emit(event: VitalsEvent): void {
    super.emit(event);
    this.#parent.emit(event);
  }
}

export interface AgentViewOptions {
  /** The agent's name (`gen_ai.agent.name`) when it differs from the instance's. */
  readonly agentName?: string;
  /** A guard for this agent only. */
  readonly guard?: Guard;
}

/**
 * A per-agent view of a vitals instance: it records into the same instruments, tracer and
 * limits, under its own agent name, and its own guard applies to its calls only (after the
 * instance's guards). Cheap: a few frozen attribute sets and maps. Returns `vitals` itself
 * when nothing differs, and undefined for a vitals object not made by `createVitals`.
 */
export function agentView(vitals: Vitals, options: AgentViewOptions): Vitals | undefined {
  const internals = internalsOf(vitals);
  if (internals === undefined) return undefined;
  const parent = internals.state;
  const agentName = options.agentName ?? parent.agentName;
  if (agentName === parent.agentName && options.guard === undefined) return vitals;
  const guards: Guard[] = [];
  const state: VitalsState = {
    ...parent,
    agentName,
    ...agentAttributeSets(agentName),
    events: new AgentEventStream(parent.events),
    guards,
    guardLists: [...parent.guardLists, guards],
    toolSeries: agentName === parent.agentName ? parent.toolSeries : new Map(),
    resolvedTools: agentName === parent.agentName ? parent.resolvedTools : new Map(),
    reasoningAttributes: agentName === parent.agentName ? parent.reasoningAttributes : new Map(),
    requestedModels: agentName === parent.agentName ? parent.requestedModels : new Map(),
    usageSeries: agentName === parent.agentName ? parent.usageSeries : new Map(),
  };
  const view = buildVitals(state, internals.shared);
  if (options.guard !== undefined) view.use(options.guard);
  return view;
}
