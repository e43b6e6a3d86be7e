import type { AlertSeverity } from '@agentvitals/core';
import { z } from 'zod';
import {
  ALERT_CATALOG,
  type AlertCatalogEntry,
  type AlertName,
  type DescriptionValues,
  describeAlert,
} from '../catalog/alert-catalog.js';
import {
  annotationsSchema,
  durationMs,
  labelsSchema,
  ruleActionSchema,
  severitySchema,
} from '../config/common-schemas.js';
import type { RuleAction } from './alert-rule.js';

/** Options every rule accepts. */
export interface CommonRuleOptions {
  /** The alert name; each rule has its own default. */
  readonly name?: string;
  readonly severity?: AlertSeverity;
  /** How long the condition must hold before the alert fires, in ms. */
  readonly forMs?: number;
  readonly action?: RuleAction;
  /** Labels added to the alert. */
  readonly labels?: Readonly<Record<string, string>>;
  /** Annotations merged over the rule's defaults (`summary`, `description`). */
  readonly annotations?: Readonly<Record<string, string>>;
}

export const commonRuleShape = {
  name: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_:.-]{0,127}$/, 'must be 1-128 characters of letters, digits, _ : . -')
    .optional(),
  severity: severitySchema.optional(),
  forMs: durationMs.optional(),
  action: ruleActionSchema.optional(),
  labels: labelsSchema.optional(),
  annotations: annotationsSchema.optional(),
};

export interface RuleDefaults {
  readonly name: string;
  readonly severity: AlertSeverity;
  readonly forMs: number;
  readonly action: RuleAction;
  readonly annotations: Readonly<Record<string, string>>;
}

/** The common fields of a rule, with defaults applied. */
export interface ResolvedCommon {
  readonly name: string;
  readonly severity: AlertSeverity;
  readonly forMs: number;
  readonly action: RuleAction;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

export function resolveCommon(options: CommonRuleOptions, defaults: RuleDefaults): ResolvedCommon {
  return {
    name: options.name ?? defaults.name,
    severity: options.severity ?? defaults.severity,
    forMs: options.forMs ?? defaults.forMs,
    action: options.action ?? defaults.action,
    labels: Object.freeze({ ...options.labels }),
    annotations: Object.freeze({ ...defaults.annotations, ...options.annotations }),
  };
}

/**
 * The defaults of a built-in rule, from its alert catalog entry: name, severity, `for` and
 * action, the rule's own `summary`, and the catalog's description written for `values` (the
 * rule's resolved thresholds, so an overridden threshold is described as it is).
 */
export function catalogDefaults(
  name: AlertName,
  summary: string,
  values: Partial<DescriptionValues> = {},
): RuleDefaults {
  const entry: AlertCatalogEntry = ALERT_CATALOG[name];
  return {
    name,
    severity: entry.severity,
    forMs: entry.forMs,
    action: entry.inProcess?.action ?? 'alert',
    annotations: { summary, description: describeAlert(name, values) },
  };
}
