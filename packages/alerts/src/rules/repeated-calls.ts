import { z } from 'zod';
import { ALERT_CATALOG, formatDuration } from '../catalog/alert-catalog.js';
import { positiveDurationMs, positiveInteger } from '../config/common-schemas.js';
import { parseOptions } from '../config/parse-options.js';
import { type AlertRule, INACTIVE, type RuleCondition } from './alert-rule.js';
import { canonicalHash } from './canonical/canonical-hash.js';
import { buildRule } from './define-rule.js';
import { type CommonRuleOptions, catalogDefaults, commonRuleShape, resolveCommon } from './rule-options.js';
import { CallHistory } from './window/call-history.js';

export interface RepeatedCallsRuleOptions extends CommonRuleOptions {
  /** How many of the latest tool calls are compared; default 20. */
  readonly windowCalls?: number;
  /** Calls older than this are forgotten, in ms; default 600 000 (10 min). */
  readonly windowMs?: number;
  /** Fire when the latest call (tool + equivalent arguments) occurs more than this often; default 5. */
  readonly maxIdenticalCalls?: number;
  /** Fire when the latest tool returned an equivalent result more than this often; default 5. */
  readonly maxSameResults?: number;
  /** Fire when two calls alternate (A, B, A, B, ...) for more than this many calls; default 8. */
  readonly maxPingPongCalls?: number;
}

export interface RepeatedCallsThresholds {
  readonly windowCalls: number;
  readonly windowMs: number;
  readonly maxIdenticalCalls: number;
  readonly maxSameResults: number;
  readonly maxPingPongCalls: number;
}

const schema = z
  .object({
    ...commonRuleShape,
    windowCalls: positiveInteger.max(1000).optional(),
    windowMs: positiveDurationMs.optional(),
    maxIdenticalCalls: positiveInteger.optional(),
    maxSameResults: positiveInteger.optional(),
    maxPingPongCalls: z.number().int().min(2).optional(),
  })
  .strict();

/** A result that says something about progress (not `undefined`, `null` or a boolean). */
const informative = (result: unknown): boolean =>
  result !== undefined && result !== null && typeof result !== 'boolean';

const ENTRY = ALERT_CATALOG.AgentRepeatedToolCalls;

/**
 * A tool called over and over without progress: the same tool with equivalent arguments
 * (see `canonicalize`: key order, whitespace, case and number formatting do not hide a
 * repeat), the same tool returning an equivalent result, or two calls ping-ponging. It
 * judges the latest call, so a call that makes progress clears it. Trips the breaker by
 * default (with per-tool breakers, only the looping tool's for the first two patterns).
 */
export function repeatedCallsRule(
  options: RepeatedCallsRuleOptions = {},
): AlertRule<'repeated-calls', RepeatedCallsThresholds> {
  const parsed = parseOptions(schema, options, 'repeatedCallsRule()');
  const thresholds: RepeatedCallsThresholds = {
    windowCalls: parsed.windowCalls ?? 20,
    windowMs: parsed.windowMs ?? ENTRY.windowMs,
    maxIdenticalCalls: parsed.maxIdenticalCalls ?? ENTRY.threshold,
    maxSameResults: parsed.maxSameResults ?? 5,
    maxPingPongCalls: parsed.maxPingPongCalls ?? 8,
  };
  const common = resolveCommon(
    parsed,
    catalogDefaults(
      'AgentRepeatedToolCalls',
      'Agent {{ $labels.gen_ai_agent_name }} repeated the same tool call or result {{ $value }} times without progress',
      {
        threshold: thresholds.maxIdenticalCalls,
        window: formatDuration(thresholds.windowMs),
      },
    ),
  );
  const capacity = Math.max(thresholds.windowCalls, thresholds.maxPingPongCalls + 1);
  return buildRule('repeated-calls', common, thresholds, ['tool.end'], () => {
    const calls = new CallHistory(capacity);
    /** The condition judged after the latest call, valid until one of the calls it counted expires. */
    let cached: RuleCondition = INACTIVE;
    let judgedAt = Number.NEGATIVE_INFINITY;
    let validUntil = Number.NEGATIVE_INFINITY;
    const judge = (now: number): RuleCondition => {
      const latestTime = calls.latestTime();
      validUntil = Number.POSITIVE_INFINITY;
      if (latestTime === undefined || now - latestTime > thresholds.windowMs) return INACTIVE;
      // Most calls repeat nothing: a bound over all kept calls says so without a pass (and holds
      // until the next call, as calls only leave the window).
      if (!calls.mayRepeat(thresholds.maxIdenticalCalls, thresholds.maxSameResults)) return INACTIVE;
      const found = calls.judge(now, thresholds.windowMs, thresholds.windowCalls);
      validUntil = found.validUntil;
      const toolName = calls.latestToolName();
      if (found.identical > thresholds.maxIdenticalCalls) {
        return { active: true, value: found.identical, toolName };
      }
      if (found.sameResult > thresholds.maxSameResults) {
        return { active: true, value: found.sameResult, toolName };
      }
      return found.alternating > thresholds.maxPingPongCalls
        ? { active: true, value: found.alternating }
        : INACTIVE;
    };
    return {
      observe(event, now) {
        if (event.type !== 'tool.end' || event.outcome === 'denied' || event.outcome === 'blocked') return;
        const { toolName, result } = event;
        calls.push(
          now,
          toolName,
          canonicalHash(event.args, toolName),
          informative(result) ? canonicalHash(result, toolName) : undefined,
        );
        validUntil = Number.NEGATIVE_INFINITY;
      },
      evaluate(now): RuleCondition {
        // Judged once per call: until a counted call leaves the window (or the clock steps back),
        // the judgement cannot change.
        if (now >= validUntil || now < judgedAt) {
          cached = judge(now);
          judgedAt = now;
        }
        return cached;
      },
    };
  });
}
