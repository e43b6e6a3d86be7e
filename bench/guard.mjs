#!/usr/bin/env node
/**
 * What the default guard (`createGuard()`, every default rule) adds to a tool call and to a
 * model call, against the same calls with no guard: the guard's `check`, and the events the
 * call publishes (`tool.start`/`tool.end`, or `reasoning.start`/`tokens`/`reasoning.end`)
 * reaching the guard's rules. No OpenTelemetry SDK: this is the guard alone.
 *
 *   npm run build && node --expose-gc bench/guard.mjs [--rounds 11] [--iterations 100000] [--out file.md]
 *
 * Cases run in interleaved rounds (every case once per round, in turn), so drift of a shared
 * machine hits all cases alike; the table gives each case's median per call over the rounds
 * and its spread (lowest and highest round), and the guard's overhead as the difference of
 * medians. A last section measures the heap under 1,000,000 distinct tool names.
 */
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createGuard } from '../packages/alerts/dist/index.js';
import { ALLOW, EventStream } from '../packages/core/dist/index.js';

const argument = (name, fallback) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? process.argv[index + 1] : fallback;
};
const ROUNDS = Number(argument('rounds', 11));
const ITERATIONS = Number(argument('iterations', 100_000));
const OUT = argument('out', undefined);

/** A 1 KiB object argument: a typical structured tool input (search query, filters, a body). */
const KIB_ARGUMENT = {
  query: 'refund policy for orders shipped to Canada after the holiday sale',
  filters: { region: 'CA', status: ['shipped', 'delivered'], since: '2026-11-01', limit: 25 },
  customer: { id: 'cus_8f2k3j4h5g6f', tier: 'gold', locale: 'en-CA', email_verified: true },
  body:
    'Hello, I ordered a winter jacket on the 3rd and it arrived damaged; the zipper is broken and ' +
    'one sleeve has a tear. I would like a refund or a replacement, whichever is faster. I have ' +
    'photos of the damage and the original packaging. Order number 4471-22-913. Thank you for ' +
    'your help, this is the second time this happened with a delivery from your warehouse. ' +
    'Could you also check whether the promo code HOLIDAY25 was applied? The receipt shows the ' +
    'full price. Best regards, Alex',
  tags: ['refund', 'damaged', 'shipping', 'promo'],
  notes: 'Customer called twice; prefers email. Previous ticket 88123 closed without resolution.',
  channel: { source: 'web-chat', session: 'a8f3e2d1-77b0-4c1e-9d55-0f3b2c1a9e64', agentVersion: '2.14.1' },
};
const kib = JSON.stringify(KIB_ARGUMENT).length;

let sink = 0;

function harness(withGuard) {
  const events = new EventStream();
  let now = 1_700_000_000_000;
  const host = { agentName: 'bench', events, emit() {}, now: () => now };
  const guard = withGuard
    ? createGuard({ clock: () => now, evaluationIntervalMs: 3_600_000 })
    : { check: () => ALLOW, attach: () => ({ dispose() {} }) };
  const attachment = guard.attach(host);
  let callId = 0;
  const tool = (args, result) => {
    const id = ++callId;
    now += 1;
    const decision = guard.check({
      kind: 'tool',
      agentName: 'bench',
      toolName: 'kb.search',
      args,
      input: args[0],
      callId: id,
    });
    if (decision.action !== 'allow') throw new Error('the bench call was refused');
    if (events.active) {
      events.emit({
        type: 'tool.start',
        agentName: 'bench',
        time: now,
        toolName: 'kb.search',
        args,
        callId: id,
      });
      events.emit({
        type: 'tool.end',
        agentName: 'bench',
        time: now,
        toolName: 'kb.search',
        args,
        outcome: 'success',
        durationSeconds: 0.001,
        result,
        callId: id,
      });
    }
    sink += id;
  };
  const reasoning = () => {
    const id = ++callId;
    now += 1;
    const request = {
      kind: 'reasoning',
      agentName: 'bench',
      model: 'gpt-4o-mini',
      provider: 'openai',
      maxOutputTokens: 256,
      callId: id,
    };
    const decision = guard.check(request);
    if (decision.action !== 'allow') throw new Error('the bench call was refused');
    if (events.active) {
      const base = { agentName: 'bench', time: now, model: 'gpt-4o-mini', provider: 'openai', callId: id };
      events.emit({ ...base, type: 'reasoning.start' });
      events.emit({
        ...base,
        type: 'tokens',
        inputTokens: 120,
        outputTokens: 40,
        cachedInputTokens: 0,
        costUsd: 0,
      });
      events.emit({ ...base, type: 'reasoning.end', durationSeconds: 0.2 });
    }
    sink += id;
  };
  return { guard, attachment, tool, reasoning };
}

// Arguments differ per call (as real calls do) so the loop detector sees distinct calls.
const SMALL = Array.from({ length: 64 }, (_, i) => [`order ${i}`]);
const LARGE = Array.from({ length: 64 }, (_, i) => [{ ...KIB_ARGUMENT, page: i }]);
const RESULTS = Array.from({ length: 64 }, (_, i) => ({ hits: i, top: `doc-${i}` }));

/** A machine-speed reference: FNV-1a over 1 KiB of text, the least a per-character pass costs. */
const REFERENCE_TEXT = JSON.stringify(KIB_ARGUMENT).padEnd(1024, ' ');
function referenceHash() {
  let hash = 0x811c9dc5 | 0;
  for (let i = 0; i < REFERENCE_TEXT.length; i++)
    hash = Math.imul(hash ^ REFERENCE_TEXT.charCodeAt(i), 0x01000193);
  sink += hash & 1;
}

const none = harness(false);
const guarded = harness(true);
const cases = [
  ['reference: FNV-1a over 1 KiB of text (machine speed)', referenceHash],
  ['tool call, no guard', () => none.tool(SMALL[sink & 63], RESULTS[sink & 63])],
  ['tool call, default guard', () => guarded.tool(SMALL[sink & 63], RESULTS[sink & 63])],
  ['tool call with a 1 KiB object argument, no guard', () => none.tool(LARGE[sink & 63], RESULTS[sink & 63])],
  [
    'tool call with a 1 KiB object argument, default guard',
    () => guarded.tool(LARGE[sink & 63], RESULTS[sink & 63]),
  ],
  ['model call, no guard', () => none.reasoning()],
  ['model call, default guard', () => guarded.reasoning()],
];

const samples = new Map(cases.map(([name]) => [name, []]));
for (const [, run] of cases) for (let i = 0; i < 5_000; i++) run(); // warm up
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, run] of cases) {
    const started = performance.now();
    for (let i = 0; i < ITERATIONS; i++) run();
    samples.get(name).push(((performance.now() - started) * 1e6) / ITERATIONS);
  }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const ns = (value) => `${Math.round(value)} ns`;
const stats = new Map(
  [...samples].map(([name, values]) => [
    name,
    { median: median(values), min: Math.min(...values), max: Math.max(...values) },
  ]),
);
const overhead = (guardedName, bareName) => stats.get(guardedName).median - stats.get(bareName).median;

// Heap under 1,000,000 distinct tool names through the guard (each call checked and ended).
function heapUnderDistinctNames(count) {
  const events = new EventStream();
  let now = 1_700_000_000_000;
  const guard = createGuard({ clock: () => now, evaluationIntervalMs: 3_600_000 });
  guard.attach({ agentName: 'names', events, emit() {}, now: () => now });
  globalThis.gc?.();
  const before = process.memoryUsage().heapUsed;
  let blocked = 0;
  for (let i = 0; i < count; i++) {
    now += 1;
    const toolName = `tool-${i}`;
    const decision = guard.check({ kind: 'tool', agentName: 'names', toolName, args: ['same'], callId: i });
    if (decision.action !== 'allow') {
      blocked++;
      continue;
    }
    // Events carry the bounded label, as a recorder past its label cap would: `_overflow`.
    events.emit({
      type: 'tool.end',
      agentName: 'names',
      time: now,
      toolName: '_overflow',
      args: ['same'],
      outcome: 'success',
      durationSeconds: 0,
      result: 'ok',
      callId: i,
    });
  }
  globalThis.gc?.();
  return { growth: process.memoryUsage().heapUsed - before, blocked, alerts: guard.alerts().length };
}
const names = heapUnderDistinctNames(1_000_000);

const lines = [
  `# Guard benchmark`,
  '',
  `Command: \`node --expose-gc bench/guard.mjs --rounds ${ROUNDS} --iterations ${ITERATIONS}\` after \`npm run build\`. ` +
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, load average ${loadavg()
      .map((value) => value.toFixed(1))
      .join(' / ')} at the end of the run (1 / 5 / 15 min).`,
  '',
  `Node ${process.version}, ${ROUNDS} interleaved rounds of ${ITERATIONS.toLocaleString('en')} calls per case; ` +
    `the 1 KiB argument is ${kib} bytes of JSON. Per call: median (lowest–highest round).`,
  '',
  '| case | per call |',
  '|---|---|',
  ...[...stats].map(([name, s]) => `| ${name} | ${ns(s.median)} (${ns(s.min)}–${ns(s.max)}) |`),
  '',
  '| guard overhead (difference of medians) | per call | target |',
  '|---|---|---|',
  `| tool call (check + 2 events) | ${ns(overhead('tool call, default guard', 'tool call, no guard'))} | ≤ 300 ns per event |`,
  `| tool call with a 1 KiB object argument | ${ns(overhead('tool call with a 1 KiB object argument, default guard', 'tool call with a 1 KiB object argument, no guard'))} | ≤ 1 µs |`,
  `| model call (check + 3 events) | ${ns(overhead('model call, default guard', 'model call, no guard'))} | ≤ 300 ns per event |`,
  '',
  'The reference row is a plain JavaScript loop over 1,024 characters (one multiplication per ' +
    'character, about 4 cycles each: 1.2–1.6 µs on an idle 2.5–3.5 GHz core). Divide a row by it ' +
    'to compare runs made under different load.',
  '',
  `1,000,000 distinct tool names (same arguments, events labelled \`_overflow\`): heap growth ` +
    `${(names.growth / 1024 / 1024).toFixed(1)} MiB${globalThis.gc ? '' : ' (run with --expose-gc for a meaningful figure)'}, ` +
    `${names.blocked} calls blocked, ${names.alerts} alerts.`,
  '',
];
const text = lines.join('\n');
console.log(text);
if (sink === 0.5) console.log('');
if (OUT !== undefined) writeFileSync(OUT, text);
