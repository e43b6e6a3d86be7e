// The batched counters (agent.tool.calls, agent.actions, agent.cost, agent.runs) through start():
// on the first scrape, in OTLP exports and the last one of shutdown, and not at all when disabled.
import { createVitals } from '@agentvitals/core';
import { type AgentVitalsNode, start } from '@agentvitals/node';
import { afterEach, describe, expect, it } from 'vitest';
import { type OtlpReceiver, startOtlpReceiver } from './helpers/otlp-receiver.js';

const quiet = { write() {} };
type Options = NonNullable<Parameters<typeof start>[0]>;
const PRICING = { 'model-a': { input: 0.37, output: 1.13 } };
const USAGES = [
  [123, 457],
  [7, 3],
  [1_234, 5_678],
] as const;
/** The cost a plain counter would hold: the SDK adds each call's cost in order from 0. */
const COST = USAGES.reduce((sum, [input, output]) => sum + (input * 0.37 + output * 1.13) / 1_000_000, 0);

const started: AgentVitalsNode[] = [];
let receiver: OtlpReceiver | undefined;
async function boot(options: Options): Promise<AgentVitalsNode> {
  const av = await start({
    agentName: 'bot',
    signals: false,
    env: {},
    prometheus: { port: 0 },
    logger: { destination: quiet },
    metrics: { processMetrics: false },
    vitals: { pricing: PRICING },
    ...options,
  });
  started.push(av);
  return av;
}
afterEach(async () => {
  await Promise.all(started.splice(0).map((av) => av.shutdown()));
  await receiver?.close();
  receiver = undefined;
});

async function workload(av: AgentVitalsNode) {
  const search = av.vitals.tool('search', async (fail: boolean) => {
    await new Promise((resolve) => setTimeout(resolve, 1));
    if (fail) throw new Error('no results');
    return 'found';
  });
  await Promise.all([search(false), search(false), search(true).catch(() => undefined)]);
  await av.vitals.run(async () => 'done');
  await av.vitals.run(async () => Promise.reject(new Error('failed'))).catch(() => undefined);
  for (const [inputTokens, outputTokens] of USAGES)
    av.vitals.usage({ model: 'model-a', inputTokens, outputTokens });
}

/** `name{labels} value` lines of a scrape, as `name{labels}` → value. */
async function scrape(av: AgentVitalsNode): Promise<Map<string, number>> {
  const text = await (await fetch(av.prometheus!.url)).text();
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = /^(agent_(?:tool_calls|runs|actions|cost)[A-Za-z_]*)\{(.*)\} (\S+)$/.exec(line);
    if (match === null) continue;
    const labels = match[2]!
      .split(',')
      .filter((label) => /^(agent_tool_outcome|agent_run_outcome|gen_ai_tool_name)=/.test(label));
    samples.set(`${match[1]}{${labels.join(',')}}`, Number(match[3]));
  }
  return samples;
}

const FIRST_SCRAPE = {
  'agent_tool_calls_total{gen_ai_tool_name="search",agent_tool_outcome="success"}': 2,
  'agent_tool_calls_total{gen_ai_tool_name="search",agent_tool_outcome="error"}': 1,
  'agent_runs_total{agent_run_outcome="success"}': 1,
  'agent_runs_total{agent_run_outcome="error"}': 1,
  'agent_actions_total{}': 3,
};

describe('start(): the batched counters', () => {
  it.each([
    ['traced', {}],
    ['metrics only', { tracing: false }],
  ])('are on the first Prometheus scrape after the calls (%s)', async (_, options) => {
    const av = await boot(options);
    await workload(av);
    const samples = await scrape(av);
    for (const [series, value] of Object.entries(FIRST_SCRAPE))
      expect(samples.get(series), series).toBe(value);
    const cost = [...samples].filter(([name]) => name.startsWith('agent_cost'));
    expect(cost).toHaveLength(1);
    expect(cost[0]![1]).toBe(COST);
  });

  it('reach an OTLP receiver with the last counts on shutdown, each series starting at its first call', async () => {
    receiver = await startOtlpReceiver();
    const av = await boot({
      prometheus: { enabled: false },
      otlp: { endpoint: receiver.endpoint, traces: false, logs: false },
      metrics: { processMetrics: false, exportIntervalMs: 3_600_000 },
    });
    const before = BigInt(Date.now()) * 1_000_000n;
    await workload(av);
    // Some time between the last call and the export, so a series starting at a call starts before it.
    await new Promise((resolve) => setTimeout(resolve, 5));
    await av.flush();
    await workload(av);
    await av.shutdown();
    expect(receiver.errors).toEqual([]);
    const last = (name: string) => receiver!.metrics.filter((metric) => metric.name === name).at(-1)!;
    const calls = last('agent.tool.calls');
    expect(calls.temporality).toBe(2);
    const byOutcome = Object.fromEntries(
      calls.points.map((p) => [p.attributes['agent.tool.outcome'], p.value]),
    );
    expect(byOutcome).toEqual({ success: 4, error: 2 });
    expect(last('agent.cost').points.map((p) => p.value)).toEqual([COST + COST]);
    const batched = new Set(['agent.tool.calls', 'agent.runs', 'agent.actions', 'agent.cost']);
    const exports = receiver.metrics.filter((metric) => batched.has(metric.name));
    expect(exports).toHaveLength(8);
    for (const { name, points } of exports) {
      for (const point of points) {
        expect(point.startTimeUnixNano, name).toBeGreaterThanOrEqual(before);
        expect(point.startTimeUnixNano, name).toBeLessThan(point.timeUnixNano);
      }
    }
  });

  it('a scrape racing periodic exports while calls run: every call counted once, in both', async () => {
    receiver = await startOtlpReceiver();
    const av = await boot({
      otlp: { endpoint: receiver.endpoint, traces: false, logs: false },
      metrics: { processMetrics: false, exportIntervalMs: 20 },
    });
    const tool = av.vitals.tool('echo', async (value: number) => {
      await new Promise((resolve) => setImmediate(resolve));
      return value;
    });
    let calls = 0;
    const scrapes: number[] = [];
    const deadline = Date.now() + 300;
    while (Date.now() < deadline) {
      const batch = Array.from({ length: 50 }, (_, index) => tool(index));
      const scraped = scrape(av);
      await Promise.all(batch);
      calls += batch.length;
      scrapes.push(
        (await scraped).get('agent_tool_calls_total{gen_ai_tool_name="echo",agent_tool_outcome="success"}') ??
          0,
      );
    }
    // Counters never go back, and a scrape after the last call has them all.
    expect(scrapes).toEqual([...scrapes].sort((a, b) => a - b));
    expect(
      (await scrape(av)).get('agent_tool_calls_total{gen_ai_tool_name="echo",agent_tool_outcome="success"}'),
    ).toBe(calls);
    await av.shutdown();
    const exported = receiver.metrics.filter((metric) => metric.name === 'agent.tool.calls');
    expect(exported.length).toBeGreaterThan(2);
    expect(exported.at(-1)!.points.map((p) => p.value)).toEqual([calls]);
  });

  it('export nothing when disabled', async () => {
    receiver = await startOtlpReceiver();
    const av = await boot({ disabled: true, otlp: { endpoint: receiver.endpoint } });
    expect(av.prometheus).toBeUndefined();
    await workload(av);
    await av.shutdown();
    expect(receiver.requests).toEqual([]);
  });

  it('a vitals instance created before start() stays dormant; one created after records', async () => {
    const early = createVitals({ agentName: 'early', tracing: false });
    const av = await boot({});
    const late = createVitals({ agentName: 'late', tracing: false });
    early.tool('search', () => 1)();
    late.tool('search', () => 1)();
    const text = await (await fetch(av.prometheus!.url)).text();
    expect(text).toMatch(/^agent_tool_calls_total\{gen_ai_agent_name="late".* 1$/m);
    expect(text).not.toContain('gen_ai_agent_name="early"');
  });
});
