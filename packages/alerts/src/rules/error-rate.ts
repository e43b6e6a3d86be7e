import { z } from 'zod';
import { ALERT_CATALOG, formatDuration } from '../catalog/alert-catalog.js';
import { positiveDurationMs, positiveInteger, ratio } from '../config/common-schemas.js';
import { parseOptions } from '../config/parse-options.js';
import { type AlertRule, INACTIVE } from './alert-rule.js';
import { buildRule } from './define-rule.js';
import { type CommonRuleOptions, catalogDefaults, commonRuleShape, resolveCommon } from './rule-options.js';
import { BucketedWindow } from './window/bucketed-window.js';

export interface ErrorRateRuleOptions extends CommonRuleOptions {
  /** Fire when the share of runs that ended in error is above this (0..1); default 0.1. */
  readonly maxErrorRatio?: number;
  /** The sliding window, in ms; default 300 000 (5 min). */
  readonly windowMs?: number;
  /** Fewest runs in the window before the rule judges; default 10. */
  readonly minRuns?: number;
}

export interface ErrorRateThresholds {
  readonly maxErrorRatio: number;
  readonly windowMs: number;
  readonly minRuns: number;
}

const schema = z
  .object({
    ...commonRuleShape,
    maxErrorRatio: ratio.optional(),
    windowMs: positiveDurationMs.optional(),
    minRuns: positiveInteger.optional(),
  })
  .strict();

const ENTRY = ALERT_CATALOG.AgentErrorRate;

/** Error rate: the share of runs (`run.end`) with outcome `error` in the window. `$value` is the ratio. */
export function errorRateRule(
  options: ErrorRateRuleOptions = {},
): AlertRule<'error-rate', ErrorRateThresholds> {
  const parsed = parseOptions(schema, options, 'errorRateRule()');
  const thresholds: ErrorRateThresholds = {
    maxErrorRatio: parsed.maxErrorRatio ?? ENTRY.threshold,
    windowMs: parsed.windowMs ?? ENTRY.windowMs,
    minRuns: parsed.minRuns ?? ENTRY.minCount,
  };
  const common = resolveCommon(
    parsed,
    catalogDefaults(
      'AgentErrorRate',
      'Agent {{ $labels.gen_ai_agent_name }} fails a share of {{ $value }} of its runs',
      {
        threshold: thresholds.maxErrorRatio,
        window: formatDuration(thresholds.windowMs),
        minCount: thresholds.minRuns,
      },
    ),
  );
  return buildRule('error-rate', common, thresholds, ['run.end'], () => {
    const runs = new BucketedWindow(thresholds.windowMs, 30);
    return {
      observe(event, now) {
        if (event.type === 'run.end') runs.add(now, event.outcome === 'error' ? 1 : 0);
      },
      evaluate(now) {
        const count = runs.count(now);
        if (count < thresholds.minRuns || count === 0) return INACTIVE;
        const share = runs.sum(now) / count;
        return share > thresholds.maxErrorRatio ? { active: true, value: share } : INACTIVE;
      },
    };
  });
}
