// Memory of the vitals with the real SDK providers (run `npm run build` first, and run with
// --expose-gc: every figure is the heap after a forced garbage collection):
//
// - heap growth under N distinct tool names (default 1,000,000), one call each through
//   `vitals.tool`, with checkpoints to show whether it levels off; the same loop with a bare
//   call is the reference;
// - memory per 10,000 pending runs (`vitals.run` whose work has not settled), against 10,000
//   pending bare promises and 10,000 hand-written OTel spans around the same work, in
//   interleaved rounds, and what is left once they settle.
//
//   npm run build && node --expose-gc bench/memory.mjs [--names 1000000] [--rounds 5] [--out file.md]
//   node --expose-gc bench/memory.mjs --names 100000 --rounds 3      # quick mode, no thresholds
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { TracerProvider } from '@opentelemetry/sdk-trace';
import { createVitals } from '../packages/core/dist/index.js';
import { DISCARD_SPANS, PullReader } from './pull-reader.mjs';

const { values: flags } = parseArgs({
  options: {
    names: { type: 'string', default: '1000000' },
    rounds: { type: 'string', default: '5' },
    pending: { type: 'string', default: '10000' },
    out: { type: 'string' },
  },
});
const NAMES = Number(flags.names);
const ROUNDS = Number(flags.rounds);
const PENDING = Number(flags.pending);
if (!globalThis.gc) console.warn('run with --expose-gc: heap figures without a forced GC are noise');

context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
const providers = () => {
  const reader = new PullReader();
  return {
    reader,
    meterProvider: new MeterProvider({ readers: [reader] }),
    tracerProvider: new TracerProvider({ spanProcessors: [DISCARD_SPANS] }),
  };
};

let sink = 0;
const search = (query) => query.length + 1;
const heap = () => {
  globalThis.gc?.();
  globalThis.gc?.();
  return process.memoryUsage().heapUsed;
};
const mib = (bytes) => (bytes / 1024 / 1024).toFixed(1);
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

// ---- distinct tool names ------------------------------------------------------------------
const checkpoints = [10_000, 100_000, 1_000_000, 10_000_000].filter((n) => n < NAMES).concat(NAMES);
async function distinctNames(instrumented) {
  const p = providers();
  const vitals = instrumented ? createVitals({ agentName: 'names', ...p }) : undefined;
  const before = heap();
  const growth = [];
  let i = 0;
  for (const checkpoint of checkpoints) {
    for (; i < checkpoint; i++) {
      const name = `tool-${i}`;
      sink += instrumented ? vitals.tool(name, search)(name) : search(name);
    }
    growth.push(heap() - before);
  }
  const { resourceMetrics } = await p.reader.collect();
  let series = 0;
  for (const scope of resourceMetrics.scopeMetrics)
    for (const metric of scope.metrics) series += metric.dataPoints.length;
  await p.meterProvider.shutdown();
  return { growth, series };
}
const bareNames = await distinctNames(false);
const vitalsNames = await distinctNames(true);

// ---- pending runs -------------------------------------------------------------------------
const p = providers();
const vitals = createVitals({ agentName: 'runs', ...p });
const tracer = p.tracerProvider.getTracer('hand-written');
/** How each kind of run starts: bare work, hand-written OTel (a span around it), vitals.run. */
const starters = {
  bare: (work) => work(),
  otel: (work) => tracer.startActiveSpan('invoke_agent runs', (span) => work().finally(() => span.end())),
  vitals: (work) => vitals.run(work),
};
async function pendingOnce(kind) {
  const resolvers = [];
  const work = () => new Promise((resolve) => resolvers.push(resolve));
  const before = heap();
  const runs = [];
  for (let i = 0; i < PENDING; i++) runs.push(starters[kind](work));
  const pending = heap() - before;
  for (const resolve of resolvers) resolve(1);
  for (const value of await Promise.all(runs)) sink += value;
  runs.length = 0;
  resolvers.length = 0;
  await new Promise((resolve) => setImmediate(resolve));
  return { pending, settled: heap() - before };
}
for (const kind of Object.keys(starters)) await pendingOnce(kind); // warm up
const samples = { bare: [], otel: [], vitals: [], settled: [] };
for (let round = 0; round < ROUNDS; round++) {
  for (const kind of Object.keys(starters)) {
    const run = await pendingOnce(kind);
    samples[kind].push(run.pending);
    if (kind === 'vitals') samples.settled.push(run.settled);
  }
}
const perRun = (kind, reference) => samples[kind].map((v, i) => (v - samples[reference][i]) / PENDING);
const bytesRow = (label, values) =>
  `| ${label} | ${Math.round(median(values))} bytes | ${Math.round(Math.min(...values))}–${Math.round(Math.max(...values))} bytes |`;
const mibRow = (label, values) =>
  `| ${label} | ${mib(median(values))} MiB | ${mib(Math.min(...values))}–${mib(Math.max(...values))} MiB |`;

const lines = [
  `Node ${process.version}, ${process.platform}/${process.arch}, heap after a forced GC${globalThis.gc ? '' : ' (NOT forced: run with --expose-gc)'}, ${new Date().toISOString().slice(0, 10)}`,
  '',
  `| distinct tool names, one call each | heap growth, bare call (reference) | heap growth, vitals.tool |`,
  '|---:|---:|---:|',
  ...checkpoints.map(
    (n, i) =>
      `| ${n.toLocaleString('en-US')} | ${mib(bareNames.growth[i])} MiB | ${mib(vitalsNames.growth[i])} MiB |`,
  ),
  '',
  `Metric data points held after ${NAMES.toLocaleString('en-US')} names: ${vitalsNames.series} (the per-agent tool-name limit folds the rest into \`_overflow\`).`,
  '',
  `| ${PENDING.toLocaleString('en-US')} pending runs | median over ${ROUNDS} interleaved rounds | min–max |`,
  '|---|---:|---:|',
  mibRow('bare pending promises (reference)', samples.bare),
  mibRow('hand-written OTel: a span around each, pending', samples.otel),
  mibRow('vitals.run, pending', samples.vitals),
  bytesRow('vitals.run over bare promises, per pending run', perRun('vitals', 'bare')),
  bytesRow('hand-written OTel over bare promises, per pending run', perRun('otel', 'bare')),
  bytesRow('vitals.run over hand-written OTel, per pending run', perRun('vitals', 'otel')),
  mibRow('left after the vitals runs settle', samples.settled),
];
const text = lines.join('\n');
console.log(text);
console.log(`(sink ${sink > 0 ? 'ok' : 'empty'})`);
if (flags.out) writeFileSync(flags.out, `${text}\n`);
