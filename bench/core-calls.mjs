// The cost of one recorded call through core, against its reference in the same process,
// in interleaved rounds (every case runs once per round, in turn), with the median and the
// spread over rounds. Runs against the build (`npm run build` first).
//
//   node --expose-gc bench/core-calls.mjs                      # 11 rounds, ~40 ms of CPU per case and round
//   node --expose-gc bench/core-calls.mjs --quick              # 3 short rounds: a smoke test, no thresholds
//   node --expose-gc bench/core-calls.mjs --rounds=21 --sample-ms=80
//   node --expose-gc bench/core-calls.mjs --out bench/results/core-calls-<date>.md
//
// Rows: a tool call through wrap(agent) against vitals.tool; vitals.reasoning with
// an OpenAI response against hand-written OTel recording the same; metrics-only mode against
// hand-written metrics-only code; nothing registered against a bare call; vitals.tool against
// hand-written OTel recording the same span and four metric points.
import { writeFileSync } from 'node:fs';
import { context, metrics, SpanKind, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { TracerProvider } from '@opentelemetry/sdk-trace';
import {
  createVitals,
  METRIC_AGENT_COST,
  METRIC_AGENT_REASONING_DURATION,
  METRIC_AGENT_TOKENS_PER_ACTION,
  METRIC_AGENT_TOOL_DURATION,
  METRIC_GEN_AI_CLIENT_TOKEN_USAGE,
  wrap,
} from '../packages/core/dist/index.js';
import { DISCARD_SPANS, PullReader } from './pull-reader.mjs';

const quick = process.argv.includes('--quick');
const argument = (name) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
const ROUNDS = Number(argument('rounds') ?? (quick ? 3 : 11));
const N = Number(process.env.BENCH_ITERATIONS ?? (quick ? 2_000 : 20_000));

// Spans are sampled and ended but exported nowhere: the cost measured is the SDK's and ours.
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
const providers = () => ({
  meterProvider: new MeterProvider({ readers: [new PullReader()] }),
  tracerProvider: new TracerProvider({ spanProcessors: [DISCARD_SPANS] }),
});

let sink = 0;
const search = (query) => query.length + 1;
const QUERIES = Array.from({ length: 8 }, (_, i) => `q${i}`);
const response = {
  id: 'chatcmpl-1',
  object: 'chat.completion',
  model: 'gpt-4o-mini-2024-07-18',
  choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: 'ok' } }],
  usage: {
    prompt_tokens: 900,
    completion_tokens: 120,
    total_tokens: 1020,
    prompt_tokens_details: { cached_tokens: 0 },
  },
};
const model = () => response;

// The hand-written references create their instruments as the catalog does (same names, units
// and bucket boundaries), so the SDK does the same work per point for both sides.
const adviceOf = (definition) => ({
  unit: definition.unit,
  ...(definition.buckets ? { advice: { explicitBucketBoundaries: [...definition.buckets] } } : {}),
});

// ---- cases: name -> (i) => number -------------------------------------------------------
const cases = new Map();

cases.set('bare call', (i) => search(QUERIES[i & 7]));

// Hand-written OTel: what vitals.tool records, written out as a user would.
function handWrittenTool(p, { tracing = true } = {}) {
  const meter = p.meterProvider.getMeter('hand-written');
  const tracer = p.tracerProvider.getTracer('hand-written');
  const calls = meter.createCounter('agent.tool.calls');
  const duration = meter.createHistogram('agent.tool.duration', adviceOf(METRIC_AGENT_TOOL_DURATION));
  const actions = meter.createCounter('agent.actions');
  const tokensPerAction = meter.createHistogram(
    'agent.tokens_per_action',
    adviceOf(METRIC_AGENT_TOKENS_PER_ACTION),
  );
  const agent = { 'gen_ai.agent.name': 'bench' };
  const attributes = {
    'gen_ai.agent.name': 'bench',
    'gen_ai.tool.name': 'kb.search',
    'agent.tool.outcome': 'success',
  };
  if (!tracing) {
    return (i) => {
      const started = performance.now();
      const value = search(QUERIES[i & 7]);
      calls.add(1, attributes);
      duration.record((performance.now() - started) / 1000, attributes);
      actions.add(1, agent);
      tokensPerAction.record(0, agent);
      return value;
    };
  }
  return (i) => {
    const span = tracer.startSpan('execute_tool kb.search', {
      kind: SpanKind.INTERNAL,
      attributes: {
        'gen_ai.operation.name': 'execute_tool',
        'gen_ai.agent.name': 'bench',
        'gen_ai.tool.name': 'kb.search',
      },
    });
    const started = performance.now();
    const value = context.with(trace.setSpan(context.active(), span), () => search(QUERIES[i & 7]));
    calls.add(1, attributes);
    duration.record((performance.now() - started) / 1000, attributes);
    span.setAttribute('agent.tool.outcome', 'success');
    span.end();
    actions.add(1, agent);
    tokensPerAction.record(0, agent);
    return value;
  };
}

// Hand-written OTel: what vitals.reasoning records for an OpenAI response.
function handWrittenReasoning(p) {
  const meter = p.meterProvider.getMeter('hand-written');
  const tracer = p.tracerProvider.getTracer('hand-written');
  const reasoning = meter.createHistogram(
    'agent.reasoning.duration',
    adviceOf(METRIC_AGENT_REASONING_DURATION),
  );
  const tokens = meter.createHistogram(
    'gen_ai.client.token.usage',
    adviceOf(METRIC_GEN_AI_CLIENT_TOKEN_USAGE),
  );
  const cost = meter.createCounter('agent.cost', adviceOf(METRIC_AGENT_COST));
  const base = {
    'gen_ai.agent.name': 'bench',
    'gen_ai.request.model': 'gpt-4o-mini',
    'gen_ai.provider.name': 'openai',
  };
  const usageBase = { ...base, 'gen_ai.operation.name': 'chat' };
  const input = { ...usageBase, 'gen_ai.token.type': 'input' };
  const output = { ...usageBase, 'gen_ai.token.type': 'output' };
  return () => {
    const span = tracer.startSpan('chat gpt-4o-mini', {
      kind: SpanKind.CLIENT,
      attributes: {
        'gen_ai.operation.name': 'chat',
        'gen_ai.agent.name': 'bench',
        'gen_ai.request.model': 'gpt-4o-mini',
        'gen_ai.provider.name': 'openai',
      },
    });
    const started = performance.now();
    const result = context.with(trace.setSpan(context.active(), span), model);
    const durationSeconds = (performance.now() - started) / 1000;
    const { prompt_tokens: inputTokens, completion_tokens: outputTokens } = result.usage;
    const cachedTokens = result.usage.prompt_tokens_details.cached_tokens;
    tokens.record(inputTokens, input);
    tokens.record(outputTokens, output);
    cost.add((inputTokens * 0.15 + outputTokens * 0.6) / 1e6, base);
    span.setAttribute('gen_ai.usage.input_tokens', inputTokens);
    span.setAttribute('gen_ai.usage.output_tokens', outputTokens);
    // The response reports cached input tokens (0 here); vitals.reasoning records them too.
    span.setAttribute('gen_ai.usage.cache_read.input_tokens', cachedTokens);
    span.setAttribute('gen_ai.response.model', result.model);
    reasoning.record(durationSeconds, base);
    span.end();
    return result.usage.prompt_tokens;
  };
}

{
  const p = providers();
  cases.set('hand-written OTel tool call (span + 4 points)', handWrittenTool(p));
  cases.set('hand-written OTel reasoning (span + 4 points)', handWrittenReasoning(p));
}
// Metrics only: providers of its own, as the metrics-only vitals instance below has.
cases.set(
  'hand-written OTel tool call, metrics only (4 points)',
  handWrittenTool(providers(), { tracing: false }),
);
{
  const vitals = createVitals({ agentName: 'bench', ...providers() });
  const tool = vitals.tool('kb.search', search);
  cases.set('vitals.tool', (i) => tool(QUERIES[i & 7]));
  const agent = wrap({ tools: { 'kb.search': search } }, { vitals });
  const tools = agent.tools;
  cases.set('wrap(agent).tools[name]()', (i) => tools['kb.search'](QUERIES[i & 7]));
  cases.set(
    'vitals.reasoning (OpenAI response)',
    () => vitals.reasoning(model, { model: 'gpt-4o-mini', provider: 'openai' }).usage.prompt_tokens,
  );
}
{
  const vitals = createVitals({ agentName: 'bench', tracing: false, ...providers() });
  const tool = vitals.tool('kb.search', search);
  cases.set('vitals.tool, metrics-only mode (tracing: false)', (i) => tool(QUERIES[i & 7]));
}
{
  // Nothing registered: the global providers are the API's no-op ones.
  const noopTracer = trace.getTracer('hand-written');
  const noopMeter = metrics.getMeter('hand-written');
  const calls = noopMeter.createCounter('agent.tool.calls');
  const attributes = { 'gen_ai.tool.name': 'kb.search' };
  cases.set('no SDK: hand-written OTel on the no-op API', (i) => {
    const span = noopTracer.startSpan('execute_tool kb.search');
    const value = context.with(trace.setSpan(context.active(), span), () => search(QUERIES[i & 7]));
    calls.add(1, attributes);
    span.end();
    return value;
  });
  const vitals = createVitals({ agentName: 'bench-noop' });
  const tool = vitals.tool('kb.search', search);
  cases.set('no SDK: vitals.tool', (i) => tool(QUERIES[i & 7]));
  const tools = wrap({ tools: { 'kb.search': search } }, { vitals }).tools;
  cases.set('no SDK: wrap(agent).tools[name]()', (i) => tools['kb.search'](QUERIES[i & 7]));
  cases.set(
    'no SDK: vitals.reasoning',
    () => vitals.reasoning(model, { model: 'gpt-4o-mini' }).usage.prompt_tokens,
  );
}

// ---- interleaved rounds --------------------------------------------------------------
// Time is this process's CPU time (user + system, `process.cpuUsage`), not wall time: on a
// shared machine other processes' load stretches wall time but not the CPU a call uses.
// Each case runs enough calls per sample for about SAMPLE_MS of CPU (at least N).
const SAMPLE_MS = Number(argument('sample-ms') ?? (quick ? 5 : 40));
const cpuNs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) * 1000;
};
// Each case runs in a timing loop compiled for it alone (`new Function`): one loop shared by
// every case calls a different function each sample, so it deoptimises and is recompiled
// around whichever case runs (about 60 times a run), and what it inlines favours some cases
// over others. A loop per case gives each case the same monomorphic call site.
const iterations = new Map();
const loops = new Map(
  [...cases.keys()].map((name) => [
    name,
    new Function('fn', 'n', 'let sum = 0; for (let i = 0; i < n; i++) sum += fn(i); return sum;'),
  ]),
);
function timeOnce(name, fn) {
  const n = iterations.get(name);
  const loop = loops.get(name);
  const start = cpuNs();
  sink += loop(fn, n);
  return (cpuNs() - start) / n;
}
for (const [name, fn] of cases) {
  sink += loops.get(name)(fn, Math.min(N, 5_000)); // warm up
  const start = cpuNs();
  sink += loops.get(name)(fn, 2_000);
  const perCall = Math.max(1, (cpuNs() - start) / 2_000);
  iterations.set(name, Math.max(N, Math.ceil((SAMPLE_MS * 1e6) / perCall)));
}
const samples = new Map([...cases.keys()].map((name) => [name, []]));
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, fn] of cases) {
    globalThis.gc?.();
    samples.get(name).push(timeOnce(name, fn));
  }
}
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const stats = new Map(
  [...samples].map(([name, values]) => [
    name,
    { median: median(values), min: Math.min(...values), max: Math.max(...values) },
  ]),
);
/** The ratio per round, then its median and range: robust to a slow round hitting one case. */
function ratio(name, reference) {
  const a = samples.get(name);
  const b = samples.get(reference);
  const ratios = a.map((value, i) => value / b[i]);
  return { median: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios) };
}
function difference(name, reference) {
  const a = samples.get(name);
  const b = samples.get(reference);
  const diffs = a.map((value, i) => value - b[i]);
  return { median: median(diffs), min: Math.min(...diffs), max: Math.max(...diffs) };
}

const rows = [
  ['a tool call through wrap(agent)', 'wrap(agent).tools[name]()', 'vitals.tool', '≤ 1.05×'],
  [
    'vitals.reasoning with an OpenAI response',
    'vitals.reasoning (OpenAI response)',
    'hand-written OTel reasoning (span + 4 points)',
    '≤ 1.15×',
  ],
  [
    'metrics-only mode',
    'vitals.tool, metrics-only mode (tracing: false)',
    'hand-written OTel tool call, metrics only (4 points)',
    '≤ 1.1×',
  ],
  [
    'vitals.tool against hand-written OTel',
    'vitals.tool',
    'hand-written OTel tool call (span + 4 points)',
    '< 1.0× (beat it)',
  ],
];
const noSdk = [
  ['nothing registered: vitals.tool', 'no SDK: vitals.tool'],
  ['nothing registered: wrap(agent)', 'no SDK: wrap(agent).tools[name]()'],
  ['nothing registered: vitals.reasoning', 'no SDK: vitals.reasoning'],
];
const f = (x, digits = 2) => x.toFixed(digits);
const lines = [
  `Node ${process.version}, ${process.platform}/${process.arch}, ${ROUNDS} interleaved rounds, each sample at least ${N} calls and about ${SAMPLE_MS} ms of CPU time per case, ${new Date().toISOString().slice(0, 10)}`,
  '',
  '| case | median CPU ns/call | spread over rounds (min–max) |',
  '|---|---:|---:|',
  ...[...stats].map(([name, s]) => `| ${name} | ${f(s.median, 0)} | ${f(s.min, 0)}–${f(s.max, 0)} |`),
  '',
  '| target | case / reference | median ratio | range over rounds | target |',
  '|---|---|---:|---:|---|',
  ...rows.map(([what, name, reference, target]) => {
    const r = ratio(name, reference);
    return `| ${what} | ${name} / ${reference} | ${f(r.median)}× | ${f(r.min)}–${f(r.max)}× | ${target} |`;
  }),
  '',
  '| nothing registered | median CPU ns over a bare call | range over rounds | target |',
  '|---|---:|---:|---|',
  ...noSdk.map(([what, name]) => {
    const d = difference(name, 'bare call');
    return `| ${what} | ${f(d.median, 0)} | ${f(d.min, 0)}–${f(d.max, 0)} | ≤ 50 ns |`;
  }),
];
const text = lines.join('\n');
console.log(text);
console.log(`(sink ${sink > 0 ? 'ok' : 'empty'})`);
const outIndex = process.argv.indexOf('--out');
if (outIndex > 0) writeFileSync(process.argv[outIndex + 1], `${text}\n`);
