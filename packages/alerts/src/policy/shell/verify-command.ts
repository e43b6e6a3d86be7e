import type { CommandAllowList } from './command-allow-list.js';
import { CONSTRUCT_REASONS, type ShellConstructKind } from './construct-kinds.js';
import { isCriticalPath, normalizePath } from './critical-paths.js';
import { isSystemFile } from './destructive-programs.js';
import { loadsCode } from './environment.js';
import { interpreterUse, isPosixShell } from './interpreter-code.js';
import type { RawCommand } from './parser.js';
import { executesArguments, redefinesNames, redirectWrites, writesFileByOption } from './program-effects.js';
import { expandBraces } from './static-expansion.js';
import type { WordToken } from './tokens.js';
import { unwrapCommand } from './wrappers.js';

/** Why a shell command line is denied: `check` names the check (`dynamic-command`, `rm-recursive-force`, ...). */
export interface ShellDenial {
  readonly check: string;
  readonly reason: string;
}

/** What the per-command checks need from the policy, and how they recurse into scripts. */
export interface CommandContext {
  readonly commands: CommandAllowList | undefined;
  readonly allow: ReadonlySet<ShellConstructKind>;
  /** Verifies a script (`bash -c '...'`, what an allowed wrapper runs) one level deeper. */
  verifyScript(text: string, depth: number): ShellDenial | undefined;
}

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)(\[[^\]]*\])?\+?=/;
/** Builtins that evaluate array subscripts in the names they are given (arithmetic). */
const SUBSCRIPT_BUILTINS = new Set([
  'printf',
  'read',
  'declare',
  'typeset',
  'local',
  'export',
  'readonly',
  'unset',
  'mapfile',
  'readarray',
  'getopts',
  'wait',
  'test',
  '[',
  '[[',
  'let',
]);
/** Programs that do damage with whatever arguments `xargs` appends to them. */
const DAMAGING = new Set([
  'rm',
  'rmdir',
  'unlink',
  'shred',
  'truncate',
  'dd',
  'mv',
  'cp',
  'ln',
  'chmod',
  'chown',
  'chgrp',
  'kill',
  'pkill',
  'killall',
  'find',
  'wipefs',
  'tee',
]);
const STDIN_OPERATORS = new Set(['<', '<<', '<<-', '<<<', '<>', '<&']);
/** Variables whose value is a plain path or name set by the system, never options. */
const SAFE_VARIABLES = new Set([
  'HOME',
  'PWD',
  'OLDPWD',
  'USER',
  'LOGNAME',
  'TMPDIR',
  'HOSTNAME',
  'LANG',
  'TERM',
  '?',
  '$',
  '!',
  '#',
  'RANDOM',
  'SECONDS',
  'LINENO',
]);
const VARIABLE_REFERENCE = /\$(?:\{#?([^}]*)\}|([A-Za-z_][A-Za-z0-9_]*)|([0-9@*#?$!-]))/g;
/** Programs that only read what they are given, so reading standard input as a file (`-`, `/dev/stdin`) is data. */
const TEXT_READERS = new Set([
  'cat',
  'head',
  'tail',
  'wc',
  'grep',
  'egrep',
  'fgrep',
  'rg',
  'sort',
  'uniq',
  'cut',
  'tr',
  'diff',
  'cmp',
  'jq',
  'sed',
  'awk',
  'gawk',
  'mawk',
  'tee',
  'base64',
  'xxd',
  'od',
  'hexdump',
  'less',
  'more',
  'md5sum',
  'sha1sum',
  'sha256sum',
  'sha512sum',
  'file',
  'strings',
  'column',
  'paste',
  'join',
  'comm',
  'nl',
  'fold',
  'fmt',
  'iconv',
  'git',
  'curl',
  'echo',
  'printf',
  'yq',
  'xmllint',
  'tac',
  'rev',
]);
const STDIN_ARGUMENT = /(?:^|=)(?:-|\/dev\/stdin|\/dev\/fd\/\d+|\/proc\/[^/]+\/fd\/\d+)$/;
/** Option names that choose where a program writes, empties or looks for code. */
const OUTPUT_OPTION = /out|dir|file|dest|target|prefix|report|log|cache|te?mp|root|path|base/i;
const COMPILERS = new Set([
  'go',
  'gcc',
  'cc',
  'clang',
  'clang++',
  'g++',
  'c++',
  'rustc',
  'ld',
  'as',
  'zig',
  'nasm',
]);

/** True when writing to `path` reaches outside the working directory (absolute outside /tmp, ~, ..). */
function outsideWorkingDirectory(path: string): boolean {
  if (path === '' || /^\/dev\/(?:null|stdout|stderr)$/.test(path)) return false;
  const { path: normalized } = normalizePath(path);
  if (normalized.startsWith('/')) return !/^\/tmp\/./.test(normalized);
  return (
    normalized.startsWith('~') || normalized === '..' || normalized.startsWith('../') || /[$`]/.test(path)
  );
}

/** Why an option of `argv` points a write at a system, home or outside directory, or undefined. */
function optionWritesOutside(argv: readonly string[]): string | undefined {
  const program = (argv[0] ?? '').slice((argv[0] ?? '').lastIndexOf('/') + 1);
  const reader = TEXT_READERS.has(program);
  for (let index = 1; index < argv.length; index += 1) {
    const arg = argv[index]!;
    const long = /^--?([A-Za-z][\w.-]*)(?:=([\s\S]*))?$/.exec(arg);
    if (long === null) continue;
    const [, name, attached] = long;
    const spaced =
      attached === undefined && arg.startsWith('--') && OUTPUT_OPTION.test(name!)
        ? argv[index + 1]
        : undefined;
    const value = attached ?? spaced;
    if (value === undefined) {
      if (arg === '-o' && COMPILERS.has(program) && outsideWorkingDirectory(argv[index + 1] ?? ''))
        return `${program} -o writes outside the working directory`;
      continue;
    }
    if (
      value !== '' &&
      !/^[-.]$/.test(value) &&
      isCriticalPath(value) &&
      (OUTPUT_OPTION.test(name!) || /^[/~]/.test(value))
    )
      return `option --${short(name!)} points at a root, system or home directory`;
    if (isSystemFile(value)) return `option --${short(name!)} points at a system file`;
    if (!reader && OUTPUT_OPTION.test(name!) && outsideWorkingDirectory(value))
      return `option --${short(name!)} writes outside the working directory`;
  }
  return undefined;
}

/** True when a script operand lies outside the project (absolute, ~, .., node_modules). */
function outsideScript(script: string): boolean {
  if (script.includes('node_modules/') || script.startsWith('~')) return true;
  const { path } = normalizePath(script);
  return path.startsWith('/') || path === '..' || path.startsWith('../');
}

/** The value recorded for a `for` variable over static paths: safe only inside double quotes. */
export const LOOP_ITEM = '\u0000loop item';

/** True when every variable `raw` reads is a system path or a value assigned earlier on the line that cannot be an option. */
function variablesAreSafe(raw: string, variables: ReadonlyMap<string, string | undefined>): boolean {
  for (const match of raw.matchAll(VARIABLE_REFERENCE)) {
    const name = match[1] ?? match[2] ?? match[3] ?? '';
    if (SAFE_VARIABLES.has(name)) continue;
    const value = variables.get(name);
    if (value === LOOP_ITEM) {
      if (/^"(?:[^"\\]|\\.)*"$/.test(raw)) continue;
      return false;
    }
    if (value === undefined || value === '' || /^[-+]|[\s*?[\]{}]/.test(value)) return false;
  }
  return true;
}

/**
 * A program or option name as shown in a reason: a short lower-case word; anything else
 * (longer, capitals, paths, other characters) is shown as `…`, so no argument value leaks.
 */
const short = (text: string): string => (/^[a-z0-9][a-z0-9._+-]{0,15}$/.test(text) ? text : '…');
const denied = (check: ShellConstructKind, detail?: string): ShellDenial => ({
  check,
  reason: detail === undefined ? CONSTRUCT_REASONS[check] : `${detail}: ${CONSTRUCT_REASONS[check]}`,
});

/** The program and, when it looks like one, its subcommand: never free text from the arguments. */
function displayName(argv: readonly string[]): string {
  const program = short(argv[0] ?? '');
  const sub = argv[1];
  return sub !== undefined && short(sub) !== '…' ? `${program} ${sub}` : program;
}

function describeList(list: CommandAllowList): string {
  const shown = list.entries.slice(0, 12).join(', ');
  return list.entries.length > 12 ? `${shown}, …` : shown;
}

/** Checks every word of a simple command; returns the first reason to deny it. */
export function verifyCommand(
  raw: RawCommand,
  depth: number,
  context: CommandContext,
  variables: ReadonlyMap<string, string | undefined> = new Map(),
): ShellDenial | undefined {
  const allowed = (kind: ShellConstructKind): boolean => context.allow.has(kind);
  let start = 0;
  for (; start < raw.words.length; start += 1) {
    const word = raw.words[start]!;
    const assignment = ASSIGNMENT.exec(word.raw);
    if (assignment === null) break;
    if (assignment[2] !== undefined && /[$`]/.test(assignment[2]) && !allowed('arithmetic'))
      return denied('arithmetic', 'an array subscript in an assignment');
    if (loadsCode(assignment[1]!) && !allowed('environment'))
      return denied('environment', `setting ${assignment[1]}`);
  }
  for (const redirect of raw.redirects) {
    if (redirectWrites(redirect.operator, redirect.target) && !allowed('file-write'))
      return denied('file-write', `redirection ${redirect.operator} to a file`);
  }
  const words = raw.words.slice(start);
  if (words.length === 0) return undefined;
  const name = words[0]!;
  if ((name.dynamic === true || name.pattern === true) && !allowed('dynamic-command'))
    return denied('dynamic-command', 'the program name');
  const stdinFed =
    raw.stage > 0 ||
    raw.redirects.some(
      (redirect) => STDIN_OPERATORS.has(redirect.operator) && !/^\d*-?$/.test(redirect.target),
    );
  const program = name.value.slice(name.value.lastIndexOf('/') + 1);
  if (!allowed('parameter-expansion') && program !== 'echo') {
    const unsafe = words.find((word) => word.dynamic === true && !variablesAreSafe(word.raw, variables));
    if (unsafe !== undefined)
      return denied(
        'parameter-expansion',
        'an argument holds a variable that may expand to options or several words',
      );
  }
  if (stdinFed && !TEXT_READERS.has(program) && !allowed('pipe-to-interpreter')) {
    if (words.slice(1).some((word) => STDIN_ARGUMENT.test(word.value)))
      return denied(
        'pipe-to-interpreter',
        `${short(program)} is given its input as a file, which it may run`,
      );
  }
  return verifyWords(words, stdinFed, depth, context);
}

/** Checks one argument vector (with word details when it comes from the lexer). */
export function verifyWords(
  words: readonly Pick<WordToken, 'value' | 'dynamic' | 'pattern'>[],
  stdinFed: boolean,
  depth: number,
  context: CommandContext,
): ShellDenial | undefined {
  const allowed = (kind: ShellConstructKind): boolean => context.allow.has(kind);
  const argv = words.map((word) => word.value);
  const program = argv[0] ?? '';
  const entry = context.commands?.match(words);
  if (context.commands !== undefined && entry === undefined) {
    return {
      check: 'commands',
      reason: `"${displayName(argv)}" is not in the shell allow list (${describeList(context.commands)})`,
    };
  }
  if (SUBSCRIPT_BUILTINS.has(program)) {
    if (program === 'let' && !allowed('arithmetic')) return denied('arithmetic', 'let');
    if (argv.some((arg) => /\[[^\]]*[$`]/.test(arg)) && !allowed('arithmetic'))
      return denied('arithmetic', `an array subscript given to ${program}`);
    if (program === '[[' && !allowed('arithmetic')) {
      const comparesNumbers = argv.some((arg) => /^-(?:eq|ne|lt|le|gt|ge)$/.test(arg));
      if (comparesNumbers && words.some((word) => word.dynamic === true))
        return denied('arithmetic', '[[ -eq ]] of a variable');
    }
    if (
      ['declare', 'typeset', 'local'].includes(program) &&
      argv.some((arg) => /^-[a-zA-Z]*i/.test(arg)) &&
      !allowed('arithmetic')
    )
      return denied('arithmetic', `${program} -i`);
  }
  if (['export', 'declare', 'typeset', 'local', 'readonly'].includes(program)) {
    for (const arg of argv.slice(1)) {
      const variable = /^([A-Za-z_][A-Za-z0-9_]*)/.exec(arg)?.[1];
      if (variable !== undefined && loadsCode(variable) && !allowed('environment'))
        return denied('environment', `setting ${variable}`);
    }
  }
  const redefines = redefinesNames(argv);
  if (redefines !== undefined && !allowed('eval'))
    return { check: 'eval', reason: `${redefines}: ${CONSTRUCT_REASONS.eval}` };
  if (program === 'eval' || program === 'source' || program === '.') {
    if (program !== 'eval') return undefined;
    return context.verifyScript(argv.slice(1).join(' '), depth + 1);
  }
  const interpreter = interpreterUse(argv);
  if (interpreter !== undefined) {
    if (interpreter.shellScript !== undefined && isPosixShell(program)) {
      if (stdinFed && interpreter.readsStdin && !allowed('pipe-to-interpreter'))
        return denied('pipe-to-interpreter', program);
      return context.verifyScript(interpreter.shellScript, depth + 1);
    }
    if (interpreter.inline !== undefined && !allowed('inline-code'))
      return denied('inline-code', `${short(program)} ${short(interpreter.inline)}`);
    if (interpreter.readsStdin && stdinFed && !allowed('pipe-to-interpreter'))
      return denied('pipe-to-interpreter', `input fed to ${short(program)}`);
    if (interpreter.readsStdin && !stdinFed && interpreter.interactive !== false && !allowed('inline-code'))
      return denied('inline-code', `${short(program)} reads the code to run from its input`);
  }
  if (interpreter?.script !== undefined && outsideScript(interpreter.script) && !allowed('outside-script'))
    return denied('outside-script', short(program));
  const readings = [argv];
  if (words.some((word) => word.pattern === true)) {
    const expanded = words.flatMap((word) =>
      word.pattern === true ? expandBraces(word.value) : [word.value],
    );
    if (expanded.length !== argv.length || expanded.some((value, index) => value !== argv[index]))
      readings.push(expanded);
  }
  for (const reading of readings) {
    const writes = writesFileByOption(reading) ?? optionWritesOutside(reading);
    if (writes !== undefined && !allowed('file-write')) return denied('file-write', writes);
  }
  const executes = readings.map(executesArguments).find((found) => found !== undefined);
  if (executes !== undefined) {
    // An allow-list entry that spells the package runner and its program (`npx tsc`) allows it.
    if (executes.packageRunner === true && entry !== undefined && /\s\S/.test(entry.trim())) return undefined;
    if (!allowed('executes-arguments') || !executes.readable)
      return denied('executes-arguments', executes.reason);
    return verifyWrapped(argv, depth, context);
  }
  return undefined;
}

/** With `executes-arguments` allowed: the command a wrapper runs is checked like any other. */
function verifyWrapped(
  argv: readonly string[],
  depth: number,
  context: CommandContext,
): ShellDenial | undefined {
  const step = unwrapCommand(argv, []);
  const appends = /^xargs$|^find$/i.test(argv[0]!.slice(argv[0]!.lastIndexOf('/') + 1));
  for (const inner of step.commands ?? []) {
    const innerName = (inner[0] ?? '').slice((inner[0] ?? '').lastIndexOf('/') + 1);
    if (appends && DAMAGING.has(innerName))
      return denied(
        'executes-arguments',
        `${short(argv[0]!)} gives ${innerName} arguments the policy cannot see`,
      );
    const denial = verifyWords(
      inner.map((value) => ({ value })),
      false,
      depth + 1,
      context,
    );
    if (denial !== undefined) return denial;
  }
  for (const script of step.scripts ?? []) {
    const denial = context.verifyScript(script, depth + 1);
    if (denial !== undefined) return denial;
  }
  return undefined;
}
