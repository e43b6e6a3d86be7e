import type { CommandAllowList } from './command-allow-list.js';
import { CONSTRUCT_REASONS, type ShellConstructKind } from './construct-kinds.js';
import { loadsCode } from './environment.js';
import { interpreterUse, isPosixShell } from './interpreter-code.js';
import type { RawCommand } from './parser.js';
import { executesArguments, redefinesNames, redirectWrites, writesFileByOption } from './program-effects.js';
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

const short = (text: string): string => (text.length > 32 ? `${text.slice(0, 31)}…` : text);
const denied = (check: ShellConstructKind, detail?: string): ShellDenial => ({
  check,
  reason: detail === undefined ? CONSTRUCT_REASONS[check] : `${detail}: ${CONSTRUCT_REASONS[check]}`,
});

function describeList(list: CommandAllowList): string {
  const shown = list.entries.slice(0, 12).join(', ');
  return list.entries.length > 12 ? `${shown}, …` : shown;
}

/** Checks every word of a simple command; returns the first reason to deny it. */
export function verifyCommand(
  raw: RawCommand,
  depth: number,
  context: CommandContext,
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
      reason: `"${short(argv.slice(0, 2).join(' '))}" is not in the shell allow list (${describeList(context.commands)})`,
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
  const writes = writesFileByOption(argv);
  if (writes !== undefined && !allowed('file-write')) return denied('file-write', writes);
  const executes = executesArguments(argv);
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
      return denied('executes-arguments', `${argv[0]} gives ${innerName} arguments the policy cannot see`);
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
