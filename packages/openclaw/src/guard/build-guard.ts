import {
  type AgentGuard,
  type AlertLogger,
  type AlertRule,
  type AlertSink,
  alertmanagerSink,
  consecutiveFailuresRule,
  costRateRule,
  createGuard,
  loggerSink,
  repeatedCallsRule,
  staleHeartbeatRule,
  webhookSink,
} from '@agentvitals/alerts';
import type { GuardConfig } from '../config/plugin-config.js';
import { buildPolicy } from './build-policy.js';

/** Alert names of the cost caps: while one fires for an agent, its tool calls and new runs are refused. */
export const HOURLY_COST_ALERT = 'AgentCostSpike';
export const DAILY_COST_ALERT = 'AgentDailyCostCap';
export const COST_ALERTS: ReadonlySet<string> = new Set([HOURLY_COST_ALERT, DAILY_COST_ALERT]);

const DAY_MS = 86_400_000;

/** Plugin defaults (an OpenClaw agent idles between messages: see docs/openclaw.md). */
export const GUARD_DEFAULTS = Object.freeze({
  usdPerHour: 5,
  usdPerDay: 50,
  staleHeartbeatMs: 3_600_000,
  maxToolCallsPerRun: 100,
});

/** The rules the plugin's guard evaluates per OpenClaw agent. */
export function buildRules(guard: GuardConfig): AlertRule<string, object>[] {
  const rules: AlertRule<string, object>[] = [];
  const loops = guard.loops ?? {};
  rules.push(
    repeatedCallsRule({ maxIdenticalCalls: loops.maxIdenticalCalls, maxSameResults: loops.maxSameResults }),
    consecutiveFailuresRule({ maxConsecutiveFailures: loops.maxConsecutiveFailures }),
  );
  if (guard.costCap !== false) {
    const perHour = guard.costCap?.usdPerHour ?? GUARD_DEFAULTS.usdPerHour;
    const perDay = guard.costCap?.usdPerDay ?? GUARD_DEFAULTS.usdPerDay;
    rules.push(
      costRateRule({ name: HOURLY_COST_ALERT, maxUsdPerHour: perHour }),
      costRateRule({
        name: DAILY_COST_ALERT,
        maxUsdPerHour: perDay / 24,
        windowMs: DAY_MS,
        annotations: {
          summary: 'Agent {{ $labels.gen_ai_agent_name }} reached its daily cost cap',
          description: `Spent more than ${perDay} USD in 24 hours.`,
        },
      }),
    );
  }
  if (guard.staleHeartbeatMs !== false) {
    rules.push(
      staleHeartbeatRule({ staleAfterMs: guard.staleHeartbeatMs ?? GUARD_DEFAULTS.staleHeartbeatMs }),
    );
  }
  return rules;
}

/** The guard: tool policy, circuit breaker, loop rules, cost caps and the stale-heartbeat alert. */
export function buildGuard(guard: GuardConfig, logger: AlertLogger): AgentGuard {
  const sinks: AlertSink[] = [loggerSink(logger)];
  if (guard.webhookUrl !== undefined) sinks.push(webhookSink({ url: guard.webhookUrl }));
  if (guard.alertmanagerUrl !== undefined) sinks.push(alertmanagerSink({ url: guard.alertmanagerUrl }));
  return createGuard({
    rules: buildRules(guard),
    sinks,
    policy: buildPolicy(guard),
    breaker: { coolDownMs: guard.breakerCoolDownMs },
    evaluationIntervalMs: guard.evaluationIntervalMs,
  });
}
