import { describe, expect, it } from 'vitest';
import { defaultRules } from './default-rules.js';
import { defineRule } from './define-rule.js';

describe('defaultRules', () => {
  it('holds every built-in rule with the design defaults as plain data', () => {
    const rules = defaultRules();
    expect(rules.map((rule) => [rule.kind, rule.name, rule.severity, rule.action, rule.forMs])).toEqual([
      ['stale-heartbeat', 'AgentHeartbeatStale', 'critical', 'alert', 0],
      ['consecutive-failures', 'AgentToolFailureStreak', 'critical', 'trip', 0],
      ['repeated-calls', 'AgentRepeatedToolCalls', 'critical', 'trip', 0],
      ['cost-rate', 'AgentCostSpike', 'critical', 'trip', 0],
      ['token-efficiency', 'AgentTokenEfficiency', 'warning', 'alert', 900_000],
      ['run-duration', 'AgentSlowResponses', 'warning', 'alert', 300_000],
      ['negative-sentiment', 'AgentNegativeSentiment', 'warning', 'alert', 300_000],
      ['escalation-backlog', 'AgentEscalationBacklog', 'warning', 'alert', 300_000],
      ['error-rate', 'AgentErrorRate', 'warning', 'alert', 600_000],
    ]);
    const cost = rules.find((rule) => rule.kind === 'cost-rate');
    expect(cost?.thresholds).toEqual({ maxUsdPerHour: 5, windowMs: 3_600_000 });
    expect(JSON.parse(JSON.stringify(rules[0]))).toMatchObject({ thresholds: { staleAfterMs: 45_000 } });
    expect(Object.isFrozen(rules[0])).toBe(true);
  });

  it('takes options per rule and drops rules set to false', () => {
    const rules = defaultRules({
      costRate: { maxUsdPerHour: 20, labels: { team: 'finance' } },
      staleHeartbeat: false,
    });
    expect(rules).toHaveLength(8);
    expect(rules.find((rule) => rule.kind === 'cost-rate')).toMatchObject({
      thresholds: { maxUsdPerHour: 20 },
      labels: { team: 'finance' },
    });
  });

  it('rejects unknown rule keys and bad rule options', () => {
    expect(() => defaultRules({ costs: {} } as never)).toThrow(/costs/);
    expect(() => defaultRules({ costRate: { maxUsdPerHour: -1 } })).toThrow(/maxUsdPerHour/);
    expect(() => defaultRules({ costRate: { labels: { 'bad-name': 'x' } } })).toThrow(/labels/);
  });
});

describe('defineRule', () => {
  it('builds a custom rule with defaults and validates it', () => {
    const rule = defineRule({
      name: 'QueueTooDeep',
      events: ['heartbeat'],
      thresholds: { max: 3 },
      create: () => ({ observe() {}, evaluate: () => ({ active: false }) }),
    });
    expect(rule).toMatchObject({
      kind: 'custom',
      severity: 'warning',
      forMs: 0,
      action: 'alert',
      thresholds: { max: 3 },
    });
    expect(() => defineRule({ name: '', events: [], create: 3 } as never)).toThrow(/name[\s\S]*create/);
  });
});
