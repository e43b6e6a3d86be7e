// A Prometheus scrape of AGENTS agents × TOOLS tools in one process, through start()'s own
// /metrics endpoint (run `npm run build` first). For each cardinality limit it starts the SDK,
// records one call of every tool of every agent, then scrapes ROUNDS times and reports the
// median and spread (min–max) of: the scrape's wall time seen by a scraper in a worker thread,
// the CPU time the agent's thread spent on it (process.threadCpuUsage: collection, text, HTTP),
// the agent event loop's longest stall during it (perf_hooks.monitorEventLoopDelay, 1 ms
// resolution), the response size and its series.
//
//   npm run build && node bench/scrape.mjs --out bench/results/scrape-<date>.md
//   node bench/scrape.mjs --agents 100 --rounds 3            # quick mode, no thresholds

import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { start } from '../packages/node/dist/index.js';
import { countOption, formatSpread, outPath } from './stats.mjs';

const AGENTS = countOption('agents', 1000);
const TOOLS = countOption('tools', 20);
const ROUNDS = countOption('rounds', 7);
/** Default cap; default cap without the GenAI semantic-convention streams; no cap in practice. */
const CONFIGS = [
  { cardinalityLimit: 2000, genAiStreams: true },
  { cardinalityLimit: 2000, genAiStreams: false },
  { cardinalityLimit: 1_000_000, genAiStreams: true },
];

const client = new Worker(new URL('./scrape-client.mjs', import.meta.url));

/** One scrape by the worker; the stall is measured on this (the agent's) event loop meanwhile. */
async function scrapeOnce(url) {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const cpuBefore = process.threadCpuUsage();
  client.postMessage(url);
  const [result] = await once(client, 'message');
  const cpu = process.threadCpuUsage(cpuBefore);
  delay.disable();
  if (result.status !== 200) throw new Error(`scrape answered ${result.status}`);
  return { ...result, stallMs: delay.max / 1e6, cpuMs: (cpu.user + cpu.system) / 1000 };
}

/** The event loop's longest stall over `ms` with nothing to do but a timer. */
async function idleStall(ms) {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  await new Promise((resolve) => setTimeout(resolve, ms));
  delay.disable();
  return delay.max / 1e6;
}

async function measure({ cardinalityLimit, genAiStreams }) {
  const av = await start({
    agentName: 'bench',
    environment: 'staging',
    prometheus: { port: 0 },
    metrics: { cardinalityLimit, genAiStreams, processMetrics: false },
    signals: false,
    logger: { level: 'silent' },
    env: {},
  });
  try {
    for (let a = 0; a < AGENTS; a++) {
      const vitals = av.createVitals({ agentName: `agent-${a}` });
      for (let t = 0; t < TOOLS; t++) vitals.tool(`tool-${t}`, () => t)();
    }
    await scrapeOnce(av.prometheus.url); // warm-up
    // Interleaved: a scrape, then the same time with no scrape, whose longest stall is the machine's
    // own noise (timer resolution, other processes, GC), to read the scrape's stall against.
    const rounds = [];
    const idle = [];
    for (let round = 0; round < ROUNDS; round++) {
      const scrape = await scrapeOnce(av.prometheus.url);
      rounds.push(scrape);
      idle.push(await idleStall(scrape.ms));
    }
    return { cardinalityLimit, genAiStreams, rounds, idle };
  } finally {
    await av.shutdown();
  }
}

const results = [];
for (const config of CONFIGS) results.push(await measure(config));
await client.terminate();

const lines = [
  `Node ${process.version}, ${process.platform}/${process.arch}, ${AGENTS} agents × ${TOOLS} tools, ${ROUNDS} scrapes per row (median (min–max)), ${new Date().toISOString().slice(0, 10)}`,
  '',
  '| cardinality limit per instrument | GenAI streams | scrape (ms) | agent thread CPU (ms) | longest event-loop stall during the scrape (ms) | same, idle loop (ms) | response (MB) | series lines |',
  '|---:|---|---:|---:|---:|---:|---:|---:|',
  ...results.map(
    ({ cardinalityLimit, genAiStreams, rounds, idle }) =>
      `| ${cardinalityLimit.toLocaleString('en')} | ${genAiStreams ? 'on' : 'off'} | ${formatSpread(rounds.map((r) => r.ms))} | ${formatSpread(rounds.map((r) => r.cpuMs))} | ${formatSpread(rounds.map((r) => r.stallMs))} | ${formatSpread(idle)} | ${formatSpread(
        rounds.map((r) => r.bytes / 1e6),
        2,
      )} | ${rounds[0].series.toLocaleString('en')} |`,
  ),
  '',
];
const text = lines.join('\n');
console.log(text);
const out = outPath();
if (out)
  writeFileSync(out, `${text}\nCommand: \`node bench/scrape.mjs ${process.argv.slice(2).join(' ')}\`\n`);
