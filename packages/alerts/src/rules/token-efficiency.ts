import { z } from 'zod';
import { ALERT_CATALOG, formatDuration } from '../catalog/alert-catalog.js';
import { nonNegative, positiveDurationMs, positiveInteger } from '../config/common-schemas.js';
import { parseOptions } from '../config/parse-options.js';
import { type AlertRule, INACTIVE } from './alert-rule.js';
import { buildRule } from './define-rule.js';
import { type CommonRuleOptions, catalogDefaults, commonRuleShape, resolveCommon } from './rule-options.js';
import { BucketedWindow } from './window/bucketed-window.js';

export interface TokenEfficiencyRuleOptions extends CommonRuleOptions {
  /** Fire when the average tokens spent per action is above this; default 1000. */
  readonly maxTokensPerAction?: number;
  /** The sliding window the average is taken over, in ms; default 300 000 (5 min). */
  readonly windowMs?: number;
  /** Fewest actions in the window before the rule judges; default 1. */
  readonly minActions?: number;
}

export interface TokenEfficiencyThresholds {
  readonly maxTokensPerAction: number;
  readonly windowMs: number;
  readonly minActions: number;
}

const schema = z
  .object({
    ...commonRuleShape,
    maxTokensPerAction: nonNegative.optional(),
    windowMs: positiveDurationMs.optional(),
    minActions: positiveInteger.optional(),
  })
  .strict();

const ENTRY = ALERT_CATALOG.AgentTokenEfficiency;

/**
 * Token efficiency: the average of `tokensSinceLastAction` over the actions in the window
 * is above `maxTokensPerAction`. `$value` is that average.
 */
export function tokenEfficiencyRule(
  options: TokenEfficiencyRuleOptions = {},
): AlertRule<'token-efficiency', TokenEfficiencyThresholds> {
  const parsed = parseOptions(schema, options, 'tokenEfficiencyRule()');
  const thresholds: TokenEfficiencyThresholds = {
    maxTokensPerAction: parsed.maxTokensPerAction ?? ENTRY.threshold,
    windowMs: parsed.windowMs ?? ENTRY.windowMs,
    minActions: parsed.minActions ?? 1,
  };
  const common = resolveCommon(
    parsed,
    catalogDefaults(
      'AgentTokenEfficiency',
      'Agent {{ $labels.gen_ai_agent_name }} spends {{ $value }} tokens per action',
      {
        threshold: thresholds.maxTokensPerAction,
        window: formatDuration(thresholds.windowMs),
      },
    ),
  );
  return buildRule('token-efficiency', common, thresholds, ['action'], () => {
    const actions = new BucketedWindow(thresholds.windowMs, 30);
    return {
      observe(event, now) {
        if (event.type !== 'action') return;
        const tokens = event.tokensSinceLastAction;
        if (typeof tokens === 'number' && Number.isFinite(tokens) && tokens >= 0) actions.add(now, tokens);
      },
      evaluate(now) {
        const count = actions.count(now);
        if (count < thresholds.minActions || count === 0) return INACTIVE;
        const average = actions.sum(now) / count;
        return average > thresholds.maxTokensPerAction ? { active: true, value: average } : INACTIVE;
      },
    };
  });
}
