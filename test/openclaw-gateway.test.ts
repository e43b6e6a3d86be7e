/**
 * The plugin on a real OpenClaw gateway: OpenClaw's own loader loads it, real agent turns
 * run against a scripted model on 127.0.0.1, and the checks read the plugin's /metrics and
 * an OTLP receiver. Opt-in (it installs openclaw, about 650 MB): AGENTVITALS_OPENCLAW=1,
 * after `npm run build`. `scripts/test-openclaw.sh` runs it the way CI does.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, type Gateway, PLUGIN_DIR, startGateway } from './helpers/openclaw-gateway.js';
import { type OtlpReceiver, startOtlpReceiver } from './helpers/otlp-receiver.js';
import {
  type ChatMessage,
  type ScriptedModelServer,
  startScriptedModelServer,
  textOf,
} from './helpers/scripted-model-server.js';

const enabled = process.env.AGENTVITALS_OPENCLAW === '1';

const BLOCKED = 'Agent Vitals blocked this tool call';
/** Pricing of the scripted model, USD per million tokens: 1 000 input + 200 output tokens cost 0.2 USD. */
const PRICE = { input: 100, output: 500 };
const COST_CAP_USD_PER_HOUR = 5;
const STALE_AFTER_MS = 8_000;

/** The scenario a conversation plays: the first user message names it. */
function script(victim: string) {
  return (messages: readonly ChatMessage[]) => {
    const user = messages
      .filter((message) => message.role === 'user')
      .map((message) => textOf(message.content));
    const scenario = /SCENARIO (\w+)/.exec(user.join('\n'))?.[1];
    const results = messages
      .filter((message) => message.role === 'tool')
      .map((message) => textOf(message.content));
    const blocked = results.filter((result) => result.includes(BLOCKED));
    if (scenario === 'basics') {
      if (results.length === 0)
        return { toolCalls: [{ name: 'exec', arguments: { command: 'echo vitals-ok' } }] };
      if (results.length === 1)
        return { toolCalls: [{ name: 'exec', arguments: { command: `rm -rf ${victim}` } }] };
      return { text: `basics done: ${results.join(' | ')}` };
    }
    if (scenario === 'loop') {
      // The same check over and over, its arguments varied so they never repeat exactly.
      if (blocked.length > 0 || results.length >= 12)
        return { text: `loop ended: ${blocked[0] ?? 'never blocked'}` };
      return {
        toolCalls: [{ name: 'exec', arguments: { command: `cat status.txt # attempt ${results.length}` } }],
      };
    }
    if (scenario === 'spend') {
      return { text: 'an expensive answer', usage: { prompt_tokens: 60_000, completion_tokens: 1_000 } };
    }
    return { text: 'hello' };
  };
}

interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

function parseExposition(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (match === null || line.startsWith('#')) continue;
    const labels: Record<string, string> = {};
    for (const pair of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[pair[1]!] = pair[2]!;
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return samples;
}

describe.skipIf(!enabled)('the plugin on a real OpenClaw gateway', () => {
  let model: ScriptedModelServer;
  let otlp: OtlpReceiver;
  let gateway: Gateway;
  let metricsUrl: string;
  let victim: string;

  const scrape = async () => parseExposition(await (await fetch(metricsUrl)).text());
  const sum = (samples: Sample[], name: string, labels: Record<string, string> = {}) =>
    samples
      .filter(
        (sample) =>
          sample.name === name &&
          Object.entries(labels).every(([key, value]) => sample.labels[key] === value),
      )
      .reduce((total, sample) => total + sample.value, 0);

  beforeAll(async () => {
    if (!existsSync(join(PLUGIN_DIR, 'dist', 'index.js')))
      throw new Error('build the packages first: npm run build');
    otlp = await startOtlpReceiver();
    const metricsPort = await freePort();
    metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
    let workspace = '';
    model = await startScriptedModelServer((messages) => script(victim)(messages));
    gateway = await startGateway({
      modelBaseUrl: model.baseUrl,
      agents: ['spender', 'warmup'],
      readyUrl: metricsUrl,
      prepareWorkspace: (dir) => {
        workspace = dir;
        victim = join(dir, 'precious');
        mkdirSync(victim);
        writeFileSync(join(victim, 'keep.txt'), 'do not delete');
        writeFileSync(join(dir, 'status.txt'), 'pending\n');
      },
      pluginConfig: {
        serviceName: 'openclaw-under-test',
        prometheus: { host: '127.0.0.1', port: metricsPort },
        otlp: { endpoint: otlp.endpoint, protocol: 'http/protobuf' },
        metrics: { exportIntervalMs: 1_000 },
        pricing: { 'scripted-1': PRICE },
        guard: {
          costCap: { usdPerHour: COST_CAP_USD_PER_HOUR },
          loops: { maxIdenticalCalls: 3, maxSameResults: 3, maxToolCallsPerRun: 8 },
          staleHeartbeatMs: STALE_AFTER_MS,
          evaluationIntervalMs: 500,
          breakerCoolDownMs: 3_000,
        },
      },
    });
    expect(workspace).not.toBe('');
    // The first turn of a fresh gateway prepares caches and may find the gateway still busy
    // starting: one warm-up turn on an agent of its own, retried, keeps the checks below exact.
    for (let attempt = 1; ; attempt++) {
      const warmup = await gateway.agent({
        agent: 'warmup',
        sessionKey: `agent:warmup:w${attempt}`,
        message: 'hello',
      });
      if (warmup.exitCode === 0) break;
      if (attempt === 3) throw new Error(`the warm-up turn failed 3 times: ${warmup.stderr}`);
    }
  }, 600_000);

  afterAll(async () => {
    await gateway?.stop();
    await model?.close();
    await otlp?.close();
  });

  it('records reasoning calls, tokens, cost and tool outcomes, and denies rm -rf before it runs', async () => {
    const turn = await gateway.agent({ sessionKey: 'agent:main:basics', message: 'SCENARIO basics' });
    expect(turn.exitCode, turn.stderr).toBe(0);
    expect(JSON.stringify(turn.json)).toContain('basics done');
    expect(existsSync(join(victim, 'keep.txt'))).toBe(true);

    const samples = await scrape();
    const main = { gen_ai_agent_name: 'main' };
    expect(
      sum(samples, 'agent_reasoning_duration_seconds_count', { ...main, gen_ai_request_model: 'scripted-1' }),
    ).toBe(3);
    expect(
      sum(samples, 'agent_tool_calls_total', {
        ...main,
        gen_ai_tool_name: 'exec',
        agent_tool_outcome: 'success',
      }),
    ).toBe(1);
    expect(
      sum(samples, 'agent_tool_calls_total', {
        ...main,
        gen_ai_tool_name: 'exec',
        agent_tool_outcome: 'denied',
      }),
    ).toBe(1);
    expect(
      sum(samples, 'agent_tool_duration_seconds_count', { ...main, agent_tool_outcome: 'success' }),
    ).toBe(1);
    expect(sum(samples, 'gen_ai_client_token_usage_sum', { ...main, gen_ai_token_type: 'input' })).toBe(
      3_000,
    );
    expect(sum(samples, 'gen_ai_client_token_usage_sum', { ...main, gen_ai_token_type: 'output' })).toBe(600);
    expect(sum(samples, 'agent_cost_USD_total', main)).toBeCloseTo(0.6, 6);
    expect(sum(samples, 'agent_runs_total', { ...main, agent_run_outcome: 'success' })).toBe(1);
    expect(sum(samples, 'agent_heartbeat_timestamp_seconds', main)).toBeGreaterThan(Date.now() / 1000 - 120);
    // The denial reached the model as the tool's result, with the reason.
    const toolResults = model.requests.flatMap((request) =>
      request.messages.filter((m) => m.role === 'tool'),
    );
    expect(toolResults.map((m) => textOf(m.content)).join('\n')).toMatch(/rm-recursive-force/);

    await otlp.waitFor(
      () =>
        otlp.metrics.some((metric) => metric.name === 'agent.tool.calls') &&
        otlp.spans.some((span) => span.name === 'execute_tool exec') &&
        otlp.spans.some((span) => span.name === 'invoke_agent main'),
      30_000,
      'OTLP metrics and spans from the gateway',
    );
    const spanNames = new Set(otlp.spans.map((span) => span.name));
    expect(spanNames).toContain('chat scripted-1');
    expect(spanNames).toContain('invoke_agent main');
  }, 300_000);

  it('stops a looping tool whose arguments vary', async () => {
    const turn = await gateway.agent({ sessionKey: 'agent:main:loop', message: 'SCENARIO loop' });
    expect(turn.exitCode, turn.stderr).toBe(0);
    const answer = JSON.stringify(turn.json);
    expect(answer).toContain('loop ended');
    expect(answer).not.toContain('never blocked');
    expect(answer).toMatch(/AgentRepeatedToolCalls|more than 8 tool calls in one run/);
    const samples = await scrape();
    expect(
      sum(samples, 'agent_tool_calls_total', { gen_ai_agent_name: 'main', agent_tool_outcome: 'blocked' }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sum(samples, 'agent_tool_calls_total', { gen_ai_agent_name: 'main', agent_tool_outcome: 'success' }),
    ).toBeLessThanOrEqual(1 + 8);
  }, 200_000);

  it('reaches the per-agent cost cap, then refuses the next run before the model is asked', async () => {
    const first = await gateway.agent({
      agent: 'spender',
      sessionKey: 'agent:spender:one',
      message: 'SCENARIO spend',
    });
    expect(first.exitCode, first.stderr).toBe(0);
    let samples = await scrape();
    const spender = { gen_ai_agent_name: 'spender' };
    // 60 000 input and 1 000 output tokens at 100 and 500 USD per million: 6.5 USD, over the 5 USD/h cap.
    expect(sum(samples, 'agent_cost_USD_total', spender)).toBeCloseTo(6.5, 6);
    expect(sum(samples, 'agent_alerts_total', { ...spender, agent_alert_name: 'AgentCostSpike' })).toBe(1);

    const requestsBefore = model.requests.length;
    const second = await gateway.agent({
      agent: 'spender',
      sessionKey: 'agent:spender:two',
      message: 'SCENARIO spend',
    });
    expect(JSON.stringify(second.json ?? second.stdout + second.stderr)).toMatch(/paused by Agent Vitals/);
    expect(model.requests.length).toBe(requestsBefore);
    samples = await scrape();
    expect(sum(samples, 'agent_tool_calls_total', { ...spender })).toBe(0);
    // The other agent is not capped by this one's spend.
    expect(
      sum(samples, 'agent_alerts_total', { gen_ai_agent_name: 'main', agent_alert_name: 'AgentCostSpike' }),
    ).toBe(0);
  }, 200_000);

  it('alerts on a stale heartbeat once the agent stops', async () => {
    const stale = { gen_ai_agent_name: 'spender', agent_alert_name: 'AgentHeartbeatStale' };
    const before = sum(await scrape(), 'agent_alerts_total', stale);
    await new Promise((resolve) => setTimeout(resolve, STALE_AFTER_MS + 2_500));
    const samples = await scrape();
    expect(sum(samples, 'agent_alerts_total', stale)).toBe(before + 1);
    // The process heartbeat keeps going: the gateway itself is alive.
    expect(sum(samples, 'agent_process_heartbeat_timestamp_seconds')).toBeGreaterThan(Date.now() / 1000 - 30);
  }, 60_000);
});
