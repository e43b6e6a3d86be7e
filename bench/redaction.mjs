// Measures the redactor, per KiB of text, against the built core package (run `npm run build`
// first): ordinary texts (an agent's thought, a JSON log line, digits that are not cards,
// text full of e-mail addresses, text full of secrets) in interleaved rounds with the median
// and spread, then adversarial inputs at 64 KiB and 1 MiB, where a linear redactor costs the
// same per KiB at both sizes.
//
//   npm run build && node bench/redaction.mjs [--rounds 11] [--out bench/results/redaction-<date>.md]
//   node bench/redaction.mjs --baseline /path/to/other/index.js   # also measure another build's
//                                                                 # createRedactor, interleaved
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const { values: flags } = parseArgs({
  options: {
    rounds: { type: 'string', default: '11' },
    out: { type: 'string' },
    baseline: { type: 'string' },
  },
});
const rounds = Number(flags.rounds);
const { createRedactor } = await import('../packages/core/dist/index.js');
const redact = createRedactor();
const baseline = flags.baseline
  ? (await import(pathToFileURL(flags.baseline).href)).createRedactor()
  : undefined;

const toKiB = (unit) => {
  let text = '';
  while (text.length < 1024) text += unit;
  return text.slice(0, 1024);
};

const thought =
  'The customer asked why order 48213 placed on 2026-06-11 was charged twice. I will look up the ' +
  'invoice in billing, then check the refund policy in the knowledge base: refunds above 200 USD ' +
  'need approval, and the key question is whether the second charge settled. The tool returned ' +
  'status=pending, amount 129.99, currency EUR, attempt 2 of 3 (took 412 ms). Next step: call ' +
  'ticketing.update with a note, then reply kindly; no need to escalate unless the token budget ' +
  'of 4096 runs out. ';
const logLine =
  '{"level":"info","time":"2026-11-28T05:22:13.418Z","service.name":"support-bot","msg":"tool call",' +
  '"tool":"kb.search","duration_ms":12.7,"outcome":"success","args":{"query":"refund policy for ' +
  'order 48213","limit":5},"trace_id":"4bf92f3577b34da6a3ce929d0e0e4736","span_id":"00f067aa0ba902b7"}\n';
const digits = '4111 1111 1111 1112 ';
const emails = 'write to jane.doe+billing@example.co.uk or ops@support-desk.io; ';
const secrets =
  'key sk-proj-abcdefghijklmnopqrstuvwxyz0123456789ABCD token ghp_0123456789abcdefghijklmnopqrstuvwxyz ' +
  'Authorization: Bearer 9f8e7d6c5b4a39281706f5e4d3c2b1a0 password=hunter2hunter2 ' +
  'postgres://app:s3cr3t@10.0.0.5:5432/db card 4111 1111 1111 1111 ';

const cases = [
  ['thought (prose, numbers, "key", "token", ":")', toKiB(thought)],
  ['JSON log line', toKiB(logLine)],
  ['digit runs failing the Luhn check', toKiB(digits)],
  ['e-mail addresses', toKiB(emails)],
  ['secrets of several kinds', toKiB(secrets)],
];

let sink = 0;
/**
 * CPU time of this process in nanoseconds. On a shared machine, wall time counts the time
 * other processes held the core; the process's own CPU time does not.
 */
const cpuNs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) * 1000;
};
/** Nanoseconds of CPU per call of `redact(text)`, over at least ~20 ms. */
function time(text, run = redact) {
  let iterations = 1;
  for (;;) {
    const start = cpuNs();
    for (let i = 0; i < iterations; i++) sink += run(text).length;
    const ns = cpuNs() - start;
    if (ns > 20e6) return ns / iterations;
    iterations *= 2;
  }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

for (const [, text] of cases) time(text); // warm up
const samples = cases.map(() => []);
const baselineSamples = cases.map(() => []);
for (let round = 0; round < rounds; round++) {
  cases.forEach(([, text], index) => {
    samples[index].push(time(text) / 1000 / (text.length / 1024));
    if (baseline) baselineSamples[index].push(time(text, baseline) / 1000 / (text.length / 1024));
  });
}

const lines = [
  `Redaction, µs of CPU per KiB: median of ${rounds} interleaved rounds (min–max), Node ${process.version}.`,
  '',
  baseline
    ? `| text (1 KiB) | median µs/KiB | min–max | baseline median | baseline min–max |`
    : '| text (1 KiB) | median µs/KiB | min–max |',
  baseline ? '|---|---:|---:|---:|---:|' : '|---|---:|---:|',
];
const spread = (values) => `${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)}`;
cases.forEach(([name], index) => {
  const values = samples[index];
  const base = baselineSamples[index];
  lines.push(
    `| ${name} | ${median(values).toFixed(2)} | ${spread(values)} |` +
      (baseline ? ` ${median(base).toFixed(2)} | ${spread(base)} |` : ''),
  );
});

const adversarial = [
  ['one letter repeated', (n) => 'a'.repeat(n)],
  ['one digit repeated', (n) => '1'.repeat(n)],
  ['"4 " repeated', (n) => '4 '.repeat(n / 2)],
  ['"a@" repeated', (n) => 'a@'.repeat(n / 2)],
  ['"a." repeated, then "@"', (n) => `${'a.'.repeat(n / 2)}@`],
  ['"a@" then "b." repeated', (n) => `a@${'b.'.repeat(n / 2)}`],
  ['"sk-" repeated', (n) => 'sk-'.repeat(n / 3)],
  ['"eyJaaaaaaaaaa." repeated', (n) => 'eyJaaaaaaaaaa.'.repeat(n / 14)],
  ['"-----BEGIN PRIVATE KEY-----" repeated', (n) => '-----BEGIN PRIVATE KEY-----'.repeat(n / 27)],
  ['"Bearer " repeated', (n) => 'Bearer '.repeat(n / 7)],
  ['"password=" repeated', (n) => 'password='.repeat(n / 9)],
  ['"token: " repeated', (n) => 'token: '.repeat(n / 7)],
  ['"a://" repeated', (n) => 'a://'.repeat(n / 4)],
  ['"a://b:" then "c" repeated', (n) => `a://b:${'c'.repeat(n)}`],
  ['"+1 " repeated', (n) => '+1 '.repeat(n / 3)],
  ['"DE89 " repeated', (n) => 'DE89 '.repeat(n / 5)],
  ['"123-45-" repeated', (n) => '123-45-'.repeat(n / 7)],
  ['Luhn-failing cards', (n) => digits.repeat(n / digits.length)],
];
lines.push(
  '',
  'Adversarial inputs: µs per KiB at 64 KiB and at 1 MiB (a linear redactor costs the same at both).',
  '',
  '| input | 64 KiB | 1 MiB | ratio |',
  '|---|---:|---:|---:|',
);
for (const [name, make] of adversarial) {
  const small = make(64 * 1024);
  const large = make(1024 * 1024);
  const perKiB = (text) => time(text) / 1000 / (text.length / 1024);
  const a = median([perKiB(small), perKiB(small), perKiB(small)]);
  const b = perKiB(large);
  lines.push(`| ${name} | ${a.toFixed(2)} | ${b.toFixed(2)} | ${(b / a).toFixed(2)} |`);
}

const report = `${lines.join('\n')}\n`;
process.stdout.write(report);
process.stderr.write(`(sink ${sink})\n`);
if (flags.out) writeFileSync(flags.out, report);
