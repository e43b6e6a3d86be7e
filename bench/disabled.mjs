// What a tool call costs when telemetry is off (run `npm run build` first), in interleaved
// rounds: a bare call, `vitals.tool` with nothing registered (no start()), and `av.vitals.tool`
// after `start({ disabled: true })`. Reports ns per call, median (min–max) over the rounds, and
// the median overhead over the bare call.
//
//   npm run build && node bench/disabled.mjs --out bench/results/disabled-<date>.md
//   node bench/disabled.mjs --iterations 20000 --rounds 3       # quick mode, no thresholds
import { writeFileSync } from 'node:fs';
import { createVitals } from '../packages/core/dist/index.js';
import { start } from '../packages/node/dist/index.js';
import { countOption, formatSpread, outPath, summarize } from './stats.mjs';

const N = countOption('iterations', 500_000);
const ROUNDS = countOption('rounds', 11);
const QUERIES = ['refund', 'invoice', 'shipping', 'returns', 'warranty', 'login', 'password', 'cancel'];

let sink = 0;
const search = (query) => query.length + 1;

function perCall(fn) {
  for (let i = 0; i < 10_000; i++) sink += fn(QUERIES[i & 7]); // warm-up
  const started = process.hrtime.bigint();
  for (let i = 0; i < N; i++) sink += fn(QUERIES[i & 7]);
  return Number(process.hrtime.bigint() - started) / N;
}

const cases = { bare: [], noStart: [], disabled: [] };
for (let round = 0; round < ROUNDS; round++) {
  cases.bare.push(perCall(search));
  const plain = createVitals({ agentName: 'bench' }).tool('kb.search', search);
  cases.noStart.push(perCall(plain));
  const av = await start({
    agentName: 'bench',
    disabled: true,
    signals: false,
    logger: { level: 'silent' },
    env: {},
  });
  cases.disabled.push(perCall(av.vitals.tool('kb.search', search)));
  await av.shutdown();
}

const bare = summarize(cases.bare).median;
const row = (name, values) =>
  `| ${name} | ${formatSpread(values)} | ${(summarize(values).median - bare).toFixed(1)} |`;
const text = [
  `Node ${process.version}, ${process.platform}/${process.arch}, ${N.toLocaleString('en')} calls × ${ROUNDS} interleaved rounds, ns per call: median (min–max), ${new Date().toISOString().slice(0, 10)}`,
  '',
  '| case | ns per call | overhead over the bare call (ns, medians) |',
  '|---|---:|---:|',
  row('bare call', cases.bare),
  row('`vitals.tool`, nothing registered (no `start()`)', cases.noStart),
  row('`av.vitals.tool` after `start({ disabled: true })`', cases.disabled),
  '',
  `(sink ${sink > 0 ? 'used' : 'empty'})`,
  '',
].join('\n');
console.log(text);
const out = outPath();
if (out)
  writeFileSync(out, `${text}\nCommand: \`node bench/disabled.mjs ${process.argv.slice(2).join(' ')}\`\n`);
