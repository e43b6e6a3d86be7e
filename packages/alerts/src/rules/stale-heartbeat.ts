import { z } from 'zod';
import { ALERT_CATALOG } from '../catalog/alert-catalog.js';
import { positiveDurationMs } from '../config/common-schemas.js';
import { parseOptions } from '../config/parse-options.js';
import { type AlertRule, INACTIVE } from './alert-rule.js';
import { buildRule } from './define-rule.js';
import { type CommonRuleOptions, catalogDefaults, commonRuleShape, resolveCommon } from './rule-options.js';

export interface StaleHeartbeatRuleOptions extends CommonRuleOptions {
  /** Fire when no heartbeat arrived for longer than this, in ms; default 45 000. */
  readonly staleAfterMs?: number;
  /**
   * Only watch an agent once it has sent a first heartbeat; default true. With false, the
   * silence is measured from when the guard started watching the agent.
   */
  readonly requireFirstHeartbeat?: boolean;
}

export interface StaleHeartbeatThresholds {
  readonly staleAfterMs: number;
  readonly requireFirstHeartbeat: boolean;
}

const schema = z
  .object({
    ...commonRuleShape,
    staleAfterMs: positiveDurationMs.optional(),
    requireFirstHeartbeat: z.boolean().optional(),
  })
  .strict();

const ENTRY = ALERT_CATALOG.AgentHeartbeatStale;

/** The agent loop stopped sending heartbeats (`vitals.heartbeat()`). `$value` is the silence in seconds. */
export function staleHeartbeatRule(
  options: StaleHeartbeatRuleOptions = {},
): AlertRule<'stale-heartbeat', StaleHeartbeatThresholds> {
  const parsed = parseOptions(schema, options, 'staleHeartbeatRule()');
  const thresholds: StaleHeartbeatThresholds = {
    staleAfterMs: parsed.staleAfterMs ?? ENTRY.threshold * ENTRY.inProcess.thresholdScale,
    requireFirstHeartbeat: parsed.requireFirstHeartbeat ?? true,
  };
  const common = resolveCommon(
    parsed,
    catalogDefaults(
      'AgentHeartbeatStale',
      'Agent {{ $labels.gen_ai_agent_name }} has not sent a heartbeat for {{ $value }} s',
      { threshold: thresholds.staleAfterMs / ENTRY.inProcess.thresholdScale },
    ),
  );
  return buildRule('stale-heartbeat', common, thresholds, ['heartbeat'], (context) => {
    let last = thresholds.requireFirstHeartbeat ? undefined : context.now();
    return {
      observe(_event, now) {
        last = now;
      },
      evaluate(now) {
        if (last === undefined) return INACTIVE;
        const silentMs = now - last;
        return silentMs > thresholds.staleAfterMs ? { active: true, value: silentMs / 1000 } : INACTIVE;
      },
    };
  });
}
