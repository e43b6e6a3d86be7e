import type { GuardEvent, GuardHost, VitalsEvent, VitalsEventType } from '@agentvitals/core';
import { diag } from '@opentelemetry/api';
import type { ActiveAlert } from '../lifecycle/alert.js';
import { AlertTracker, type AlertTransition } from '../lifecycle/alert-tracker.js';
import type { AlertRule, RuleCondition, RuleEvaluator } from '../rules/alert-rule.js';
import type { SinkDispatcher } from '../sinks/sink-dispatcher.js';
import { BreakerSet, type BreakerSetOptions } from './breaker-set.js';

const logger = diag.createComponentLogger({ namespace: '@agentvitals/alerts/guard' });

/** Events the guard itself publishes: it does not feed them back to its rules. */
const OWN_EVENTS = new Set<VitalsEventType>(['alert.fire', 'alert.resolve', 'breaker.state', 'guard.deny']);

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
  readonly #hosts: GuardHost[] = [];

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

  observe(event: VitalsEvent): void {
    if (OWN_EVENTS.has(event.type)) return;
    if (this.breakers && (event.type === 'tool.end' || event.type === 'reasoning.end'))
      this.breakers.record(event);
    const slots = this.#byEvent.get(event.type);
    if (slots === undefined) return;
    const now = this.#settings.clock();
    for (const slot of slots) {
      try {
        slot.evaluator.observe(event, now);
      } catch (error) {
        logger.warn(`rule '${slot.rule.name}' threw while observing '${event.type}'`, error);
      }
    }
    for (const slot of slots) this.#evaluate(slot, now, true);
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

  #reason(slot: RuleSlot, summary: string | undefined): string {
    return summary ? `${slot.rule.name}: ${summary}` : slot.rule.name;
  }
}
