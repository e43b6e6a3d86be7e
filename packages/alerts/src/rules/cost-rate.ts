import { z } from 'zod';
import { ALERT_CATALOG, formatDuration } from '../catalog/alert-catalog.js';
import { nonNegative, positiveDurationMs } from '../config/common-schemas.js';
import { parseOptions } from '../config/parse-options.js';
import { type AlertRule, INACTIVE } from './alert-rule.js';
import { buildRule } from './define-rule.js';
import { type CommonRuleOptions, catalogDefaults, commonRuleShape, resolveCommon } from './rule-options.js';
import { BucketedWindow } from './window/bucketed-window.js';

export interface CostRateRuleOptions extends CommonRuleOptions {
  /** Fire when the agent spends more than this many USD per hour; default 5. */
  readonly maxUsdPerHour?: number;
  /** The sliding window the spend is summed over, in ms; default 3 600 000 (1 h). */
  readonly windowMs?: number;
}

export interface CostRateThresholds {
  readonly maxUsdPerHour: number;
  readonly windowMs: number;
}

const schema = z
  .object({
    ...commonRuleShape,
    maxUsdPerHour: nonNegative.optional(),
    windowMs: positiveDurationMs.optional(),
  })
  .strict();

const HOUR_MS = 3_600_000;
const MICRO = 1_000_000;

const ENTRY = ALERT_CATALOG.AgentCostSpike;

/**
 * A cost spike: the agent's spend (the `costUsd` of `tokens` events, from the pricing
 * table) over the sliding window, scaled to an hour, is above `maxUsdPerHour`. Amounts are
 * summed in micro-dollars, so many small costs add up exactly. `$value` is USD per hour.
 * Trips the breaker by default: a spend cap.
 */
export function costRateRule(options: CostRateRuleOptions = {}): AlertRule<'cost-rate', CostRateThresholds> {
  const parsed = parseOptions(schema, options, 'costRateRule()');
  const thresholds: CostRateThresholds = {
    maxUsdPerHour: parsed.maxUsdPerHour ?? ENTRY.threshold,
    windowMs: parsed.windowMs ?? ENTRY.windowMs,
  };
  const capMicro = Math.round(((thresholds.maxUsdPerHour * thresholds.windowMs) / HOUR_MS) * MICRO);
  const common = resolveCommon(
    parsed,
    catalogDefaults(
      'AgentCostSpike',
      'Agent {{ $labels.gen_ai_agent_name }} is spending {{ $value }} USD per hour',
      {
        threshold: thresholds.maxUsdPerHour,
        window: formatDuration(thresholds.windowMs),
      },
    ),
  );
  return buildRule('cost-rate', common, thresholds, ['tokens'], () => {
    const spend = new BucketedWindow(thresholds.windowMs, 60);
    return {
      observe(event, now) {
        if (event.type !== 'tokens') return;
        const cost = event.costUsd;
        if (typeof cost !== 'number' || !Number.isFinite(cost) || cost <= 0) return;
        spend.add(now, Math.round(cost * MICRO));
      },
      evaluate(now) {
        const micro = spend.sum(now);
        if (micro <= capMicro) return INACTIVE;
        return { active: true, value: (micro / MICRO) * (HOUR_MS / thresholds.windowMs) };
      },
    };
  });
}
