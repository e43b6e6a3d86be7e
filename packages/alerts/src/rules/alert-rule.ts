import type { AlertSeverity, GuardRequest, VitalsEvent, VitalsEventType } from '@agentvitals/core';

/** What a rule does when its alert fires: notify the sinks, or also trip the circuit breaker. */
export type RuleAction = 'alert' | 'trip';

/** The result of evaluating a rule for one agent. */
export interface RuleCondition {
  /** True while the rule's condition holds (the alert is pending or firing). */
  readonly active: boolean;
  /** The measured value, rendered as `{{ $value }}` in annotations. */
  readonly value?: number;
  /** With per-tool breakers, a `trip` rule about one tool opens that tool's breaker only. */
  readonly toolName?: string;
}

export const INACTIVE: RuleCondition = Object.freeze({ active: false });

/** Why a rule refuses a call before it runs, and when to try again (ms since the epoch). */
export interface RuleRefusal {
  readonly reason: string;
  readonly retryAt?: number;
}

/** Per-agent state of a rule: fed with the agent's events, asked for its condition. */
export interface RuleEvaluator {
  /** Called for each event whose type is in the rule's `events`; `now` is the guard's clock. */
  observe(event: VitalsEvent, now: number): void;
  /** The condition at `now`. Called after events and on the evaluation timer. */
  evaluate(now: number): RuleCondition;
  /**
   * Optional admission control of a `trip` rule (with breakers on): asked before each call,
   * returns a refusal to stop the call, or undefined to let it run (the rule may then reserve
   * something for the call, keyed by `request.callId`, and settle it from the call's events).
   */
  admit?(request: GuardRequest, now: number): RuleRefusal | undefined;
  /** The call `admit` let through will not run (another check refused it): hand back what it reserved. */
  release?(request: GuardRequest): void;
}

export interface RuleContext {
  readonly agentName: string;
  /** The guard's clock, ms since the epoch. */
  now(): number;
}

/**
 * An alert rule. Everything but `create` is plain data, so rules can be inspected,
 * logged, and turned into Prometheus rules.
 */
export interface AlertRule<K extends string = string, T extends object = Readonly<Record<string, unknown>>> {
  /** What kind of rule this is (`stale-heartbeat`, `cost-rate`, ... or a custom kind). */
  readonly kind: K;
  /** The alert name (`alertname` label); unique within a guard. */
  readonly name: string;
  readonly severity: AlertSeverity;
  /** How long the condition must hold before the alert fires (pending until then), in ms. */
  readonly forMs: number;
  readonly action: RuleAction;
  /** Labels added to the alert. */
  readonly labels: Readonly<Record<string, string>>;
  /** Annotations; `{{ $value }}` and `{{ $labels.name }}` are replaced as in Prometheus. */
  readonly annotations: Readonly<Record<string, string>>;
  /** The rule's thresholds and windows. */
  readonly thresholds: Readonly<T>;
  /** The event types the rule observes; the rule is evaluated after each of them. */
  readonly events: readonly VitalsEventType[];
  /** Creates the rule's state for one agent. */
  create(context: RuleContext): RuleEvaluator;
}
