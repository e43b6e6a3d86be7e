// Measures what Agent Vitals costs per call, against the built packages (run `npm run build` first):
// an uninstrumented baseline, hand-written OpenTelemetry code doing the same recording, and
// the vitals API. Prints a Markdown table; `--out FILE` also writes it.
//
//   npm run bench                 # build, then run
//   node --expose-gc bench/run.mjs --out bench/results/latest.md
import { writeFileSync } from 'node:fs';
import { context, SpanKind, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { AggregationTemporality, MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import { TracerProvider } from '@opentelemetry/sdk-trace';
import { createVitals } from '../packages/core/dist/index.js';

class PullReader extends MetricReader {
  constructor() {
    super({ aggregationTemporalitySelector: () => AggregationTemporality.CUMULATIVE });
  }
  async onForceFlush() {}
  async onShutdown() {}
}

// Spans are sampled and ended but exported nowhere: the cost measured is the SDK's and ours.
const discard = { onStart() {}, onEnd() {}, forceFlush: async () => {}, shutdown: async () => {} };
const manager = new AsyncLocalStorageContextManager().enable();
context.setGlobalContextManager(manager);

function providers() {
  const reader = new PullReader();
  return {
    reader,
    meterProvider: new MeterProvider({ readers: [reader] }),
    tracerProvider: new TracerProvider({ spanProcessors: [discard] }),
    loggerProvider: new LoggerProvider(),
  };
}

let sink = 0;
const search = (query) => query.length + 1;
const searchAsync = async (query) => query.length + 1;

function measure(name, iterations, fn) {
  for (let i = 0; i < Math.min(20_000, iterations); i++) sink += fn(i) ?? 0; // warm up
  globalThis.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) sink += fn(i) ?? 0;
  const ns = Number(process.hrtime.bigint() - start);
  globalThis.gc?.();
  const heapAfter = process.memoryUsage().heapUsed;
  return {
    name,
    iterations,
    nsPerOp: ns / iterations,
    opsPerSec: (iterations * 1e9) / ns,
    heapDeltaMb: (heapAfter - heapBefore) / 1e6,
  };
}

async function measureAsync(name, iterations, fn) {
  for (let i = 0; i < Math.min(10_000, iterations); i++) sink += (await fn(i)) ?? 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) sink += (await fn(i)) ?? 0;
  const ns = Number(process.hrtime.bigint() - start);
  return {
    name,
    iterations,
    nsPerOp: ns / iterations,
    opsPerSec: (iterations * 1e9) / ns,
    heapDeltaMb: Number.NaN,
  };
}

const N = Number(process.env.BENCH_ITERATIONS ?? 200_000);
const results = [];

// 1. Sync tool call.
results.push(measure('tool call (sync): baseline, no instrumentation', N, (i) => search(`q${i & 7}`)));
{
  const p = providers();
  const meter = p.meterProvider.getMeter('hand-written');
  const tracer = p.tracerProvider.getTracer('hand-written');
  const calls = meter.createCounter('agent.tool.calls');
  const duration = meter.createHistogram('agent.tool.duration', { unit: 's' });
  const actions = meter.createCounter('agent.actions');
  const tokensPerAction = meter.createHistogram('agent.tokens_per_action');
  const agent = { 'gen_ai.agent.name': 'bench' };
  const attributes = {
    'gen_ai.agent.name': 'bench',
    'gen_ai.tool.name': 'kb.search',
    'agent.tool.outcome': 'success',
  };
  // The same recording vitals.tool does: a span with its attributes, calls, duration, one action.
  results.push(
    measure('tool call (sync): hand-written OTel, same span and 4 recordings', N, (i) => {
      const span = tracer.startSpan('execute_tool kb.search', {
        kind: SpanKind.INTERNAL,
        attributes: {
          'gen_ai.operation.name': 'execute_tool',
          'gen_ai.agent.name': 'bench',
          'gen_ai.tool.name': 'kb.search',
        },
      });
      const started = performance.now();
      const value = context.with(trace.setSpan(context.active(), span), () => search(`q${i & 7}`));
      calls.add(1, attributes);
      duration.record((performance.now() - started) / 1000, attributes);
      span.setAttribute('agent.tool.outcome', 'success');
      span.end();
      actions.add(1, agent);
      tokensPerAction.record(0, agent);
      return value;
    }),
  );
}
{
  const p = providers();
  const vitals = createVitals({ agentName: 'bench', ...p });
  const tool = vitals.tool('kb.search', search);
  results.push(measure('tool call (sync): vitals.tool', N, (i) => tool(`q${i & 7}`)));
}
{
  const vitals = createVitals({ agentName: 'bench-noop' });
  const tool = vitals.tool('kb.search', search);
  results.push(
    measure('tool call (sync): vitals.tool, no SDK registered (no-op providers)', N, (i) =>
      tool(`q${i & 7}`),
    ),
  );
}

// 2. Async tool call.
results.push(await measureAsync('tool call (async): baseline', N / 4, (i) => searchAsync(`q${i & 7}`)));
{
  const p = providers();
  const vitals = createVitals({ agentName: 'bench', ...p });
  const tool = vitals.tool('kb.search', searchAsync);
  results.push(await measureAsync('tool call (async): vitals.tool', N / 4, (i) => tool(`q${i & 7}`)));
}

// 3. A reasoning call whose result carries usage (extraction, tokens, cost).
const response = { model: 'gpt-4o-mini', usage: { prompt_tokens: 900, completion_tokens: 120 } };
results.push(measure('reasoning call: baseline', N, () => response.usage.prompt_tokens));
{
  const p = providers();
  const vitals = createVitals({ agentName: 'bench', ...p });
  results.push(
    measure(
      'reasoning call: vitals.reasoning + usage extraction + cost',
      N,
      () =>
        vitals.reasoning(() => response, { model: 'gpt-4o-mini', provider: 'openai' }).usage.prompt_tokens,
    ),
  );
}

// 4. A run with one reasoning call and two tool calls.
{
  const p = providers();
  const vitals = createVitals({ agentName: 'bench', ...p });
  const tool = vitals.tool('kb.search', search);
  results.push(
    measure('run with 1 reasoning + 2 tool calls: vitals', N / 4, (i) =>
      vitals.run(() => {
        vitals.reasoning(() => response, { model: 'gpt-4o-mini' });
        return tool(`a${i & 7}`) + tool(`b${i & 7}`);
      }),
    ),
  );
}

const baselineSync = results[0].nsPerOp;
const lines = [
  `Node ${process.version}, ${process.platform}/${process.arch}, ${N} iterations, ${new Date().toISOString().slice(0, 10)}`,
  '',
  `| case | ns/op | ops/s | heap retained after GC (MB)${globalThis.gc ? '' : ' (run with --expose-gc)'} |`,
  '|---|---:|---:|---:|',
  ...results.map(
    (r) =>
      `| ${r.name} | ${r.nsPerOp.toFixed(0)} | ${Math.round(r.opsPerSec).toLocaleString('en-US')} | ${Number.isNaN(r.heapDeltaMb) ? '-' : Math.abs(r.heapDeltaMb) < 0.05 ? '0.0' : r.heapDeltaMb.toFixed(1)} |`,
  ),
  '',
  `Overhead of vitals.tool over the sync baseline: ${(results[2].nsPerOp - baselineSync).toFixed(0)} ns per call; ` +
    `over hand-written OTel code: ${(results[2].nsPerOp - results[1].nsPerOp).toFixed(0)} ns per call.`,
];
const text = lines.join('\n');
console.log(text);
console.log(`(sink ${sink > 0 ? 'ok' : 'empty'})`);
const outIndex = process.argv.indexOf('--out');
if (outIndex > 0) writeFileSync(process.argv[outIndex + 1], `${text}\n`);
