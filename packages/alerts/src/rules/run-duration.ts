import { z } from 'zod';
import { ALERT_CATALOG, formatDuration } from '../catalog/alert-catalog.js';
import { nonNegative, positiveDurationMs, positiveInteger } from '../config/common-schemas.js';
import { parseOptions } from '../config/parse-options.js';
import { type AlertRule, INACTIVE } from './alert-rule.js';
import { buildRule } from './define-rule.js';
import { type CommonRuleOptions, catalogDefaults, commonRuleShape, resolveCommon } from './rule-options.js';
import { BucketedWindow } from './window/bucketed-window.js';

export interface RunDurationRuleOptions extends CommonRuleOptions {
  /** Fire when the average run duration is above this, in seconds; default 2. */
  readonly maxAverageSeconds?: number;
  /** The sliding window the average is taken over, in ms; default 300 000 (5 min). */
  readonly windowMs?: number;
  /** Fewest runs in the window before the rule judges; default 1. */
  readonly minRuns?: number;
}

export interface RunDurationThresholds {
  readonly maxAverageSeconds: number;
  readonly windowMs: number;
  readonly minRuns: number;
}

const schema = z
  .object({
    ...commonRuleShape,
    maxAverageSeconds: nonNegative.optional(),
    windowMs: positiveDurationMs.optional(),
    minRuns: positiveInteger.optional(),
  })
  .strict();

const ENTRY = ALERT_CATALOG.AgentSlowResponses;

/**
 * Response time: the average duration of the runs that ended in the window is above
 * `maxAverageSeconds`, for `forMs` (default 5 min). `$value` is the average in seconds.
 */
export function runDurationRule(
  options: RunDurationRuleOptions = {},
): AlertRule<'run-duration', RunDurationThresholds> {
  const parsed = parseOptions(schema, options, 'runDurationRule()');
  const thresholds: RunDurationThresholds = {
    maxAverageSeconds: parsed.maxAverageSeconds ?? ENTRY.threshold,
    windowMs: parsed.windowMs ?? ENTRY.windowMs,
    minRuns: parsed.minRuns ?? 1,
  };
  const common = resolveCommon(
    parsed,
    catalogDefaults(
      'AgentSlowResponses',
      'Agent {{ $labels.gen_ai_agent_name }} takes {{ $value }} s per run on average',
      {
        threshold: thresholds.maxAverageSeconds,
        window: formatDuration(thresholds.windowMs),
      },
    ),
  );
  return buildRule('run-duration', common, thresholds, ['run.end'], () => {
    const runs = new BucketedWindow(thresholds.windowMs, 30);
    return {
      observe(event, now) {
        if (event.type !== 'run.end') return;
        const seconds = event.durationSeconds;
        if (typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0) runs.add(now, seconds);
      },
      evaluate(now) {
        const count = runs.count(now);
        if (count < thresholds.minRuns || count === 0) return INACTIVE;
        const average = runs.sum(now) / count;
        return average > thresholds.maxAverageSeconds ? { active: true, value: average } : INACTIVE;
      },
    };
  });
}
