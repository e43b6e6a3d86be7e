import { z } from 'zod';
import { ALERT_CATALOG, formatDuration } from '../catalog/alert-catalog.js';
import { positiveDurationMs, positiveInteger, ratio } from '../config/common-schemas.js';
import { parseOptions } from '../config/parse-options.js';
import { type AlertRule, INACTIVE } from './alert-rule.js';
import { buildRule } from './define-rule.js';
import { type CommonRuleOptions, catalogDefaults, commonRuleShape, resolveCommon } from './rule-options.js';
import { BucketedWindow } from './window/bucketed-window.js';

export interface NegativeSentimentRuleOptions extends CommonRuleOptions {
  /** Fire when the share of negative messages is above this (0..1); default 0.3. */
  readonly maxNegativeRatio?: number;
  /** The sliding window, in ms; default 900 000 (15 min). */
  readonly windowMs?: number;
  /** Fewest messages in the window before the rule judges; default 10. */
  readonly minMessages?: number;
}

export interface NegativeSentimentThresholds {
  readonly maxNegativeRatio: number;
  readonly windowMs: number;
  readonly minMessages: number;
}

const schema = z
  .object({
    ...commonRuleShape,
    maxNegativeRatio: ratio.optional(),
    windowMs: positiveDurationMs.optional(),
    minMessages: positiveInteger.optional(),
  })
  .strict();

const ENTRY = ALERT_CATALOG.AgentNegativeSentiment;

/** Customer mood: the share of `negative` sentiment messages in the window. `$value` is the ratio. */
export function negativeSentimentRule(
  options: NegativeSentimentRuleOptions = {},
): AlertRule<'negative-sentiment', NegativeSentimentThresholds> {
  const parsed = parseOptions(schema, options, 'negativeSentimentRule()');
  const thresholds: NegativeSentimentThresholds = {
    maxNegativeRatio: parsed.maxNegativeRatio ?? ENTRY.threshold,
    windowMs: parsed.windowMs ?? ENTRY.windowMs,
    minMessages: parsed.minMessages ?? ENTRY.minCount,
  };
  const common = resolveCommon(
    parsed,
    catalogDefaults(
      'AgentNegativeSentiment',
      'A share of {{ $value }} of the customer messages to agent {{ $labels.gen_ai_agent_name }} is negative',
      {
        threshold: thresholds.maxNegativeRatio,
        window: formatDuration(thresholds.windowMs),
        minCount: thresholds.minMessages,
      },
    ),
  );
  return buildRule('negative-sentiment', common, thresholds, ['sentiment'], () => {
    const messages = new BucketedWindow(thresholds.windowMs, 30);
    return {
      observe(event, now) {
        if (event.type === 'sentiment') messages.add(now, event.label === 'negative' ? 1 : 0);
      },
      evaluate(now) {
        const count = messages.count(now);
        if (count < thresholds.minMessages || count === 0) return INACTIVE;
        const share = messages.sum(now) / count;
        return share > thresholds.maxNegativeRatio ? { active: true, value: share } : INACTIVE;
      },
    };
  });
}
