import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateGrafanaDashboard } from '../packages/alerts/src/generate/grafana/grafana-dashboard.js';
import type { PrometheusRuleOptions } from '../packages/alerts/src/generate/prometheus-rule-options.js';
import {
  generatePrometheusRules,
  renderPrometheusRules,
} from '../packages/alerts/src/generate/prometheus-rules.js';
import { toYaml, type YamlValue } from '../packages/alerts/src/generate/yaml.js';
import { needBinaries } from './helpers/system-binaries.js';

const availability = needBinaries('promtool');
const PROMTOOL = availability.run ? (availability.paths.promtool as string) : 'promtool';

interface Run {
  readonly code: number;
  readonly output: string;
}

const promtool = (args: readonly string[], cwd: string): Promise<Run> =>
  new Promise((resolve) => {
    execFile(PROMTOOL, [...args], { cwd, timeout: 15_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      resolve({ code, output: `${stdout}${stderr}` });
    });
  });

/** Fills a generated annotation template the way Prometheus does, for the parts the rules use. */
function expand(template: string, labels: Record<string, string>, value: string): string {
  return template
    .replace(/\{\{ \$labels\.([a-zA-Z0-9_]+) \}\}/g, (_, name: string) => labels[name] ?? '')
    .replace(/\{\{ \$value[^}]*\}\}/g, value);
}

function expected(
  options: PrometheusRuleOptions | undefined,
  alert: string,
  labels: Record<string, string>,
  value: string,
) {
  const rule = generatePrometheusRules(options).groups[0]?.rules.find(
    (candidate) => candidate.alert === alert,
  );
  if (rule === undefined) throw new Error(`no rule ${alert}`);
  const all = { ...labels, ...rule.labels };
  const annotations = Object.fromEntries(
    Object.entries(rule.annotations).map(([key, text]) => [key, expand(text, all, value)]),
  );
  return { exp_labels: all, exp_annotations: annotations };
}

const series = (name: string, labels: Record<string, string>, values: string) => ({
  series: `${name}{${Object.entries(labels)
    .map(([key, value]) => `${key}=${JSON.stringify(value)}`)
    .join(', ')}}`,
  values,
});
const target = { job: 'agents', instance: 'bot-1:9464' };
const agent = (name: string) => ({ ...target, gen_ai_agent_name: name });

/** Heartbeat timestamps sampled every 15 s: a beat every `every` s until `stopAt` s, then the value freezes. */
function heartbeats(every: number, stopAt: number, samples: number): string {
  const values: number[] = [];
  for (let sample = 0; sample < samples; sample++) {
    const t = Math.min(sample * 15, stopAt);
    values.push(Math.floor(t / every) * every);
  }
  return values.join(' ');
}

function unitTests(
  rulesFile: string,
  options: PrometheusRuleOptions | undefined,
  costOver: string,
  costUnder: string,
) {
  const heartbeatTest = {
    name: 'AgentHeartbeatStale fires for a frozen heartbeat, not for one that is at most 45 s old',
    interval: '15s',
    input_series: [
      series('agent_heartbeat_timestamp_seconds', agent('stalled'), heartbeats(15, 300, 60)),
      series('agent_heartbeat_timestamp_seconds', agent('every-minute'), heartbeats(60, 10_000, 60)),
    ],
    alert_rule_test: [
      { eval_time: '5m45s', alertname: 'AgentHeartbeatStale', exp_alerts: [] },
      {
        eval_time: '7m',
        alertname: 'AgentHeartbeatStale',
        exp_alerts: [expected(options, 'AgentHeartbeatStale', agent('stalled'), '2m 0s')],
      },
      {
        eval_time: '14m',
        alertname: 'AgentHeartbeatStale',
        exp_alerts: [expected(options, 'AgentHeartbeatStale', agent('stalled'), '9m 0s')],
      },
    ],
  };
  const costTest = {
    name: 'AgentCostSpike fires above the hourly budget and not below it',
    interval: '1m',
    input_series: [
      series('agent_cost_USD_total', { ...agent('spender'), gen_ai_request_model: 'm' }, `0+${costOver}x180`),
      series('agent_cost_USD_total', { ...agent('saver'), gen_ai_request_model: 'm' }, `0+${costUnder}x180`),
    ],
    alert_rule_test: [
      {
        eval_time: '2h',
        alertname: 'AgentCostSpike',
        exp_alerts: [
          expected(options, 'AgentCostSpike', agent('spender'), (Number(costOver) * 60).toFixed(2)),
        ],
      },
    ],
  };
  const sentimentTest = {
    name: 'AgentNegativeSentiment fires above 30 % negative, not below, not on too few messages',
    interval: '1m',
    input_series: [
      series(
        'agent_sentiment_messages_total',
        { ...agent('grumpy'), agent_sentiment_label: 'negative' },
        '0+31x60',
      ),
      series(
        'agent_sentiment_messages_total',
        { ...agent('grumpy'), agent_sentiment_label: 'neutral' },
        '0+69x60',
      ),
      series(
        'agent_sentiment_messages_total',
        { ...agent('calm'), agent_sentiment_label: 'negative' },
        '0+29x60',
      ),
      series(
        'agent_sentiment_messages_total',
        { ...agent('calm'), agent_sentiment_label: 'positive' },
        '0+71x60',
      ),
      series(
        'agent_sentiment_messages_total',
        { ...agent('quiet'), agent_sentiment_label: 'negative' },
        '0+0.1x60',
      ),
      series(
        'agent_sentiment_messages_total',
        { ...agent('quiet'), agent_sentiment_label: 'neutral' },
        '0+0.1x60',
      ),
    ],
    alert_rule_test: [
      { eval_time: '5m', alertname: 'AgentNegativeSentiment', exp_alerts: [] },
      {
        eval_time: '20m',
        alertname: 'AgentNegativeSentiment',
        exp_alerts: [expected(options, 'AgentNegativeSentiment', { gen_ai_agent_name: 'grumpy' }, '31%')],
      },
    ],
  };
  const targetDownTest = {
    name: 'AgentTargetDown fires for a vanished agent process, not for other targets',
    interval: '1m',
    input_series: [
      series('up', target, '1 1 1 1 1 0 0 0 0 0 0'),
      series('agent_process_heartbeat_timestamp_seconds', target, '0 60 120 180 240'),
      series('up', { job: 'other', instance: 'db:9100' }, '0 0 0 0 0 0 0 0 0 0 0'),
    ],
    alert_rule_test: [
      { eval_time: '5m', alertname: 'AgentTargetDown', exp_alerts: [] },
      {
        eval_time: '7m',
        alertname: 'AgentTargetDown',
        exp_alerts: [expected(options, 'AgentTargetDown', target, '0')],
      },
    ],
  };
  const replica = (name: string, index: number) => ({
    job: 'agents',
    instance: `replica-${index}:9464`,
    gen_ai_agent_name: name,
    gen_ai_request_model: 'm',
  });
  const fleetCostTest = {
    name: 'AgentFleetCostSpike sums spend over the replicas: 5 x 4.8 USD/h fires, 3 x 4.8 does not, no replica over its own cap',
    interval: '1m',
    input_series: [
      ...[0, 1, 2, 3, 4].map((index) =>
        series('agent_cost_USD_total', replica('swarm', index), '0+0.08x180'),
      ),
      ...[0, 1, 2].map((index) => series('agent_cost_USD_total', replica('trio', index), '0+0.08x180')),
    ],
    alert_rule_test: [
      {
        eval_time: '2h',
        alertname: 'AgentFleetCostSpike',
        exp_alerts: [expected(options, 'AgentFleetCostSpike', { gen_ai_agent_name: 'swarm' }, '24.00')],
      },
      { eval_time: '2h', alertname: 'AgentCostSpike', exp_alerts: [] },
    ],
  };
  const host = { job: 'agents', instance: 'host-1:9464' };
  const killed = { job: 'agents', instance: 'host-2:9464' };
  const vanishedTest = {
    name: 'AgentVanished fires for an agent whose series go stale on a live target; a killed target fires AgentTargetDown only',
    interval: '1m',
    input_series: [
      series('up', host, '1x12'),
      series(
        'agent_heartbeat_timestamp_seconds',
        { ...host, gen_ai_agent_name: 'gone' },
        '0 60 120 180 240 stale',
      ),
      series('agent_heartbeat_timestamp_seconds', { ...host, gen_ai_agent_name: 'alive' }, '0+60x12'),
      series('up', killed, '1 1 1 1 1 0 0 0 0 0 0 0 0'),
      series(
        'agent_heartbeat_timestamp_seconds',
        { ...killed, gen_ai_agent_name: 'dead' },
        '0 60 120 180 240 stale',
      ),
    ],
    alert_rule_test: [
      { eval_time: '4m', alertname: 'AgentVanished', exp_alerts: [] },
      { eval_time: '4m', alertname: 'AgentTargetDown', exp_alerts: [] },
      {
        eval_time: '8m',
        alertname: 'AgentVanished',
        exp_alerts: [expected(options, 'AgentVanished', { gen_ai_agent_name: 'gone', job: 'agents' }, '1')],
      },
      {
        eval_time: '8m',
        alertname: 'AgentTargetDown',
        exp_alerts: [expected(options, 'AgentTargetDown', killed, '0')],
      },
    ],
  };
  const looping = { ...agent('looping'), agent_breaker_name: 'agent' };
  const breakerTest = {
    name: 'AgentBreakerOpen fires for a breaker failing its trials (open <-> half-open), not for a brief trip',
    interval: '30s',
    input_series: [
      series('agent_breaker_state', looping, '0 0 0 0 2 1 2 1 2 1 2 1 2 1 2 1'),
      series(
        'agent_breaker_state',
        { ...agent('blip'), agent_breaker_name: 'agent' },
        '0 0 0 0 2 0 0 0 0 0 0 0 0 0 0 0',
      ),
    ],
    alert_rule_test: [
      { eval_time: '4m', alertname: 'AgentBreakerOpen', exp_alerts: [] },
      {
        eval_time: '6m',
        alertname: 'AgentBreakerOpen',
        exp_alerts: [expected(options, 'AgentBreakerOpen', looping, '1')],
      },
    ],
  };
  return {
    rule_files: [rulesFile],
    evaluation_interval: '15s',
    tests: [heartbeatTest, costTest, fleetCostTest, sentimentTest, targetDownTest, vanishedTest, breakerTest],
  };
}

describe.skipIf(!availability.run)('generated rules in the real promtool', () => {
  let dir = '';

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'agentvitals-promtool-'));
  });
  afterAll(async () => {
    if (dir !== '') await rm(dir, { recursive: true, force: true });
  });

  const check = async (name: string, content: string, command: 'check' | 'test') => {
    await writeFile(join(dir, name), content, 'utf8');
    return promtool([command, 'rules', name], dir);
  };

  it('passes promtool check rules, in YAML and in JSON', async () => {
    const yaml = await check('rules.yml', renderPrometheusRules(), 'check');
    expect(yaml.output).toContain('SUCCESS: 14 rules found');
    expect(yaml.code).toBe(0);
    const json = await check('rules.json', JSON.stringify(generatePrometheusRules()), 'check');
    expect(json.code, json.output).toBe(0);
  });

  it('fires AgentCostSpike, AgentFleetCostSpike, AgentHeartbeatStale, AgentNegativeSentiment, AgentTargetDown, AgentVanished and AgentBreakerOpen at their thresholds', async () => {
    await check('rules.yml', renderPrometheusRules(), 'check');
    const run = await check(
      'rules.test.yml',
      toYaml(unitTests('rules.yml', undefined, '0.09', '0.08') as YamlValue),
      'test',
    );
    expect(run.output).toContain('SUCCESS');
    expect(run.code, run.output).toBe(0);
  });

  it('fails when the expectation is wrong, so the unit tests above can fail', async () => {
    await check('rules.yml', renderPrometheusRules(), 'check');
    // 4.8 USD per hour is below the budget: expecting it to fire must fail.
    const run = await check(
      'wrong.test.yml',
      toYaml(unitTests('rules.yml', undefined, '0.08', '0.07') as YamlValue),
      'test',
    );
    expect(run.code).not.toBe(0);
    expect(run.output).toContain('AgentCostSpike');
  });

  it('moves the thresholds with the options, and keeps unusual label values intact', async () => {
    const options: PrometheusRuleOptions = {
      labels: { team: `a "quoted" 'value' \t #: - with\nnewline \u0085 é 😀` },
      rules: { AgentCostSpike: { threshold: 10, severity: 'warning' } },
    };
    await writeFile(join(dir, 'custom.yml'), renderPrometheusRules(options), 'utf8');
    const checked = await promtool(['check', 'rules', 'custom.yml'], dir);
    expect(checked.code, checked.output).toBe(0);
    // 10.8 USD per hour fires above a budget of 10; 9.6 does not.
    const run = await check(
      'custom.test.yml',
      toYaml(unitTests('custom.yml', options, '0.18', '0.16') as YamlValue),
      'test',
    );
    expect(run.code, run.output).toBe(0);
  });

  it('parses every dashboard query as PromQL', async () => {
    const dashboard = generateGrafanaDashboard();
    const rules = dashboard.panels.flatMap((panel) =>
      (panel.targets ?? []).map((query, index) => ({
        record: `dashboard:panel_${panel.id}:${index}`,
        expr: query.expr
          .replaceAll('$__rate_interval', '5m')
          .replaceAll('$__range', '1h')
          .replaceAll('$agent', '.*'),
      })),
    );
    expect(rules.length).toBeGreaterThan(15);
    const run = await check(
      'dashboard-queries.yml',
      toYaml({ groups: [{ name: 'dashboard', rules }] }),
      'check',
    );
    expect(run.code, run.output).toBe(0);
  });
});
