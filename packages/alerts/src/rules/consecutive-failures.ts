import type { ToolOutcome } from '@agentvitals/core';
import { z } from 'zod';
import { ALERT_CATALOG } from '../catalog/alert-catalog.js';
import { positiveInteger } from '../config/common-schemas.js';
import { parseOptions } from '../config/parse-options.js';
import { type AlertRule, INACTIVE } from './alert-rule.js';
import { buildRule } from './define-rule.js';
import { type CommonRuleOptions, catalogDefaults, commonRuleShape, resolveCommon } from './rule-options.js';

export interface ConsecutiveFailuresRuleOptions extends CommonRuleOptions {
  /** Fire when more than this many tool calls in a row failed; default 10. */
  readonly maxConsecutiveFailures?: number;
  /** Outcomes that count as failures; default `error`, `timeout`, `invalid`. */
  readonly failureOutcomes?: readonly ToolOutcome[];
}

export interface ConsecutiveFailuresThresholds {
  readonly maxConsecutiveFailures: number;
  readonly failureOutcomes: readonly ToolOutcome[];
}

const schema = z
  .object({
    ...commonRuleShape,
    maxConsecutiveFailures: positiveInteger.optional(),
    failureOutcomes: z
      .array(z.enum(['success', 'error', 'invalid', 'timeout']))
      .min(1)
      .refine((outcomes) => !outcomes.includes('success'), 'success cannot be a failure')
      .optional(),
  })
  .strict();

const ENTRY = ALERT_CATALOG.AgentToolFailureStreak;

/**
 * A reasoning loop: more than `maxConsecutiveFailures` tool calls in a row failed. A
 * successful call resets the count; calls stopped by a guard (`denied`, `blocked`) neither
 * count nor reset. `$value` is the current run of failures. Trips the breaker by default.
 */
export function consecutiveFailuresRule(
  options: ConsecutiveFailuresRuleOptions = {},
): AlertRule<'consecutive-failures', ConsecutiveFailuresThresholds> {
  const parsed = parseOptions(schema, options, 'consecutiveFailuresRule()');
  const thresholds: ConsecutiveFailuresThresholds = {
    maxConsecutiveFailures: parsed.maxConsecutiveFailures ?? ENTRY.threshold,
    failureOutcomes: Object.freeze([...(parsed.failureOutcomes ?? ['error', 'timeout', 'invalid'])]),
  };
  const failures = new Set<ToolOutcome>(thresholds.failureOutcomes);
  const common = resolveCommon(
    parsed,
    catalogDefaults(
      'AgentToolFailureStreak',
      'Agent {{ $labels.gen_ai_agent_name }} is stuck in a loop of failing tool calls ({{ $value }} in a row)',
      { threshold: thresholds.maxConsecutiveFailures },
    ),
  );
  return buildRule('consecutive-failures', common, thresholds, ['tool.end'], () => {
    let run = 0;
    return {
      observe(event) {
        if (event.type !== 'tool.end' || event.outcome === 'denied' || event.outcome === 'blocked') return;
        if (failures.has(event.outcome)) run++;
        else if (event.outcome === 'success') {
          run = 0;
        }
      },
      evaluate() {
        return run > thresholds.maxConsecutiveFailures ? { active: true, value: run } : INACTIVE;
      },
    };
  });
}
