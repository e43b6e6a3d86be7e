import { ALERT_SEVERITIES, METRIC_AGENT_COST, METRIC_AGENT_HEARTBEAT_TIMESTAMP } from '@agentvitals/core';
import { describe, expect, it } from 'vitest';
import { defaultRules } from '../rules/default-rules.js';
import { PROMETHEUS_ALERT_NAMES, PROMETHEUS_RULE_DEFAULTS } from './prometheus-rule-defaults.js';
import { DEFAULT_RUNBOOK_BASE_URL, type PrometheusRuleOptions } from './prometheus-rule-options.js';
import { generatePrometheusRules, renderPrometheusRules } from './prometheus-rules.js';
import { referencedSeries } from './promql-series.js';
import { KNOWN_AGENT_SERIES, PROMETHEUS_TARGET_SERIES } from './series-names.js';

const rulesOf = (options?: PrometheusRuleOptions) => generatePrometheusRules(options).groups[0]?.rules ?? [];
const ruleOf = (name: string, options?: PrometheusRuleOptions) => {
  const rule = rulesOf(options).find((candidate) => candidate.alert === name);
  if (rule === undefined) throw new Error(`no rule ${name}`);
  return rule;
};

describe('generatePrometheusRules', () => {
  it('writes one agentvitals group with every alert, in order', () => {
    const file = generatePrometheusRules();
    expect(file.groups).toHaveLength(1);
    expect(file.groups[0]?.name).toBe('agentvitals');
    expect(file.groups[0]?.interval).toBeUndefined();
    expect(rulesOf().map((rule) => rule.alert)).toEqual([...PROMETHEUS_ALERT_NAMES]);
  });

  it('reads only series of the metric catalog, the process metrics and Prometheus target series', () => {
    const allowed = new Set([...KNOWN_AGENT_SERIES, PROMETHEUS_TARGET_SERIES.up]);
    for (const rule of rulesOf()) {
      const names = referencedSeries(rule.expr);
      expect(names.length, rule.alert).toBeGreaterThan(0);
      expect(
        names.filter((name) => !allowed.has(name)),
        rule.alert,
      ).toEqual([]);
    }
  });

  it('gives every alert a severity, a summary, a description and a runbook link', () => {
    for (const rule of rulesOf()) {
      expect(ALERT_SEVERITIES).toContain(rule.labels.severity);
      expect(rule.annotations.summary).toMatch(/\S/);
      expect(rule.annotations.description).toMatch(/\S/);
      expect(rule.annotations.runbook_url).toBe(`${DEFAULT_RUNBOOK_BASE_URL}#${rule.alert.toLowerCase()}`);
    }
  });

  it('uses the design defaults in the expressions', () => {
    expect(METRIC_AGENT_COST.prometheusName).toBe('agent_cost_USD_total');
    expect(ruleOf('AgentCostSpike').expr).toBe(
      'sum by (job, instance, gen_ai_agent_name) (increase(agent_cost_USD_total[1h])) > 5',
    );
    expect(ruleOf('AgentFleetCostSpike').expr).toBe(
      'sum by (gen_ai_agent_name) (increase(agent_cost_USD_total[1h])) > 20',
    );
    expect(ruleOf('AgentFleetCostSpike').labels.severity).toBe('critical');
    expect(ruleOf('AgentVanished').expr).toContain(
      'unless on (gen_ai_agent_name, job) group by (gen_ai_agent_name, job) (agent_heartbeat_timestamp_seconds)',
    );
    expect(ruleOf('AgentCostSpike').for).toBeUndefined();
    expect(METRIC_AGENT_HEARTBEAT_TIMESTAMP.prometheusName).toBe('agent_heartbeat_timestamp_seconds');
    expect(ruleOf('AgentHeartbeatStale').expr).toBe(
      'time() - max by (job, instance, gen_ai_agent_name) (agent_heartbeat_timestamp_seconds) > 45',
    );
    expect(ruleOf('AgentHeartbeatStale').for).toBeUndefined();
    expect(ruleOf('AgentHighCpu').expr).toMatch(
      /^process_cpu_utilization_ratio > 0\.8 and on \(job, instance\)/,
    );
    expect(ruleOf('AgentHighCpu').for).toBe('5m');
    expect(ruleOf('AgentBreakerOpen').expr).toMatch(/\(min_over_time\(agent_breaker_state\[2m\]\)\) >= 1$/);
    expect(ruleOf('AgentSlowResponses').expr).toBe(
      'sum by (gen_ai_agent_name) (rate(agent_run_duration_seconds_sum[5m])) / sum by (gen_ai_agent_name) (rate(agent_run_duration_seconds_count[5m])) > 2',
    );
    expect(ruleOf('AgentTokenEfficiency').expr).toMatch(
      /rate\(agent_tokens_per_action_count\[15m\]\)\) > 1000$/,
    );
    expect(ruleOf('AgentNegativeSentiment').expr).toContain('agent_sentiment_label="negative"');
    expect(ruleOf('AgentNegativeSentiment').expr).toContain(') > 0.3) and on (gen_ai_agent_name)');
    expect(ruleOf('AgentNegativeSentiment').expr).toMatch(/>= 10\)$/);
    expect(ruleOf('AgentEscalationBacklog').expr).toBe(
      'sum by (gen_ai_agent_name) (agent_escalation_backlog) > 20',
    );
    expect(ruleOf('AgentToolFailureStreak').expr).toContain('agent_tool_outcome=~"error|invalid|timeout"');
    expect(ruleOf('AgentToolErrorRate').expr).toContain('agent_tool_outcome!~"denied|blocked"');
    expect(ruleOf('AgentTargetDown').expr).toMatch(/^up == 0 and on \(job, instance\)/);
  });

  it('applies thresholds, windows, for durations, severities and labels per alert', () => {
    const options: PrometheusRuleOptions = {
      labels: { team: 'support', service: 'bot' },
      rules: {
        AgentCostSpike: { threshold: 7.5, severity: 'warning', for: '2m', labels: { service: 'billing' } },
        AgentHeartbeatStale: { threshold: 90 },
        AgentNegativeSentiment: { threshold: 0.5, window: '1h', minCount: 0 },
        AgentHighCpu: { threshold: 0.95, for: '15m' },
      },
    };
    const cost = ruleOf('AgentCostSpike', options);
    expect(cost.expr).toBe(
      'sum by (job, instance, gen_ai_agent_name) (increase(agent_cost_USD_total[1h])) > 7.5',
    );
    expect(cost.for).toBe('2m');
    expect(cost.labels).toEqual({ team: 'support', service: 'billing', severity: 'warning' });
    expect(ruleOf('AgentHeartbeatStale', options).expr).toMatch(/> 90$/);
    expect(ruleOf('AgentHeartbeatStale', options).labels).toEqual({
      team: 'support',
      service: 'bot',
      severity: 'critical',
    });
    const sentiment = ruleOf('AgentNegativeSentiment', options).expr;
    expect(sentiment).toMatch(/\[1h\]\)\) > 0\.5$/);
    expect(sentiment).not.toContain(' and on ');
    expect(ruleOf('AgentHighCpu', options).expr).toMatch(/^process_cpu_utilization_ratio > 0\.95 /);
    expect(ruleOf('AgentHighCpu', options).for).toBe('15m');
    expect(ruleOf('AgentHighCpu', options).annotations.description).toContain('95 %');
  });

  it('scales a shorter cost window to USD per hour', () => {
    expect(
      ruleOf('AgentCostSpike', { rules: { AgentCostSpike: { window: '15m', threshold: 2 } } }).expr,
    ).toBe('sum by (job, instance, gen_ai_agent_name) (rate(agent_cost_USD_total[15m])) * 3600 > 2');
  });

  it('uses a relabelled agent label everywhere', () => {
    for (const rule of rulesOf({ agentLabel: 'agent' })) {
      expect(rule.expr, rule.alert).not.toContain('gen_ai_agent_name');
      expect(rule.annotations.summary, rule.alert).not.toContain('gen_ai_agent_name');
    }
    expect(ruleOf('AgentCostSpike', { agentLabel: 'agent' }).annotations.summary).toContain(
      '{{ $labels.agent }}',
    );
  });

  it('drops disabled alerts and renames the group', () => {
    const file = generatePrometheusRules({
      groupName: 'bots',
      interval: '30s',
      rules: { AgentHighCpu: { enabled: false }, AgentTargetDown: { enabled: false } },
    });
    expect(file.groups[0]?.name).toBe('bots');
    expect(file.groups[0]?.interval).toBe('30s');
    expect(file.groups[0]?.rules.map((rule) => rule.alert)).not.toContain('AgentHighCpu');
    expect(file.groups[0]?.rules).toHaveLength(PROMETHEUS_ALERT_NAMES.length - 2);
  });

  it('links runbooks under a custom base, per alert, or not at all', () => {
    const base = 'https://runbooks.example.com/agents';
    expect(ruleOf('AgentCostSpike', { runbookUrl: base }).annotations.runbook_url).toBe(
      `${base}#agentcostspike`,
    );
    expect(
      ruleOf('AgentCostSpike', {
        runbookUrl: base,
        rules: { AgentCostSpike: { runbookUrl: 'https://x.test/cost' } },
      }).annotations.runbook_url,
    ).toBe('https://x.test/cost');
    expect(ruleOf('AgentCostSpike', { runbookUrl: false }).annotations).not.toHaveProperty('runbook_url');
  });

  it('accepts huge and tiny thresholds as PromQL numbers', () => {
    expect(ruleOf('AgentCostSpike', { rules: { AgentCostSpike: { threshold: 1e21 } } }).expr).toMatch(
      /> 1e\+21$/,
    );
    expect(ruleOf('AgentCostSpike', { rules: { AgentCostSpike: { threshold: 1e-7 } } }).expr).toMatch(
      /> 1e-7$/,
    );
    expect(ruleOf('AgentCostSpike', { rules: { AgentCostSpike: { threshold: 0 } } }).expr).toMatch(/> 0$/);
  });

  it('does not change the exported defaults', () => {
    generatePrometheusRules({ rules: { AgentCostSpike: { threshold: 99 } } });
    expect(PROMETHEUS_RULE_DEFAULTS.AgentCostSpike.threshold).toBe(5);
  });
});

describe('generatePrometheusRules option validation', () => {
  const invalid = (options: unknown) => () => generatePrometheusRules(options as PrometheusRuleOptions);

  it.each([[Number.NaN], [Number.POSITIVE_INFINITY], [Number.NEGATIVE_INFINITY], [-1], ['5'], [null]])(
    'rejects the threshold %j',
    (threshold) => {
      expect(invalid({ rules: { AgentCostSpike: { threshold } } })).toThrow(
        /rules\.AgentCostSpike\.threshold/,
      );
    },
  );

  it('lists every bad field in one TypeError', () => {
    let caught: unknown;
    try {
      generatePrometheusRules({
        groupName: '',
        interval: '0s',
        agentLabel: 'gen_ai.agent.name',
        labels: { severity: 'page', 'bad-name': 'x', __meta: 'y' },
        runbookUrl: 'ftp://example.com',
        rules: {
          AgentNegativeSentiment: { threshold: 1.5 },
          AgentHighCpu: { for: '5 minutes', severity: 'page' as never },
          AgentCostSpike: { window: '0s' },
        },
      } as PrometheusRuleOptions);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(TypeError);
    const message = (caught as TypeError).message;
    for (const path of [
      'groupName',
      'interval',
      'agentLabel',
      'labels.severity',
      'labels.bad-name',
      'labels.__meta',
      'runbookUrl',
      'rules.AgentNegativeSentiment.threshold',
      'rules.AgentHighCpu.for',
      'rules.AgentHighCpu.severity',
      'rules.AgentCostSpike.window',
    ]) {
      expect(message).toContain(`${path}:`);
    }
  });

  it('rejects unknown alerts, unknown fields and settings an alert does not have', () => {
    expect(invalid({ rules: { AgentCostSpik: { threshold: 1 } } })).toThrow(/AgentCostSpik/);
    expect(invalid({ rules: { AgentCostSpike: { treshold: 1 } } })).toThrow(/treshold/);
    expect(invalid({ rules: { AgentBreakerOpen: { threshold: 1 } } })).toThrow(/AgentBreakerOpen/);
    expect(invalid({ rules: { AgentEscalationBacklog: { window: '5m' } } })).toThrow(
      /AgentEscalationBacklog/,
    );
    expect(invalid({ rules: { AgentCostSpike: { minCount: 3 } } })).toThrow(/minCount/);
    expect(invalid({ colour: 'red' })).toThrow(/colour/);
  });

  it('refuses the labels the generator writes, saying what to do about each', () => {
    expect(invalid({ labels: { alertname: 'x' } })).toThrow(/labels\.alertname: .*the alert's name/);
    expect(invalid({ labels: { alertname: 'x' } })).not.toThrow(/severity/);
    expect(invalid({ rules: { AgentCostSpike: { labels: { severity: 'low' } } } })).toThrow(
      /rules\.AgentCostSpike\.labels\.severity: .*severity option/,
    );
  });

  it.each([['rules'], [42], [[]]])('rejects %j as options', (options) => {
    expect(invalid(options)).toThrow(TypeError);
  });
});

describe('renderPrometheusRules', () => {
  it('writes YAML with a header comment and the group', () => {
    const text = renderPrometheusRules();
    expect(text.startsWith('# Prometheus alerting rules for Agent Vitals.')).toBe(true);
    expect(text).toContain(
      '\ngroups:\n  - name: agentvitals\n    rules:\n      - alert: AgentHeartbeatStale\n',
    );
    expect(text).toContain(
      "        expr: 'sum by (job, instance, gen_ai_agent_name) (increase(agent_cost_USD_total[1h])) > 5'\n",
    );
    expect(text.endsWith('\n')).toBe(true);
  });

  it('passes options through', () => {
    expect(renderPrometheusRules({ rules: { AgentCostSpike: { threshold: 12 } } })).toContain(
      'increase(agent_cost_USD_total[1h])) > 12',
    );
  });
});

describe('docs/prometheus.md', () => {
  it('documents every alert with its default expression', async () => {
    const { readFile } = await import('node:fs/promises');
    const docs = await readFile(new URL('../../../../docs/prometheus.md', import.meta.url), 'utf8');
    for (const rule of rulesOf()) {
      expect(docs, rule.alert).toContain(`### ${rule.alert}\n`);
      expect(docs, rule.alert).toContain(`\`\`\`promql\n${rule.expr}\n\`\`\``);
    }
  });
});

describe('alert names shared with the in-process rules', () => {
  it('gives every in-process default rule a Prometheus rule of the same name, but the repeated-call detector', () => {
    const generated = new Set(generatePrometheusRules().groups[0]?.rules.map((rule) => rule.alert));
    const inProcess = defaultRules().map((rule) => rule.name);
    // Repeated calls need each call's arguments, which no metric carries: in-process only.
    const metricless = ['AgentRepeatedToolCalls'];
    for (const name of inProcess) {
      if (metricless.includes(name)) expect(generated.has(name), name).toBe(false);
      else expect(generated.has(name), name).toBe(true);
    }
    expect(inProcess.length).toBeGreaterThanOrEqual(9);
  });
});
