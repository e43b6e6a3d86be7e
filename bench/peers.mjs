// vitals.tool against the peers, in one process, in interleaved rounds (run `npm run bench:peers`,
// which installs the peers pinned in bench/peers/package.json into bench/peers/node_modules,
// builds, and runs this): Langfuse's `startActiveObservation` (@langfuse/tracing) and
// OpenLLMetry's `withTool` (@traceloop/node-server-sdk), both on the same global TracerProvider
// as hand-written OTel code, against `vitals.tool` on the same providers. The peers record a
// span only; vitals.tool records a span and four metric points. OpenLLMetry's `withTool`
// always returns a promise, so every case here is an async tool call, awaited.
//
//   npm run bench:peers
//   node --expose-gc bench/peers.mjs [--rounds 11] [--sample-ms 40] [--quick] [--out file.md]
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { context, metrics, SpanKind, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { TracerProvider } from '@opentelemetry/sdk-trace';
import { createVitals } from '../packages/core/dist/index.js';
import { PullReader } from './pull-reader.mjs';

const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    rounds: { type: 'string' },
    'sample-ms': { type: 'string' },
    out: { type: 'string' },
  },
});
const ROUNDS = Number(flags.rounds ?? (flags.quick ? 3 : 11));
const SAMPLE_MS = Number(flags['sample-ms'] ?? (flags.quick ? 5 : 40));

// The peers resolve from bench/peers/node_modules (their own OTel API copy, which reads the
// global providers registered below); everything else from the workspace.
const peers = createRequire(new URL('./peers/package.json', import.meta.url));
const load = async (name) => {
  try {
    return await import(pathToFileURL(peers.resolve(name)).href);
  } catch (error) {
    console.error(`${name} is not installed: run \`npm run bench:peers\` (${error.message})`);
    process.exit(1);
  }
};
const langfuse = await load('@langfuse/tracing');
const traceloop = await load('@traceloop/node-server-sdk');
const installed = (name) =>
  JSON.parse(readFileSync(new URL(`./peers/node_modules/${name}/package.json`, import.meta.url), 'utf8'))
    .version;
const versions = {
  langfuse: installed('@langfuse/tracing'),
  traceloop: installed('@traceloop/node-server-sdk'),
};

// Spans are sampled and ended but exported nowhere: the cost measured is the SDK's and the
// instrumentation's, for every case alike.
let ended = 0;
const discard = {
  onStart() {},
  onEnd() {
    ended++;
  },
  forceFlush: async () => {},
  shutdown: async () => {},
};
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
const tracerProvider = new TracerProvider({ spanProcessors: [discard] });
const meterProvider = new MeterProvider({ readers: [new PullReader()] });
trace.setGlobalTracerProvider(tracerProvider);
metrics.setGlobalMeterProvider(meterProvider);
// OpenLLMetry as configured for use, without its own SDK (tracingEnabled: false keeps the
// providers above) and without network sync; trace content stays at its default (on).
traceloop.initialize({
  tracingEnabled: false,
  traceloopSyncEnabled: false,
  silenceInitializationMessage: true,
  appName: 'bench',
});

let sink = 0;
const QUERIES = Array.from({ length: 8 }, (_, i) => `q${i}`);
const searchAsync = async (query) => query.length + 1;

const cases = new Map();
cases.set('bare async call', (i) => searchAsync(QUERIES[i & 7]));
{
  const tracer = tracerProvider.getTracer('hand-written');
  cases.set('hand-written OTel, span only', (i) =>
    tracer.startActiveSpan('execute_tool kb.search', { kind: SpanKind.INTERNAL }, async (span) => {
      try {
        return await searchAsync(QUERIES[i & 7]);
      } finally {
        span.end();
      }
    }),
  );
  const meter = meterProvider.getMeter('hand-written');
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
  cases.set('hand-written OTel, span + 4 points', async (i) => {
    const span = tracer.startSpan('execute_tool kb.search', {
      kind: SpanKind.INTERNAL,
      attributes: {
        'gen_ai.operation.name': 'execute_tool',
        'gen_ai.agent.name': 'bench',
        'gen_ai.tool.name': 'kb.search',
      },
    });
    const started = performance.now();
    const value = await context.with(trace.setSpan(context.active(), span), () =>
      searchAsync(QUERIES[i & 7]),
    );
    calls.add(1, attributes);
    duration.record((performance.now() - started) / 1000, attributes);
    span.setAttribute('agent.tool.outcome', 'success');
    span.end();
    actions.add(1, agent);
    tokensPerAction.record(0, agent);
    return value;
  });
}
{
  const vitals = createVitals({ agentName: 'bench', tracerProvider, meterProvider });
  const tool = vitals.tool('kb.search', searchAsync);
  cases.set('vitals.tool (span + 4 points)', (i) => tool(QUERIES[i & 7]));
}
cases.set(`Langfuse startActiveObservation (asType tool), ${versions.langfuse}`, (i) =>
  langfuse.startActiveObservation('kb.search', () => searchAsync(QUERIES[i & 7]), { asType: 'tool' }),
);
cases.set(`OpenLLMetry withTool, ${versions.traceloop} (input and output recorded)`, (i) =>
  traceloop.withTool({ name: 'kb.search' }, searchAsync, QUERIES[i & 7]),
);
cases.set(`OpenLLMetry withTool, ${versions.traceloop}, traceContent: false`, (i) =>
  traceloop.withTool({ name: 'kb.search', traceContent: false }, searchAsync, QUERIES[i & 7]),
);

// Every instrumented case really records its span on these providers (else it is not measured).
const spansPerCall = new Map();
for (const [name, fn] of cases) {
  const before = ended;
  sink += await fn(0);
  spansPerCall.set(name, ended - before);
  if (name !== 'bare async call' && ended === before) {
    console.error(`${name} recorded no span on the benchmark's provider`);
    process.exit(1);
  }
}

// ---- interleaved rounds, CPU time (process.cpuUsage) per call --------------------------
const cpuNs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) * 1000;
};
const iterations = new Map();
async function timeOnce(name, fn) {
  const n = iterations.get(name);
  const start = cpuNs();
  for (let i = 0; i < n; i++) sink += await fn(i);
  return (cpuNs() - start) / n;
}
for (const [name, fn] of cases) {
  for (let i = 0; i < 3_000; i++) sink += await fn(i); // warm up
  const start = cpuNs();
  for (let i = 0; i < 1_000; i++) sink += await fn(i);
  const perCall = Math.max(1, (cpuNs() - start) / 1_000);
  iterations.set(name, Math.max(1_000, Math.ceil((SAMPLE_MS * 1e6) / perCall)));
}
const samples = new Map([...cases.keys()].map((name) => [name, []]));
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, fn] of cases) {
    globalThis.gc?.();
    samples.get(name).push(await timeOnce(name, fn));
  }
}
const spread = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1] };
};
const REFERENCE = 'vitals.tool (span + 4 points)';
const ratio = (name) => spread(samples.get(name).map((v, i) => v / samples.get(REFERENCE)[i]));

const lines = [
  `Node ${process.version}, ${process.platform}/${process.arch}, ${ROUNDS} interleaved rounds, about ${SAMPLE_MS} ms of CPU per case and round, async tool calls awaited one at a time, ${new Date().toISOString().slice(0, 10)}`,
  '',
  '| case | spans per call | median CPU ns/call | min–max | ratio to vitals.tool, median per round | min–max |',
  '|---|---:|---:|---:|---:|---:|',
  ...[...samples].map(([name, values]) => {
    const s = spread(values);
    const r = ratio(name);
    return `| ${name} | ${spansPerCall.get(name)} | ${s.median.toFixed(0)} | ${s.min.toFixed(0)}–${s.max.toFixed(0)} | ${r.median.toFixed(2)}× | ${r.min.toFixed(2)}–${r.max.toFixed(2)}× |`;
  }),
];
const text = lines.join('\n');
console.log(text);
console.log(`(sink ${sink > 0 ? 'ok' : 'empty'})`);
if (flags.out) writeFileSync(flags.out, `${text}\n`);
await meterProvider.shutdown();
await tracerProvider.shutdown();
