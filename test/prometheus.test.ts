import {
  ATTR_AGENT_QUEUE_NAME,
  ATTR_AGENT_SENTIMENT_LABEL,
  ATTR_AGENT_TOOL_OUTCOME,
  ATTR_GEN_AI_AGENT_NAME,
  ATTR_GEN_AI_TOKEN_TYPE,
  DURATION_BUCKETS_SECONDS,
  METRIC_AGENT_COST,
  METRIC_AGENT_ESCALATION_BACKLOG,
  METRIC_AGENT_ESCALATIONS,
  METRIC_AGENT_HEARTBEAT_TIMESTAMP,
  METRIC_AGENT_QUEUE_DEPTH,
  METRIC_AGENT_REASONING_DURATION,
  METRIC_AGENT_RUNS,
  METRIC_AGENT_SENTIMENT_MESSAGES,
  METRIC_AGENT_TOKENS_PER_ACTION,
  METRIC_AGENT_TOOL_CALLS,
  METRIC_GEN_AI_CLIENT_TOKEN_USAGE,
} from '@agentvitals/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChildHandle, spawnTypeScript } from './helpers/demo-process.js';
import {
  freePort,
  type PrometheusServer,
  prometheusAvailability,
  startPrometheus,
} from './helpers/prometheus.js';

const availability = prometheusAvailability();
const TICKETS = 24;
const label = (attribute: string) => attribute.replace(/\./g, '_');
const AGENT = `${label(ATTR_GEN_AI_AGENT_NAME)}="support-bot"`;
const sum = (samples: Array<{ value: number }>) => samples.reduce((total, sample) => total + sample.value, 0);

describe.skipIf(!availability.run)('a real Prometheus scraping the demo', () => {
  let prometheus: PrometheusServer;
  let demo: ChildHandle;
  let demoStartedAt: number;

  beforeAll(async () => {
    const port = await freePort();
    // Prometheus first, so its scrapes see the queue while the demo works through it.
    prometheus = await startPrometheus({ targets: [`127.0.0.1:${port}`], scrapeInterval: '1s' });
    demoStartedAt = Date.now() / 1000;
    demo = spawnTypeScript('examples/support-bot/src/main.ts', [
      '--port',
      String(port),
      '--tickets',
      String(TICKETS),
      '--concurrency',
      '2',
      '--linger',
      '60',
    ]);
    await demo.waitForOutput('Serving http://127.0.0.1', 40_000);
    // The run is over: every series is final once Prometheus has scraped after it.
    await prometheus.waitForQuery(
      `sum(${METRIC_AGENT_RUNS.prometheusName}{${AGENT}})`,
      (s) => sum(s) === TICKETS,
      20_000,
    );
  });

  afterAll(async () => {
    await demo?.stop();
    await prometheus?.stop();
  });

  it('scrapes the demo target as healthy', async () => {
    const targets = await prometheus.targets();
    expect(targets).toHaveLength(1);
    expect(targets[0]?.health).toBe('up');
  });

  it('counts every ticket as one run', async () => {
    const runs = await prometheus.query(`${METRIC_AGENT_RUNS.prometheusName}{${AGENT}}`);
    expect(sum(runs)).toBe(TICKETS);
    expect(runs.every((s) => ['success', 'error'].includes(s.metric.agent_run_outcome ?? ''))).toBe(true);
  });

  it('records tool calls by outcome, with the flaky tool failing and the policy denying', async () => {
    const calls = await prometheus.query(
      `sum by (${label(ATTR_AGENT_TOOL_OUTCOME)}) (${METRIC_AGENT_TOOL_CALLS.prometheusName}{${AGENT}})`,
    );
    const byOutcome = Object.fromEntries(
      calls.map((s) => [s.metric[label(ATTR_AGENT_TOOL_OUTCOME)], s.value]),
    );
    expect(byOutcome.success).toBeGreaterThan(TICKETS);
    expect(byOutcome.error).toBeGreaterThan(0);
    expect(byOutcome.denied).toBeGreaterThan(0);
    const failing = await prometheus.query(
      `${METRIC_AGENT_TOOL_CALLS.prometheusName}{${AGENT},${label(ATTR_AGENT_TOOL_OUTCOME)}="error"}`,
    );
    expect(new Set(failing.map((s) => s.metric.gen_ai_tool_name))).toEqual(
      new Set(['ticketing.update_ticket']),
    );
  });

  it('exposes the reasoning histogram with the GenAI duration buckets', async () => {
    const buckets = await prometheus.query(
      `sum by (le) (${METRIC_AGENT_REASONING_DURATION.prometheusName}_bucket{${AGENT}})`,
    );
    const bounds = buckets
      .map((s) => s.metric.le)
      .filter((le) => le !== '+Inf')
      .map(Number)
      .sort((a, b) => a - b);
    expect(bounds).toEqual([...DURATION_BUCKETS_SECONDS]);
    const count = await prometheus.query(
      `sum(${METRIC_AGENT_REASONING_DURATION.prometheusName}_count{${AGENT}})`,
    );
    expect(sum(count)).toBeGreaterThanOrEqual(TICKETS * 2);
    const models = await prometheus.query(
      `${METRIC_AGENT_REASONING_DURATION.prometheusName}_count{${AGENT}}`,
    );
    expect(models.map((s) => s.metric.gen_ai_request_model)).toContain('gpt-4o-mini');
    const p95 = await prometheus.query(
      `histogram_quantile(0.95, sum by (le) (${METRIC_AGENT_REASONING_DURATION.prometheusName}_bucket{${AGENT}}))`,
    );
    expect(p95[0]?.value).toBeGreaterThan(0.01);
    expect(p95[0]?.value).toBeLessThan(1);
  });

  it('records input and output tokens, tokens per action and a positive cost', async () => {
    const tokens = await prometheus.query(
      `sum by (${label(ATTR_GEN_AI_TOKEN_TYPE)}) (${METRIC_GEN_AI_CLIENT_TOKEN_USAGE.prometheusName}_sum{${AGENT}})`,
    );
    const byType = Object.fromEntries(tokens.map((s) => [s.metric[label(ATTR_GEN_AI_TOKEN_TYPE)], s.value]));
    expect(byType.input).toBeGreaterThan(byType.output ?? Number.POSITIVE_INFINITY);
    expect(byType.output).toBeGreaterThan(0);
    const perAction = await prometheus.query(
      `sum(${METRIC_AGENT_TOKENS_PER_ACTION.prometheusName}_count{${AGENT}})`,
    );
    expect(sum(perAction)).toBeGreaterThan(0);
    const cost = await prometheus.query(
      `sum(${METRIC_AGENT_COST.prometheusName}{${AGENT},gen_ai_request_model="gpt-4o-mini"})`,
    );
    expect(sum(cost)).toBeGreaterThan(0);
    expect(sum(cost)).toBeLessThan(1);
  });

  it('keeps the agent heartbeat recent and the queue drained', async () => {
    const heartbeat = await prometheus.query(`${METRIC_AGENT_HEARTBEAT_TIMESTAMP.prometheusName}{${AGENT}}`);
    expect(heartbeat).toHaveLength(1);
    expect(heartbeat[0]?.value).toBeGreaterThanOrEqual(demoStartedAt - 1);
    expect(heartbeat[0]?.value).toBeLessThanOrEqual(Date.now() / 1000 + 1);
    const depth = await prometheus.query(
      `${METRIC_AGENT_QUEUE_DEPTH.prometheusName}{${AGENT},${label(ATTR_AGENT_QUEUE_NAME)}="tickets"}`,
    );
    expect(depth.map((s) => s.value)).toEqual([0]);
    const maxDepth = await prometheus.query(
      `max_over_time(${METRIC_AGENT_QUEUE_DEPTH.prometheusName}{${AGENT}}[5m])`,
    );
    expect(maxDepth[0]?.value).toBeGreaterThan(0);
  });

  it('counts escalations by reason and sentiment messages by label', async () => {
    const escalations = await prometheus.query(`${METRIC_AGENT_ESCALATIONS.prometheusName}{${AGENT}}`);
    expect(sum(escalations)).toBeGreaterThan(0);
    expect(escalations.map((s) => s.metric.agent_escalation_reason)).toContain('angry_customer');
    const backlog = await prometheus.query(`${METRIC_AGENT_ESCALATION_BACKLOG.prometheusName}{${AGENT}}`);
    expect(backlog[0]?.value).toBeGreaterThan(0);
    expect(backlog[0]?.value).toBeLessThanOrEqual(sum(escalations));
    const sentiment = await prometheus.query(
      `sum by (${label(ATTR_AGENT_SENTIMENT_LABEL)}) (${METRIC_AGENT_SENTIMENT_MESSAGES.prometheusName}{${AGENT}})`,
    );
    expect(sum(sentiment)).toBe(TICKETS);
    expect(sentiment.map((s) => s.metric[label(ATTR_AGENT_SENTIMENT_LABEL)]).sort()).toEqual(
      expect.arrayContaining(['negative', 'positive']),
    );
  });

  it('carries the resource in target_info', async () => {
    const info = await prometheus.query('target_info');
    expect(info).toHaveLength(1);
    expect(info[0]?.metric).toMatchObject({
      service_name: 'support-bot',
      deployment_environment_name: 'dev',
    });
    expect(info[0]?.metric.service_instance_id).toBeTruthy();
    expect(info[0]?.metric.gen_ai_agent_id).toBeTruthy();
  });

  it('leaves the demo process exiting cleanly on SIGTERM', async () => {
    await demo.stop();
    const { code, signal } = await demo.exited;
    expect(signal === 'SIGTERM' || code === 0).toBe(true);
    expect(demo.stderr()).toContain('Vitals (read back from /metrics)');
  });
});

if (!availability.run) {
  describe('a real Prometheus', () => {
    it.skip(availability.reason, () => {});
  });
}
