import type { CommandAllowList } from './command-allow-list.js';
import { CONSTRUCT_REASONS, type ShellConstructKind } from './construct-kinds.js';
import { loadsCode } from './environment.js';
import { executesArguments } from './executes-arguments.js';
import { redirectWrites, writesFileByOption } from './file-writing-options.js';
import { interpreterUse, isPosixShell } from './interpreter-code.js';
import { variablesAreSafe } from './known-variables.js';
import { expandLongOptionPrefixes } from './long-option-prefixes.js';
import { optionWritesOutside, outsideScript, TEXT_READERS } from './output-options.js';
import type { RawCommand } from './parser.js';
import { escapesProject } from './project-escape.js';
import { redefinesNames } from './shell-builtins.js';
import { shownName as short } from './shown-name.js';
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
/** Code passed as a data: URL (`--plugin=data:text/javascript,...`), which a loader would import. */
const DATA_URL_CODE = /data:[^,]*(?:java|ecma|type)script|data:[^,]*wasm|data:[^,]*python/i;
const STDIN_OPERATORS = new Set(['<', '<<', '<<-', '<<<', '<>', '<&']);
const STDIN_ARGUMENT = /(?:^|=|^-[A-Za-z])(?:-|\/dev\/stdin|\/dev\/fd\/\d+|\/proc\/[^/]+\/fd\/\d+)$/;
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
  if (argv.slice(1).some((arg) => DATA_URL_CODE.test(arg)) && !allowed('inline-code'))
    return denied('inline-code', 'a data: URL of code');
  const interpreter = interpreterUse(argv);
  if (interpreter !== undefined) {
    if (interpreter.shellScript !== undefined && isPosixShell(program)) {
      if (stdinFed && interpreter.readsStdin && !allowed('pipe-to-interpreter'))
        return denied('pipe-to-interpreter', short(program));
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
  const readings: (readonly string[])[] = [argv];
  if (words.some((word) => word.pattern === true)) {
    const expanded = words.flatMap((word) =>
      word.pattern === true ? expandBraces(word.value) : [word.value],
    );
    if (expanded.length !== argv.length || expanded.some((value, index) => value !== argv[index]))
      readings.push(expanded);
  }
  for (const reading of [...readings]) {
    const spelledOut = expandLongOptionPrefixes(reading);
    if (spelledOut !== reading) readings.push(spelledOut);
  }
  for (const reading of readings) {
    const writes = writesFileByOption(reading) ?? optionWritesOutside(reading);
    if (writes !== undefined && !allowed('file-write')) return denied('file-write', writes);
  }
  for (const reading of readings) {
    const reaches = escapesProject(reading);
    if (reaches === undefined) continue;
    if (reaches.check === 'git-discard-work') return { check: reaches.check, reason: reaches.reason };
    if (!allowed(reaches.check)) return denied(reaches.check, reaches.reason);
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
