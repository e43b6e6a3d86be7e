import { z } from 'zod';
import { parseOptions } from '../config/parse-options.js';
import type { AlertRule, RuleContext, RuleEvaluator } from './alert-rule.js';
import { type CommonRuleOptions, commonRuleShape, type ResolvedCommon } from './rule-options.js';

/** Freezes a rule built from resolved common fields, its thresholds and its evaluator factory. */
export function buildRule<K extends string, T extends object>(
  kind: K,
  common: ResolvedCommon,
  thresholds: T,
  events: AlertRule['events'],
  create: (context: RuleContext) => RuleEvaluator,
): AlertRule<K, T> {
  return Object.freeze({
    kind,
    ...common,
    thresholds: Object.freeze({ ...thresholds }),
    events: Object.freeze([...events]),
    create,
  });
}

/** A custom rule: the common options, the events it needs, and a per-agent evaluator factory. */
export interface CustomRuleOptions<T extends object = Readonly<Record<string, unknown>>>
  extends CommonRuleOptions {
  readonly name: string;
  /** A kind for tooling; default `custom`. */
  readonly kind?: string;
  /** Plain data describing the rule's thresholds (shown by tooling, not interpreted). */
  readonly thresholds?: T;
  /** Event types the rule observes; it is also evaluated on the guard's timer. */
  readonly events: AlertRule['events'];
  readonly create: (context: RuleContext) => RuleEvaluator;
}

const customRuleSchema = z.object({
  ...commonRuleShape,
  name: commonRuleShape.name.unwrap(),
  kind: z.string().min(1).optional(),
  thresholds: z.record(z.string(), z.unknown()).optional(),
  events: z.array(z.string().min(1)),
  create: z.custom<(context: RuleContext) => RuleEvaluator>((value) => typeof value === 'function', {
    message: 'must be a function (context) => { observe, evaluate }',
  }),
});

/**
 * Defines a custom alert rule. The evaluator is created once per agent; `observe` receives
 * the listed events and `evaluate` returns whether the condition holds. Defaults: severity
 * `warning`, `forMs` 0, action `alert`.
 */
export function defineRule<T extends object = Readonly<Record<string, unknown>>>(
  options: CustomRuleOptions<T>,
): AlertRule<string, T> {
  const parsed = parseOptions(customRuleSchema, options, 'defineRule()');
  return buildRule(
    parsed.kind ?? 'custom',
    {
      name: parsed.name,
      severity: parsed.severity ?? 'warning',
      forMs: parsed.forMs ?? 0,
      action: parsed.action ?? 'alert',
      labels: Object.freeze({ ...parsed.labels }),
      annotations: Object.freeze({ ...parsed.annotations }),
    },
    (options.thresholds ?? {}) as T,
    parsed.events as AlertRule['events'],
    parsed.create,
  );
}
