import {
  ALLOW,
  CircuitOpenError,
  type GuardDecision,
  type GuardEvent,
  type GuardHost,
  type GuardRequest,
  type VitalsEvent,
  type VitalsEventType,
} from '@agentvitals/core';
import { diag } from '@opentelemetry/api';
import type { ActiveAlert } from '../lifecycle/alert.js';
import { AlertTracker, type AlertTransition } from '../lifecycle/alert-tracker.js';
import type { AlertRule, RuleCondition, RuleEvaluator } from '../rules/alert-rule.js';
import type { SinkDispatcher } from '../sinks/sink-dispatcher.js';
import { BreakerSet, type BreakerSetOptions } from './breaker-set.js';
import { CallNames } from './call-names.js';
import { isRefusedCall } from './refused-call.js';

const logger = diag.createComponentLogger({ namespace: '@agentvitals/alerts/guard' });

/** Events the guard itself publishes: it does not feed them back to its rules. */
const OWN_EVENTS = new Set<VitalsEventType>(['alert.fire', 'alert.resolve', 'breaker.state']);

/** The name of the "breaker" a cost-cap refusal reports in its `CircuitOpenError`. */
export const COST_CAP_NAME = 'cost-cap';

export interface MonitorSettings {
  readonly rules: readonly AlertRule<string, object>[];
  readonly labels: Readonly<Record<string, string>>;
  readonly clock: () => number;
  readonly dispatcher: SinkDispatcher;
  /** Undefined when breakers are off. */
  readonly breaker: BreakerSetOptions | undefined;
  /** Called after a rule or a user opened an agent breaker. */
  readonly onAgentTripped: (agentName: string, reason: string) => void;
}

interface RuleSlot {
  readonly rule: AlertRule<string, object>;
  readonly evaluator: RuleEvaluator;
  readonly tracker: AlertTracker;
}

/** Everything a guard keeps about one agent: rule state, alert lifecycles, breakers, hosts. */
export class AgentMonitor {
  readonly agentName: string;
  readonly breakers: BreakerSet | undefined;
  readonly #settings: MonitorSettings;
  readonly #slots: RuleSlot[] = [];
  readonly #byEvent = new Map<string, RuleSlot[]>();
  /** Slots of `trip` rules with admission control (a cost cap), asked before each call. */
  readonly #admitting: RuleSlot[] = [];
  readonly #hosts: GuardHost[] = [];
  /** Real tool names of calls in flight, by call id: events may carry a bounded label instead. */
  readonly #callNames = new CallNames();

  constructor(agentName: string, settings: MonitorSettings) {
    this.agentName = agentName;
    this.#settings = settings;
    const context = { agentName, now: settings.clock };
    for (const rule of settings.rules) {
      let evaluator: RuleEvaluator;
      try {
        evaluator = rule.create(context);
      } catch (error) {
        logger.warn(`rule '${rule.name}' failed to start for agent '${agentName}'; it is skipped`, error);
        continue;
      }
      const slot = { rule, evaluator, tracker: new AlertTracker(rule, agentName, settings.labels) };
      this.#slots.push(slot);
      if (rule.action === 'trip' && settings.breaker !== undefined && typeof evaluator.admit === 'function')
        this.#admitting.push(slot);
      for (const type of rule.events) {
        const list = this.#byEvent.get(type) ?? [];
        list.push(slot);
        this.#byEvent.set(type, list);
      }
    }
    this.breakers =
      settings.breaker === undefined
        ? undefined
        : new BreakerSet(agentName, settings.breaker, settings.clock, (event) => this.emit(event));
  }

  get hostCount(): number {
    return this.#hosts.length;
  }

  addHost(host: GuardHost): void {
    this.#hosts.push(host);
    if (this.#hosts.length === 1 && this.breakers)
      for (const breaker of this.breakers.all()) this.breakers.announce(breaker);
  }

  removeHost(host: GuardHost): void {
    const index = this.#hosts.indexOf(host);
    if (index >= 0) this.#hosts.splice(index, 1);
  }

  /** Publishes through the first attached vitals instance of this agent (once, not once per instance). */
  emit(event: GuardEvent): void {
    const host = this.#hosts[0];
    if (host === undefined) return;
    try {
      host.emit(event);
    } catch (error) {
      logger.warn(`publishing '${event.type}' failed`, error);
    }
  }

  /**
   * Decides on a call for this agent's breakers and admission rules (after the tool policy).
   * A call refused here takes nothing: a trial permit or a reservation handed out for it by an
   * earlier check is given back.
   */
  check(request: GuardRequest): GuardDecision {
    if (request.kind === 'tool' && request.callId !== undefined)
      this.#callNames.set(request.callId, request.toolName);
    const breakers = this.breakers;
    if (breakers === undefined) return ALLOW;
    const decision = breakers.check(request);
    if (decision.action !== 'allow' || this.#admitting.length === 0) return decision;
    const now = this.#settings.clock();
    for (let i = 0; i < this.#admitting.length; i++) {
      const slot = this.#admitting[i]!;
      let refusal: ReturnType<NonNullable<RuleEvaluator['admit']>>;
      try {
        refusal = slot.evaluator.admit!(request, now);
      } catch (error) {
        logger.warn(`rule '${slot.rule.name}' threw while admitting a call; the call is refused`, error);
        refusal = { reason: `rule '${slot.rule.name}' could not decide` };
      }
      if (refusal !== undefined) {
        for (let j = 0; j < i; j++) this.#release(this.#admitting[j]!, request);
        breakers.cancel(request);
        return this.#refused(slot, refusal.reason, refusal.retryAt);
      }
    }
    return decision;
  }

  /** The call was allowed here but refused by another guard: hand back what it took. */
  cancel(request: GuardRequest): void {
    this.breakers?.cancel(request);
    for (const slot of this.#admitting) this.#release(slot, request);
    if (request.callId !== undefined) this.#callNames.delete(request.callId);
  }

  observe(event: VitalsEvent): void {
    if (OWN_EVENTS.has(event.type)) return;
    const refused = isRefusedCall(event);
    if (event.type === 'tool.end' || event.type === 'reasoning.end') {
      if (event.type === 'tool.end' && event.callId !== undefined) {
        const realName = this.#callNames.take(event.callId);
        if (realName !== undefined && realName !== event.toolName) event = { ...event, toolName: realName };
      }
      if (this.breakers !== undefined && !refused) this.breakers.record(event);
    } else if (event.type === 'guard.deny' && event.callId !== undefined) {
      // Refused by a guard after this one allowed it: nothing it took may stay taken.
      this.breakers?.cancelCall(event.callId);
    }
    const slots = this.#byEvent.get(event.type);
    if (slots === undefined) return;
    const now = this.#settings.clock();
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i]!;
      try {
        slot.evaluator.observe(event, now);
      } catch (error) {
        logger.warn(`rule '${slot.rule.name}' threw while observing '${event.type}'`, error);
      }
    }
    // A refused call is no new evidence: it may not re-open a breaker (nor take its trial's place).
    for (let i = 0; i < slots.length; i++) this.#evaluate(slots[i]!, now, !refused);
  }

  /** Evaluates every rule (the timer's tick); re-sends firing alerts whose repeat interval passed. */
  evaluateAll(now: number): void {
    for (const slot of this.#slots) {
      this.#evaluate(slot, now, false);
      const firing = slot.tracker.firing();
      if (firing !== undefined) this.#settings.dispatcher.repeat(firing, now);
    }
  }

  alerts(): ActiveAlert[] {
    const out: ActiveAlert[] = [];
    for (const slot of this.#slots) {
      const described = slot.tracker.describe();
      if (described !== undefined) out.push(described);
    }
    return out;
  }

  trip(reason: string, toolName?: string): void {
    const breaker = this.breakers?.trip(reason, toolName);
    if (breaker !== undefined && breaker === this.breakers?.agent)
      this.#settings.onAgentTripped(this.agentName, reason);
  }

  #evaluate(slot: RuleSlot, now: number, afterEvent: boolean): void {
    let condition: RuleCondition;
    try {
      condition = slot.evaluator.evaluate(now);
    } catch (error) {
      logger.warn(`rule '${slot.rule.name}' threw while evaluating; its alert keeps its state`, error);
      return;
    }
    const transition = slot.tracker.update(condition, now);
    if (transition !== undefined) this.#apply(slot, transition, now);
    else if (afterEvent && condition.active && slot.tracker.state === 'firing') this.#retrip(slot, condition);
  }

  #apply(slot: RuleSlot, transition: AlertTransition, now: number): void {
    const { rule } = slot;
    if (transition.kind === 'firing') {
      this.emit({
        type: 'alert.fire',
        agentName: this.agentName,
        time: now,
        alertName: rule.name,
        severity: rule.severity,
      });
      this.#settings.dispatcher.notify(transition.alert, now);
      if (rule.action === 'trip')
        this.trip(this.#reason(slot, transition.alert.annotations.summary), transition.condition.toolName);
    } else if (transition.kind === 'resolved') {
      this.emit({
        type: 'alert.resolve',
        agentName: this.agentName,
        time: now,
        alertName: rule.name,
        severity: rule.severity,
      });
      this.#settings.dispatcher.notify(transition.alert, now);
    }
  }

  /**
   * A `trip` rule still firing after new evidence (e.g. the half-open trial call repeated
   * the loop, or spend is still over the cap) opens the breaker again.
   */
  #retrip(slot: RuleSlot, condition: RuleCondition): void {
    if (slot.rule.action !== 'trip' || this.breakers === undefined) return;
    const target =
      condition.toolName === undefined
        ? this.breakers.agent
        : (this.breakers.tool(condition.toolName) ?? this.breakers.agent);
    if (target.state === 'open') return;
    this.trip(this.#reason(slot, slot.tracker.firing()?.annotations.summary), condition.toolName);
  }

  #release(slot: RuleSlot, request: GuardRequest): void {
    try {
      slot.evaluator.release?.(request);
    } catch (error) {
      logger.warn(`rule '${slot.rule.name}' threw while releasing a call`, error);
    }
  }

  #refused(slot: RuleSlot, reason: string, retryAt: number | undefined): GuardDecision {
    const why = `${slot.rule.name}: ${reason}`;
    const when = typeof retryAt === 'number' && Number.isFinite(retryAt) ? retryAt : undefined;
    const error = new CircuitOpenError(
      `Agent '${this.agentName}': ${why}${when === undefined ? '' : `; retry after ${new Date(when).toISOString()}`}`,
      { breakerName: COST_CAP_NAME, agentName: this.agentName, retryAt: when },
    );
    return { action: 'block', error, reason: why };
  }

  #reason(slot: RuleSlot, summary: string | undefined): string {
    return summary ? `${slot.rule.name}: ${summary}` : slot.rule.name;
  }
}
