import type { ToolEndEvent } from '@agentvitals/core';
import { z } from 'zod';
import { ALERT_CATALOG, formatDuration } from '../catalog/alert-catalog.js';
import { positiveDurationMs, positiveInteger } from '../config/common-schemas.js';
import { parseOptions } from '../config/parse-options.js';
import { type AlertRule, INACTIVE, type RuleCondition } from './alert-rule.js';
import { canonicalHash } from './canonical/canonical-hash.js';
import { buildRule } from './define-rule.js';
import { type CommonRuleOptions, catalogDefaults, commonRuleShape, resolveCommon } from './rule-options.js';
import { RingBuffer } from './window/ring-buffer.js';

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

interface CallRecord {
  readonly time: number;
  readonly toolName: string;
  /** 53-bit hash of the tool name and the canonical arguments. */
  readonly callKey: number;
  /** Undefined for results that say nothing about progress (`undefined`, `null`, booleans). */
  readonly resultKey: number | undefined;
}

function record(event: ToolEndEvent, now: number): CallRecord {
  const callKey = canonicalHash(event.args, event.toolName);
  const { result } = event;
  const informative = result !== undefined && result !== null && typeof result !== 'boolean';
  const resultKey = informative ? canonicalHash(result, event.toolName) : undefined;
  return { time: now, toolName: event.toolName, callKey, resultKey };
}

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
    const calls = new RingBuffer<CallRecord>(capacity);
    return {
      observe(event, now) {
        if (event.type !== 'tool.end' || event.outcome === 'denied' || event.outcome === 'blocked') return;
        calls.push(record(event, now));
      },
      evaluate(now): RuleCondition {
        const latest = calls.at(0);
        if (latest === undefined || now - latest.time > thresholds.windowMs) return INACTIVE;
        let identical = 0;
        let sameResult = 0;
        for (let age = 0; age < Math.min(calls.size, thresholds.windowCalls); age++) {
          const call = calls.at(age)!;
          if (now - call.time > thresholds.windowMs) break;
          if (call.callKey === latest.callKey) identical++;
          if (latest.resultKey !== undefined && call.resultKey === latest.resultKey) sameResult++;
        }
        if (identical > thresholds.maxIdenticalCalls) {
          return { active: true, value: identical, toolName: latest.toolName };
        }
        if (sameResult > thresholds.maxSameResults) {
          return { active: true, value: sameResult, toolName: latest.toolName };
        }
        let alternating = 1;
        for (let age = 1; age < calls.size; age++) {
          const call = calls.at(age)!;
          if (now - call.time > thresholds.windowMs) break;
          const expected = age % 2 === 0 ? latest.callKey : calls.at(1)!.callKey;
          if (call.callKey !== expected || (age === 1 && call.callKey === latest.callKey)) break;
          alternating++;
        }
        return alternating > thresholds.maxPingPongCalls ? { active: true, value: alternating } : INACTIVE;
      },
    };
  });
}
