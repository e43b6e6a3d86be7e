import type { ShellAnalysis, ShellCommand } from './analysis.js';
import { commandName, isShellName } from './wrappers.js';

/** Checks over a whole analysed command line: code executed from a download or a decoder, fork bombs. */

type Argv = readonly string[];

export const DOWNLOADERS = new Set(['curl', 'wget', 'fetch', 'aria2c', 'xh', 'lwp-request', 'http', 'https']);
export const DOWNLOAD_TEXT = /\b(?:curl|wget|fetch|aria2c|xh|lwp-request)\b/i;
/** Inline-code flags per interpreter: with one of them the interpreter does not read code from stdin. */
const INTERPRETERS: ReadonlyMap<string, RegExp> = new Map([
  ...['sh', 'bash', 'zsh', 'dash', 'ksh', 'mksh', 'ash', 'rbash', 'fish', 'posh', 'yash'].map(
    (name) => [name, /^-[a-zA-Z]*c[a-zA-Z]*$|^--command/] as const,
  ),
  ...['python', 'python2', 'python3', 'pypy', 'pypy3'].map((name) => [name, /^-[a-zA-Z]*[cm]/] as const),
  ...['perl', 'ruby', 'node', 'nodejs', 'bun', 'deno'].map(
    (name) => [name, /^-[a-zA-Z]*[ep]|^--eval/] as const,
  ),
  ['php', /^-[a-zA-Z]*r/],
  ['lua', /^-[a-zA-Z]*e/],
]);

/** True when `argv` is an interpreter that would execute code read from standard input. */
function executesStdin(argv: Argv): boolean {
  const inline = INTERPRETERS.get(commandName(argv));
  if (inline === undefined) return false;
  const args = argv.slice(1).filter((arg) => !arg.startsWith('<') && !arg.startsWith('>'));
  if (args.some((arg) => inline.test(arg))) return false;
  if (isShellName(commandName(argv)) && args.includes('-s')) return true;
  return args.every((arg) => arg === '-' || arg.startsWith('-') || arg.startsWith('+'));
}

const runsAny = (command: ShellCommand, test: (argv: Argv) => boolean): boolean => command.runs.some(test);

/**
 * True when code produced by one of `sources` is executed: piped into an interpreter
 * reading standard input, run as the command name of a substitution, or passed to an
 * interpreter or `source` as a substitution (`bash <(curl ...)`).
 */
export function executesOutputOf(
  analysis: ShellAnalysis,
  sources: ReadonlySet<string>,
  sourceText: RegExp,
): boolean {
  const pipelines = new Map<number, ShellCommand[]>();
  const executesSubstitution = (argv: Argv): boolean =>
    (/^(?:\$\(|`)/.test(argv[0] ?? '') && sourceText.test(argv[0]!)) ||
    ((INTERPRETERS.has(commandName(argv)) || ['source', '.'].includes(commandName(argv))) &&
      argv.slice(1).some((arg) => /^(?:<\(|\$\(|`)/.test(arg) && sourceText.test(arg)));
  for (const command of analysis.commands) {
    const stages = pipelines.get(command.pipeline) ?? [];
    stages.push(command);
    pipelines.set(command.pipeline, stages);
    if (runsAny(command, executesSubstitution)) return true;
  }
  for (const stages of pipelines.values()) {
    const source = stages.find((stage) => runsAny(stage, (argv) => sources.has(commandName(argv))));
    if (source === undefined) continue;
    if (stages.some((stage) => stage.stage > source.stage && runsAny(stage, executesStdin))) return true;
  }
  return false;
}

export const DECODERS = new Set([
  'base64',
  'base32',
  'basenc',
  'xxd',
  'uudecode',
  'openssl',
  'gunzip',
  'gzip',
  'zcat',
  'bzcat',
  'xzcat',
  'rev',
]);
export const DECODE_TEXT = /\b(?:base64|base32|basenc|xxd|uudecode|openssl|gunzip|zcat|bzcat|xzcat|rev)\b/i;

export function definesForkBomb(analysis: ShellAnalysis): boolean {
  return analysis.functions.some((name) => {
    const selfCalls = analysis.commands.filter(
      (command) => command.functionName === name && command.runs.some((argv) => argv[0] === name),
    );
    return selfCalls.length >= 2;
  });
}
