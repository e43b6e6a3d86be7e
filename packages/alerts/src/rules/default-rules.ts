import { z } from 'zod';
import { parseOptions } from '../config/parse-options.js';
import type { AlertRule } from './alert-rule.js';
import { type ConsecutiveFailuresRuleOptions, consecutiveFailuresRule } from './consecutive-failures.js';
import { type CostRateRuleOptions, costRateRule } from './cost-rate.js';
import { type ErrorRateRuleOptions, errorRateRule } from './error-rate.js';
import { type EscalationBacklogRuleOptions, escalationBacklogRule } from './escalation-backlog.js';
import { type NegativeSentimentRuleOptions, negativeSentimentRule } from './negative-sentiment.js';
import { type RepeatedCallsRuleOptions, repeatedCallsRule } from './repeated-calls.js';
import { type RunDurationRuleOptions, runDurationRule } from './run-duration.js';
import { type StaleHeartbeatRuleOptions, staleHeartbeatRule } from './stale-heartbeat.js';
import { type TokenEfficiencyRuleOptions, tokenEfficiencyRule } from './token-efficiency.js';

/** Per built-in rule: its options, or `false` to leave it out. */
export interface DefaultRulesOptions {
  readonly staleHeartbeat?: StaleHeartbeatRuleOptions | false;
  readonly consecutiveFailures?: ConsecutiveFailuresRuleOptions | false;
  readonly repeatedCalls?: RepeatedCallsRuleOptions | false;
  readonly costRate?: CostRateRuleOptions | false;
  readonly tokenEfficiency?: TokenEfficiencyRuleOptions | false;
  readonly runDuration?: RunDurationRuleOptions | false;
  readonly negativeSentiment?: NegativeSentimentRuleOptions | false;
  readonly escalationBacklog?: EscalationBacklogRuleOptions | false;
  readonly errorRate?: ErrorRateRuleOptions | false;
}

/** Any of the built-in rules. */
export type BuiltInRule =
  | ReturnType<typeof staleHeartbeatRule>
  | ReturnType<typeof consecutiveFailuresRule>
  | ReturnType<typeof repeatedCallsRule>
  | ReturnType<typeof costRateRule>
  | ReturnType<typeof tokenEfficiencyRule>
  | ReturnType<typeof runDurationRule>
  | ReturnType<typeof negativeSentimentRule>
  | ReturnType<typeof escalationBacklogRule>
  | ReturnType<typeof errorRateRule>;

const FACTORIES = {
  staleHeartbeat: staleHeartbeatRule,
  consecutiveFailures: consecutiveFailuresRule,
  repeatedCalls: repeatedCallsRule,
  costRate: costRateRule,
  tokenEfficiency: tokenEfficiencyRule,
  runDuration: runDurationRule,
  negativeSentiment: negativeSentimentRule,
  escalationBacklog: escalationBacklogRule,
  errorRate: errorRateRule,
} as const satisfies Record<keyof DefaultRulesOptions, (options?: any) => AlertRule<string, object>>;

const entry = z.union([z.literal(false), z.record(z.string(), z.unknown())]).optional();
const schema = z.strictObject(
  Object.fromEntries(Object.keys(FACTORIES).map((key) => [key, entry])) as Record<
    keyof DefaultRulesOptions,
    typeof entry
  >,
);

/**
 * The built-in rules with the design defaults: stale heartbeat (45 s), tool-failure loop
 * (more than 10 in a row, trips), repeated calls (trips), cost rate (more than 5 USD/h,
 * trips), token efficiency (more than 1000 tokens per action), slow runs (above 2 s
 * average for 5 min), negative sentiment (above 30 %), escalation backlog (more than 20),
 * run error rate (above 10 %). Pass options per rule to change it, or `false` to drop it.
 */
export function defaultRules(options: DefaultRulesOptions = {}): BuiltInRule[] {
  parseOptions(schema, options, 'defaultRules()');
  const rules: BuiltInRule[] = [];
  for (const key of Object.keys(FACTORIES) as (keyof DefaultRulesOptions)[]) {
    const ruleOptions = options[key];
    if (ruleOptions === false) continue;
    rules.push(FACTORIES[key](ruleOptions as never));
  }
  return rules;
}
