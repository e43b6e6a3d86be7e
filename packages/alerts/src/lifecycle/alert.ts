import type { AlertSeverity } from '@agentvitals/core';
import type { RuleAction } from '../rules/alert-rule.js';

/** Where an alert is in its lifecycle (as in Prometheus). */
export type AlertState = 'inactive' | 'pending' | 'firing';

/** What a notification says about an alert. */
export type AlertStatus = 'firing' | 'resolved';

/** An alert as the sinks receive it. Times are ms since the epoch. */
export interface Alert {
  readonly status: AlertStatus;
  /** The rule's name (`alertname` label). */
  readonly name: string;
  readonly severity: AlertSeverity;
  readonly action: RuleAction;
  readonly agentName: string;
  /** Stable hash of the labels: the same alert always has the same fingerprint. */
  readonly fingerprint: string;
  /** `alertname`, `severity`, `gen_ai_agent_name`, then the guard's and the rule's labels. */
  readonly labels: Readonly<Record<string, string>>;
  /** The rule's annotations with `{{ $value }}` and `{{ $labels.x }}` filled in. */
  readonly annotations: Readonly<Record<string, string>>;
  /** The rule's measured value at the last evaluation. */
  readonly value: number | undefined;
  /** When the condition started to hold (the alert became pending). */
  readonly activeAt: number;
  /** When the alert started firing. */
  readonly startsAt: number;
  /** When the alert was resolved; undefined while firing. */
  readonly endsAt: number | undefined;
}

/** An alert still pending or firing, as `guard.alerts()` lists it. */
export interface ActiveAlert {
  readonly state: 'pending' | 'firing';
  readonly name: string;
  readonly severity: AlertSeverity;
  readonly agentName: string;
  readonly fingerprint: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number | undefined;
  readonly activeAt: number;
  readonly startsAt: number | undefined;
}
