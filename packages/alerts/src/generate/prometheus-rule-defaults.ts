import type { AlertSeverity } from '@agentvitals/core';
import {
  ALERT_CATALOG,
  type AlertCatalogEntry,
  formatDuration,
  type ThresholdKind,
} from '../catalog/alert-catalog.js';

export type { ThresholdKind } from '../catalog/alert-catalog.js';

type Catalog = typeof ALERT_CATALOG;

/** Names of the generated Prometheus alerts: the alert catalog's entries with a Prometheus rule. */
export type PrometheusAlertName = {
  [name in keyof Catalog]: Catalog[name]['prometheus'] extends true ? name : never;
}[keyof Catalog];

/** Names of the generated Prometheus alerts, in the order they appear in the rule group. */
export const PROMETHEUS_ALERT_NAMES: readonly PrometheusAlertName[] = Object.freeze(
  (Object.keys(ALERT_CATALOG) as (keyof Catalog)[]).filter(
    (name): name is PrometheusAlertName => ALERT_CATALOG[name].prometheus,
  ),
);

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

function settingsOf(entry: AlertCatalogEntry): PrometheusRuleSettings {
  return Object.freeze({
    ...(entry.threshold === undefined ? {} : { threshold: entry.threshold }),
    ...(entry.thresholdKind === undefined ? {} : { thresholdKind: entry.thresholdKind }),
    ...(entry.windowMs === undefined ? {} : { window: formatDuration(entry.windowMs) }),
    ...(entry.minCount === undefined ? {} : { minCount: entry.minCount }),
    for: formatDuration(entry.forMs),
    severity: entry.severity,
  });
}

/**
 * Defaults of the generated rules, read from the alert catalog (`ALERT_CATALOG`), the table the
 * in-process rules read too: thresholds, windows, `for` durations and severities agree on both
 * sides.
 */
export const PROMETHEUS_RULE_DEFAULTS: { readonly [name in PrometheusAlertName]: PrometheusRuleSettings } =
  Object.freeze(
    Object.fromEntries(PROMETHEUS_ALERT_NAMES.map((name) => [name, settingsOf(ALERT_CATALOG[name])])) as {
      [name in PrometheusAlertName]: PrometheusRuleSettings;
    },
  );
