import type { AlertSeverity } from '@agentvitals/core';

/** Names of the generated Prometheus alerts, in the order they appear in the rule group. */
export const PROMETHEUS_ALERT_NAMES = [
  'AgentHeartbeatStale',
  'AgentTargetDown',
  'AgentCostSpike',
  'AgentToolFailureStreak',
  'AgentToolErrorRate',
  'AgentErrorRate',
  'AgentSlowResponses',
  'AgentTokenEfficiency',
  'AgentNegativeSentiment',
  'AgentEscalationBacklog',
  'AgentBreakerOpen',
  'AgentHighCpu',
] as const;

export type PrometheusAlertName = (typeof PROMETHEUS_ALERT_NAMES)[number];

/** How a rule's threshold is bounded: a ratio lies in 0..1, an amount is any finite number ≥ 0. */
export type ThresholdKind = 'ratio' | 'amount';

/** The tunable settings of one generated alert. */
export interface PrometheusRuleSettings {
  /** The value the expression compares against; absent for rules with a fixed condition. */
  readonly threshold?: number;
  readonly thresholdKind?: ThresholdKind;
  /** Range of the rate, increase or lookback window in the expression; absent for instant rules. */
  readonly window?: string;
  /**
   * Ratio rules only: fewest events (runs, calls, messages) in the window before the ratio is judged,
   * so that one failure out of two calls does not page anyone.
   */
  readonly minCount?: number;
  /** How long the condition must hold before the alert fires (`0s` fires on the first evaluation). */
  readonly for: string;
  readonly severity: AlertSeverity;
}

/**
 * Defaults of the generated rules. Thresholds follow the design's guard defaults (heartbeat 45 s,
 * 5 USD per hour, 1,000 tokens per action, 2 s average run, 30 % negative sentiment, 20 open
 * escalations, 80 % CPU for 5 min, more than 10 consecutive failed tool calls); ratio rules, like
 * the in-process ones, wait for 10 events in their window before judging.
 */
export const PROMETHEUS_RULE_DEFAULTS: { readonly [name in PrometheusAlertName]: PrometheusRuleSettings } = {
  AgentHeartbeatStale: { threshold: 45, thresholdKind: 'amount', for: '1m', severity: 'critical' },
  AgentTargetDown: { window: '1h', for: '1m', severity: 'critical' },
  AgentCostSpike: { threshold: 5, thresholdKind: 'amount', window: '1h', for: '0s', severity: 'critical' },
  AgentToolFailureStreak: {
    threshold: 10,
    thresholdKind: 'amount',
    window: '10m',
    for: '0s',
    severity: 'warning',
  },
  AgentToolErrorRate: {
    threshold: 0.2,
    thresholdKind: 'ratio',
    window: '10m',
    minCount: 10,
    for: '10m',
    severity: 'warning',
  },
  AgentErrorRate: {
    threshold: 0.1,
    thresholdKind: 'ratio',
    window: '5m',
    minCount: 10,
    for: '10m',
    severity: 'warning',
  },
  AgentSlowResponses: { threshold: 2, thresholdKind: 'amount', window: '5m', for: '5m', severity: 'warning' },
  AgentTokenEfficiency: {
    threshold: 1000,
    thresholdKind: 'amount',
    window: '15m',
    for: '15m',
    severity: 'warning',
  },
  AgentNegativeSentiment: {
    threshold: 0.3,
    thresholdKind: 'ratio',
    window: '15m',
    minCount: 10,
    for: '5m',
    severity: 'warning',
  },
  AgentEscalationBacklog: { threshold: 20, thresholdKind: 'amount', for: '5m', severity: 'warning' },
  AgentBreakerOpen: { for: '1m', severity: 'critical' },
  AgentHighCpu: { threshold: 0.8, thresholdKind: 'ratio', for: '5m', severity: 'warning' },
};
