import { z } from 'zod';
import { positiveDurationMs } from '../config/common-schemas.js';
import { parseOptions } from '../config/parse-options.js';
import { type AlertRule, INACTIVE } from './alert-rule.js';
import { buildRule } from './define-rule.js';
import { type CommonRuleOptions, commonRuleShape, resolveCommon } from './rule-options.js';

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

/** The agent loop stopped sending heartbeats (`vitals.heartbeat()`). `$value` is the silence in seconds. */
export function staleHeartbeatRule(
  options: StaleHeartbeatRuleOptions = {},
): AlertRule<'stale-heartbeat', StaleHeartbeatThresholds> {
  const parsed = parseOptions(schema, options, 'staleHeartbeatRule()');
  const thresholds: StaleHeartbeatThresholds = {
    staleAfterMs: parsed.staleAfterMs ?? 45_000,
    requireFirstHeartbeat: parsed.requireFirstHeartbeat ?? true,
  };
  const common = resolveCommon(parsed, {
    name: 'AgentHeartbeatStale',
    severity: 'critical',
    forMs: 0,
    action: 'alert',
    annotations: {
      summary: 'Agent {{ $labels.gen_ai_agent_name }} stopped sending heartbeats',
      description: 'No heartbeat for {{ $value }} s; the agent loop may be stuck or dead.',
    },
  });
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
