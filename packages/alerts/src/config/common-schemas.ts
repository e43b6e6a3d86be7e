import { ALERT_SEVERITIES, ATTR_GEN_AI_AGENT_NAME } from '@agentvitals/core';
import { z } from 'zod';

/** Prometheus/Alertmanager label names. */
export const LABEL_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A duration in milliseconds: finite and not negative. */
export const durationMs = z.number().finite().nonnegative();

/** A duration in milliseconds that must be positive. */
export const positiveDurationMs = z.number().finite().positive();

export const severitySchema = z.enum(ALERT_SEVERITIES);

export const ruleActionSchema = z.enum(['alert', 'trip']);

/**
 * Labels the guard gives every alert itself. Options that set them would be overridden
 * without a word (a rule labelled `severity: 'info'` still pages as critical), so they are refused.
 */
const RESERVED_ALERT_LABELS: ReadonlyMap<string, string> = new Map([
  ['alertname', "it is the rule's name (use the rule's name option)"],
  ['severity', "use the rule's severity option"],
  [ATTR_GEN_AI_AGENT_NAME.replace(/\./g, '_'), 'it names the agent the alert is about'],
]);

export const labelsSchema = z.record(z.string(), z.string()).superRefine((labels, context) => {
  for (const name of Object.keys(labels)) {
    const instead = RESERVED_ALERT_LABELS.get(name);
    const problem = !LABEL_NAME.test(name)
      ? 'label names must match [A-Za-z_][A-Za-z0-9_]*'
      : instead !== undefined
        ? `"${name}" is set by the guard; ${instead}`
        : undefined;
    if (problem !== undefined) context.addIssue({ code: 'custom', path: [name], message: problem });
  }
});

export const annotationsSchema = z.record(z.string().min(1), z.string());

/** A finite, non-negative number. */
export const nonNegative = z.number().finite().nonnegative();

/** A positive whole number. */
export const positiveInteger = z.number().int().positive();

/** A ratio in 0..1. */
export const ratio = z.number().finite().min(0).max(1);
