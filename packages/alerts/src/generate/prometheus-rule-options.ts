import { ALERT_SEVERITIES, type AlertSeverity } from '@agentvitals/core';
import { z } from 'zod';
import { parseOptions } from '../config/parse-options.js';
import {
  PROMETHEUS_ALERT_NAMES,
  PROMETHEUS_RULE_DEFAULTS,
  type PrometheusAlertName,
  type PrometheusRuleSettings,
} from './prometheus-rule-defaults.js';
import { durationSeconds } from './promql.js';
import { LABELS } from './series-names.js';

/** Changes to one generated alert; every field is optional. */
export interface PrometheusRuleOverride {
  /** `false` leaves the alert out of the group. */
  readonly enabled?: boolean;
  readonly threshold?: number;
  readonly window?: string;
  /** Ratio rules: fewest events in the window before the ratio is judged. */
  readonly minCount?: number;
  readonly for?: string;
  readonly severity?: AlertSeverity;
  /** Labels added to this alert (after the group-wide `labels`). */
  readonly labels?: Readonly<Record<string, string>>;
  /** The alert's `runbook_url` annotation, used as given. */
  readonly runbookUrl?: string;
}

export type PrometheusRuleOverrides = { readonly [name in PrometheusAlertName]?: PrometheusRuleOverride };

/** Options of `generatePrometheusRules()` and `renderPrometheusRules()`. */
export interface PrometheusRuleOptions {
  /** Name of the rule group (default `agentvitals`). */
  readonly groupName?: string;
  /** Evaluation interval of the group (default: Prometheus's global `evaluation_interval`). */
  readonly interval?: string;
  /** The label carrying the agent name (default `gen_ai_agent_name`); change it if you relabel. */
  readonly agentLabel?: string;
  /** Labels added to every alert, for routing (`team`, `service`, ...). */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * Base of the `runbook_url` annotations: each alert links to `<runbookUrl>#<alert name in lower case>`.
   * Defaults to the alert reference in the project's docs; `false` leaves the annotation out.
   */
  readonly runbookUrl?: string | false;
  /** Per-alert thresholds, windows, `for` durations, severities, labels and switches. */
  readonly rules?: PrometheusRuleOverrides;
}

/** One alert's settings after defaults and overrides are merged. */
export interface ResolvedPrometheusRule extends PrometheusRuleSettings {
  readonly name: PrometheusAlertName;
  readonly labels: Readonly<Record<string, string>>;
  readonly runbookUrl: string | undefined;
}

export interface ResolvedPrometheusRuleOptions {
  readonly groupName: string;
  readonly interval: string | undefined;
  readonly agentLabel: string;
  /** The enabled alerts, in group order. */
  readonly rules: readonly ResolvedPrometheusRule[];
}

export const DEFAULT_RUNBOOK_BASE_URL =
  'https://github.com/agentvitals/agentvitals/blob/main/docs/prometheus.md';

/** Labels the generator writes itself, with what to use instead. */
const RESERVED_LABELS: ReadonlyMap<string, string> = new Map([
  ['alertname', "it is the alert's name"],
  ['severity', "use the rule's severity option instead"],
]);

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Why a label name is not usable, or undefined when it is. */
function labelNameProblem(name: string): string | undefined {
  if (!LABEL_NAME.test(name)) return 'must be a Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*)';
  if (name.startsWith('__')) return 'label names starting with "__" are reserved by Prometheus';
  return undefined;
}

export const labelNameSchema = z.string().superRefine((name, context) => {
  const problem = labelNameProblem(name);
  if (problem !== undefined) context.addIssue({ code: 'custom', message: problem });
});

const labelsSchema = z.record(z.string(), z.string()).superRefine((labels, context) => {
  for (const name of Object.keys(labels)) {
    const instead = RESERVED_LABELS.get(name);
    const problem =
      instead !== undefined ? `"${name}" is set by the generator; ${instead}` : labelNameProblem(name);
    if (problem !== undefined) context.addIssue({ code: 'custom', path: [name], message: problem });
  }
});

const durationSchema = (options: { positive: boolean }) =>
  z.string().refine(
    (text) => {
      const seconds = durationSeconds(text);
      return Number.isFinite(seconds) && (!options.positive || seconds > 0);
    },
    `must be a Prometheus duration such as 30s, 5m or 1h30m${options.positive ? ', greater than zero' : ''}`,
  );

const httpUrlSchema = z.string().refine((text) => {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}, 'must be an absolute http(s) URL');

function thresholdSchema(settings: PrometheusRuleSettings) {
  const amount = z.number().min(0, 'must be a finite number ≥ 0');
  return settings.thresholdKind === 'ratio' ? amount.max(1, 'is a ratio: must be between 0 and 1') : amount;
}

function overrideSchema(settings: PrometheusRuleSettings) {
  return z.strictObject({
    enabled: z.boolean().optional(),
    ...(settings.threshold === undefined ? {} : { threshold: thresholdSchema(settings).optional() }),
    ...(settings.window === undefined ? {} : { window: durationSchema({ positive: true }).optional() }),
    ...(settings.minCount === undefined
      ? {}
      : { minCount: z.number().min(0, 'must be a finite number ≥ 0').optional() }),
    for: durationSchema({ positive: false }).optional(),
    severity: z.enum(ALERT_SEVERITIES).optional(),
    labels: labelsSchema.optional(),
    runbookUrl: httpUrlSchema.optional(),
  });
}

/** zod schema of the per-alert overrides map; unknown alert names and fields are rejected. */
export const prometheusRuleOverridesSchema = z.strictObject(
  Object.fromEntries(
    PROMETHEUS_ALERT_NAMES.map((name) => [name, overrideSchema(PROMETHEUS_RULE_DEFAULTS[name]).optional()]),
  ) as unknown as Record<PrometheusAlertName, z.ZodOptional<ReturnType<typeof overrideSchema>>>,
);

const optionsSchema = z.strictObject({
  groupName: z.string().min(1, 'must not be empty').optional(),
  interval: durationSchema({ positive: true }).optional(),
  agentLabel: labelNameSchema.optional(),
  labels: labelsSchema.optional(),
  runbookUrl: z.union([httpUrlSchema, z.literal(false)]).optional(),
  rules: prometheusRuleOverridesSchema.optional(),
});

/**
 * Validates the options and merges them over `PROMETHEUS_RULE_DEFAULTS`.
 * @throws TypeError naming every invalid field.
 */
export function resolvePrometheusRuleOptions(
  options: PrometheusRuleOptions = {},
): ResolvedPrometheusRuleOptions {
  const parsed = parseOptions(optionsSchema, options, 'Prometheus rule options');
  const runbookBase = parsed.runbookUrl === undefined ? DEFAULT_RUNBOOK_BASE_URL : parsed.runbookUrl;
  const overrides = (parsed.rules ?? {}) as PrometheusRuleOverrides;
  const rules: ResolvedPrometheusRule[] = [];
  for (const name of PROMETHEUS_ALERT_NAMES) {
    const override = overrides[name] ?? {};
    if (override.enabled === false) continue;
    const defaults = PROMETHEUS_RULE_DEFAULTS[name];
    rules.push({
      ...defaults,
      name,
      ...(defaults.threshold === undefined ? {} : { threshold: override.threshold ?? defaults.threshold }),
      ...(defaults.window === undefined ? {} : { window: override.window ?? defaults.window }),
      ...(defaults.minCount === undefined ? {} : { minCount: override.minCount ?? defaults.minCount }),
      for: override.for ?? defaults.for,
      severity: override.severity ?? defaults.severity,
      labels: { ...parsed.labels, ...override.labels },
      runbookUrl:
        override.runbookUrl ?? (runbookBase === false ? undefined : `${runbookBase}#${name.toLowerCase()}`),
    });
  }
  return {
    groupName: parsed.groupName ?? 'agentvitals',
    interval: parsed.interval,
    agentLabel: parsed.agentLabel ?? LABELS.agent,
    rules,
  };
}
