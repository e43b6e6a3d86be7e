// The benchmark: every row of the performance table measured against its reference, by the
// scripts beside this one, each in its own process (a case and its reference always share a
// process and run in interleaved rounds; each script reports the median and the spread over
// its rounds and feeds every result into a sink printed at the end, so nothing is optimised
// away). This entry runs them in turn, brackets them with a machine-speed reference loop and
// the load average, and writes one results file. No thresholds: a row that misses its target
// is reported, not failed; the exit code is non-zero only when a script crashes.
//
//   npm run bench                                   # build, then every case, full size
//   npm run bench:quick                             # every case, small and short (CI; < 90 s)
//   node --expose-gc bench/run.mjs --only guard     # one case (comma-separated for several)
//   node --expose-gc bench/run.mjs --out bench/results/bench-<date>.md
//
// Cases: calls (the call pipeline rows, bench/core-calls.mjs), guard (bench/guard.mjs),
// redaction (bench/redaction.mjs), disabled (bench/disabled.mjs), scrape (bench/scrape.mjs, by
// series count), memory (bench/memory.mjs: distinct tool names, pending runs), peers
// (bench/peers.mjs, only once `npm run bench:peers` has installed the peers).
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    out: { type: 'string' },
  },
});
const quick = flags.quick;
const here = (path) => fileURLToPath(new URL(path, import.meta.url));

/** name -> scripts to run, each with its full and its quick arguments. */
const CASES = {
  calls: [{ script: 'core-calls.mjs', full: [], quick: ['--quick'] }],
  guard: [
    {
      script: 'guard.mjs',
      full: ['--rounds', '11', '--iterations', '20000'],
      quick: ['--rounds', '3', '--iterations', '2000', '--names', '100000'],
    },
  ],
  redaction: [{ script: 'redaction.mjs', full: ['--rounds', '11'], quick: ['--rounds', '3'] }],
  disabled: [
    {
      script: 'disabled.mjs',
      full: ['--iterations', '200000', '--rounds', '11'],
      quick: ['--iterations', '20000', '--rounds', '3'],
    },
  ],
  scrape: [
    {
      script: 'scrape.mjs',
      full: ['--agents', '100', '--rounds', '5'],
      quick: ['--agents', '20', '--rounds', '2'],
    },
    { script: 'scrape.mjs', full: ['--agents', '1000', '--rounds', '3'], quick: null },
  ],
  memory: [
    {
      script: 'memory.mjs',
      full: ['--names', '1000000', '--rounds', '5'],
      quick: ['--names', '100000', '--rounds', '3'],
    },
  ],
  peers: [
    {
      script: 'peers.mjs',
      full: [],
      quick: ['--quick'],
      needs: 'peers/node_modules/@traceloop/node-server-sdk',
    },
  ],
};
const only = flags.only?.split(',').map((name) => name.trim());
for (const name of only ?? []) {
  if (!(name in CASES)) {
    console.error(`--only: unknown case "${name}"; cases: ${Object.keys(CASES).join(', ')}`);
    process.exit(2);
  }
}
const selected = Object.keys(CASES).filter((name) => !only || only.includes(name));

// ---- machine-speed reference: FNV-1a over 1 KiB, CPU time per pass, median of 11 ----------
const TEXT = 'The agent looked up the refund policy and answered the customer. '.repeat(16).slice(0, 1024);
let sink = 0;
function fnv(text) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}
function reference() {
  const samples = [];
  for (let round = 0; round < 11; round++) {
    const start = process.cpuUsage();
    for (let i = 0; i < 2_000; i++) sink += fnv(TEXT);
    const { user, system } = process.cpuUsage(start);
    samples.push(((user + system) * 1000) / 2_000);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[5], min: samples[0], max: samples[10] };
}
const machine = () => {
  const list = cpus();
  return `${list.length} × ${list[0]?.model.trim() ?? 'unknown CPU'}`;
};
const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' / ');
const referenceText = (r) => `${r.median.toFixed(0)} ns (${r.min.toFixed(0)}–${r.max.toFixed(0)})`;

function runScript(script, args) {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--expose-gc', here(script), ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk) => process.stderr.write(chunk));
    child.on('close', (code) => resolve({ code, out, seconds: (performance.now() - started) / 1000 }));
  });
}

const command = `node --expose-gc bench/run.mjs${quick ? ' --quick' : ''}${flags.only ? ` --only ${flags.only}` : ''}${flags.out ? ` --out ${flags.out}` : ''}`;
const startLoad = load();
const before = reference();
const sections = [];
let failed = 0;
for (const name of selected) {
  for (const { script, full, quick: quickArgs, needs } of CASES[name]) {
    const args = quick ? quickArgs : full;
    if (!args) continue;
    const title = `${name}: node --expose-gc bench/${script}${args.length ? ` ${args.join(' ')}` : ''}`;
    console.log(`\n## ${title}\n`);
    if (!existsSync(here(script))) {
      sections.push(`## ${title}\n\nnot run: bench/${script} is not in this tree.`);
      console.log('not run: script missing');
      continue;
    }
    if (needs && !existsSync(here(needs))) {
      const why = `not run: the peers are not installed (\`npm run bench:peers\` installs them into bench/peers/node_modules and runs them).`;
      sections.push(`## ${title}\n\n${why}`);
      console.log(why);
      continue;
    }
    const result = await runScript(script, args);
    if (result.code !== 0) failed++;
    console.log(`(${result.seconds.toFixed(1)} s wall, exit code ${result.code})`);
    sections.push(
      `## ${title}\n\n${result.out.trim()}\n\n(${result.seconds.toFixed(1)} s wall, exit code ${result.code}, load average ${load()} after it)`,
    );
  }
}
const after = reference();

const header = [
  `# Benchmark, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
  '',
  `Command: \`${command}\` (through \`npm run\`, which puts the pinned Node first), after \`npm run build\`.`,
  '',
  `Machine: ${machine()}, Node ${process.version}, ${process.platform}/${process.arch}. Load average (1 / 5 / 15 min): ${startLoad} at the start, ${load()} at the end.`,
  '',
  `Machine-speed reference (FNV-1a over 1 KiB, CPU ns per pass, median (min–max) of 11): ${referenceText(before)} before, ${referenceText(after)} after. About 1.2–1.6 µs on an idle 2.5–3.5 GHz core; divide by it to compare runs made under different load.`,
];
const text = `${header.join('\n')}\n\n${sections.join('\n\n')}\n`;
console.log(`\n${header.join('\n')}`);
console.log(`(sink ${sink > 0 ? 'ok' : 'empty'}; ${failed} script(s) failed)`);
if (flags.out) writeFileSync(flags.out, text);
process.exitCode = failed ? 1 : 0;
