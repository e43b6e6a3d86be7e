import { ATTR_GEN_AI_AGENT_NAME } from '@agentvitals/core';
import type { AlertRule, RuleCondition } from '../rules/alert-rule.js';
import type { ActiveAlert, Alert, AlertState } from './alert.js';
import { fingerprint } from './fingerprint.js';
import { renderTemplate } from './render-template.js';

/** The Prometheus label carrying the agent name (`gen_ai.agent.name` as exported). */
export const AGENT_LABEL = ATTR_GEN_AI_AGENT_NAME.replace(/\./g, '_');

/** A change of lifecycle state worth telling someone about. */
export type AlertTransition =
  | { readonly kind: 'pending' }
  | { readonly kind: 'firing'; readonly alert: Alert; readonly condition: RuleCondition }
  | { readonly kind: 'resolved'; readonly alert: Alert }
  | { readonly kind: 'cancelled' };

/**
 * The lifecycle of one rule's alert for one agent, as in Prometheus: inactive → pending
 * (condition holds, `for` not yet elapsed) → firing → resolved (back to inactive). A rule
 * with `forMs` 0 goes straight from inactive to firing.
 */
export class AlertTracker {
  readonly rule: AlertRule<string, object>;
  readonly agentName: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly fingerprint: string;
  #state: AlertState = 'inactive';
  #activeAt = 0;
  #startsAt = 0;
  #value: number | undefined;

  constructor(
    rule: AlertRule<string, object>,
    agentName: string,
    guardLabels: Readonly<Record<string, string>>,
  ) {
    this.rule = rule;
    this.agentName = agentName;
    this.labels = Object.freeze({
      ...guardLabels,
      ...rule.labels,
      alertname: rule.name,
      severity: rule.severity,
      [AGENT_LABEL]: agentName,
    });
    this.fingerprint = fingerprint(this.labels);
  }

  get state(): AlertState {
    return this.#state;
  }

  /** Applies an evaluation's result at `now`; returns the transition it caused, if any. */
  update(condition: RuleCondition, now: number): AlertTransition | undefined {
    if (condition.active) this.#value = condition.value;
    switch (this.#state) {
      case 'inactive':
        if (!condition.active) return undefined;
        this.#activeAt = now;
        if (this.rule.forMs > 0) {
          this.#state = 'pending';
          return { kind: 'pending' };
        }
        return this.#fire(now, condition);
      case 'pending':
        if (!condition.active) {
          this.#state = 'inactive';
          return { kind: 'cancelled' };
        }
        return now - this.#activeAt >= this.rule.forMs ? this.#fire(now, condition) : undefined;
      case 'firing':
        if (condition.active) return undefined;
        this.#state = 'inactive';
        return { kind: 'resolved', alert: this.#snapshot('resolved', now) };
    }
  }

  /** The alert as firing now, for repeated notifications. Undefined unless firing. */
  firing(): Alert | undefined {
    return this.#state === 'firing' ? this.#snapshot('firing', undefined) : undefined;
  }

  /** The alert's state for listings, or undefined while inactive. */
  describe(): ActiveAlert | undefined {
    if (this.#state === 'inactive') return undefined;
    return {
      state: this.#state,
      name: this.rule.name,
      severity: this.rule.severity,
      agentName: this.agentName,
      fingerprint: this.fingerprint,
      labels: this.labels,
      value: this.#value,
      activeAt: this.#activeAt,
      startsAt: this.#state === 'firing' ? this.#startsAt : undefined,
    };
  }

  #fire(now: number, condition: RuleCondition): AlertTransition {
    this.#state = 'firing';
    this.#startsAt = now;
    return { kind: 'firing', alert: this.#snapshot('firing', undefined), condition };
  }

  #snapshot(status: Alert['status'], endsAt: number | undefined): Alert {
    const annotations: Record<string, string> = {};
    for (const [key, template] of Object.entries(this.rule.annotations)) {
      annotations[key] = renderTemplate(template, this.#value, this.labels);
    }
    return Object.freeze({
      status,
      name: this.rule.name,
      severity: this.rule.severity,
      action: this.rule.action,
      agentName: this.agentName,
      fingerprint: this.fingerprint,
      labels: this.labels,
      annotations: Object.freeze(annotations),
      value: this.#value,
      activeAt: this.#activeAt,
      startsAt: this.#startsAt,
      endsAt,
    });
  }
}
