import { embeddedCommands } from './embedded-commands.js';
import { lexShell, type RedirectToken, ShellNestingError } from './lexer.js';
import { parseTokens, type RawCommand } from './parser.js';
import { expandArgv, expandWord, staticOutput } from './static-expansion.js';
import { foldShellText } from './text.js';
import { commandName, isShellName, unwrapCommand } from './wrappers.js';

/** A simple command, normalised, with everything it runs. */
export interface ShellCommand {
  /**
   * The command as written, normalised: quotes and escapes removed, leading `NAME=value`
   * assignments dropped, the command name reduced to its basename (`/usr/bin/rm` → `rm`),
   * redirections appended as one word each (`>/dev/sda`, `>>log`, `<input`).
   */
  readonly argv: readonly string[];
  /** `argv` first, then every command it runs through a wrapper (`sudo`, `env`, `xargs`, `find -exec` ...). */
  readonly runs: readonly (readonly string[])[];
  readonly pipeline: number;
  readonly stage: number;
  readonly background: boolean;
  readonly functionName: string | undefined;
}

export interface ShellAnalysis {
  /** Every simple command, including those inside substitutions and `sh -c`/`eval` scripts. */
  readonly commands: readonly ShellCommand[];
  /** Names of the functions the text defines. */
  readonly functions: readonly string[];
  /** False when a length or nesting limit stopped the analysis before it saw everything. */
  readonly complete: boolean;
}

/** Longer command lines are not parsed (the analysis is marked incomplete). */
export const MAX_SHELL_TEXT_LENGTH = 262_144;
/** Scripts inside scripts (`sh -c "eval '...'"`) are followed this deep. */
export const MAX_SCRIPT_DEPTH = 16;
/** Wrapper chains (`sudo env nice xargs ...`) are followed this far per command. */
const MAX_UNWRAP_STEPS = 64;
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*\+?=/;

/** Builtins whose operands are assignments (`export a=rm`). */
const DECLARATIONS = new Set(['export', 'declare', 'typeset', 'local', 'readonly']);
/** Variables remembered per script, at most. */
const MAX_VARIABLES = 256;

interface Context {
  readonly commands: ShellCommand[];
  readonly functions: string[];
  complete: boolean;
  pipelines: number;
}

/** Drops leading assignments and reduces the command name to its basename. */
export function normalizeArgv(argv: readonly string[]): string[] {
  let start = 0;
  while (start < argv.length - 1 && ASSIGNMENT.test(argv[start]!)) start += 1;
  const result = argv.slice(start);
  const name = result[0];
  if (name?.includes('/') && !name.endsWith('/') && !/^(?:\$\(|`|<\()/.test(name)) {
    result[0] = name.slice(name.lastIndexOf('/') + 1);
  }
  return result;
}

const redirectWord = (redirect: RedirectToken): string | undefined =>
  redirect.input === undefined ? `${redirect.operator}${redirect.target}` : undefined;

function redirectWords(command: RawCommand): string[] {
  return command.redirects.flatMap((redirect) => redirectWord(redirect) ?? []);
}

/** The command's argument vector, and the one static expansion gives when it differs. */
function argvOf(command: RawCommand, variables: ReadonlyMap<string, string>): string[][] {
  let start = 0;
  while (start < command.words.length && ASSIGNMENT.test(command.words[start]!.raw)) start += 1;
  const words = command.words.slice(start).map((word) => word.value);
  const argv = [...(words.length > 0 ? normalizeArgv(words) : []), ...redirectWords(command)];
  const expanded = expandArgv(words, variables);
  if (expanded === undefined || expanded.length === 0) return [argv];
  return [argv, [...normalizeArgv(expanded), ...redirectWords(command)]];
}

function analyzeScript(text: string, depth: number, context: Context): void {
  let lexed: ReturnType<typeof lexShell>;
  try {
    lexed = lexShell(foldShellText(text));
  } catch (error) {
    if (!(error instanceof ShellNestingError)) throw error;
    context.complete = false;
    return;
  }
  const variables = new Map<string, string>();
  for (const tokens of [lexed.tokens, ...lexed.substitutions]) {
    const parsed = parseTokens(tokens, () => context.pipelines++);
    context.functions.push(...parsed.functions);
    let previous: { readonly pipeline: number; readonly output: readonly string[] } | undefined;
    for (const raw of parsed.commands) {
      rememberAssignments(raw, variables);
      const piped = raw.stage > 0 && previous?.pipeline === raw.pipeline ? previous.output : [];
      previous = { pipeline: raw.pipeline, output: analyzeCommand(raw, piped, depth, context, variables) };
    }
  }
}

/** Records `name=value` of a command made only of assignments (or `export name=value`). */
function rememberAssignments(raw: RawCommand, variables: Map<string, string>): void {
  const words = raw.words;
  const start = words.length > 0 && DECLARATIONS.has(words[0]!.value) ? 1 : 0;
  if (start === 0 && !words.every((word) => ASSIGNMENT.test(word.raw))) return;
  for (const word of words.slice(start)) {
    const match = /^([A-Za-z_][A-Za-z0-9_]*)\+?=/.exec(word.value);
    if (match === null || (variables.size >= MAX_VARIABLES && !variables.has(match[1]!))) continue;
    const value = expandWord(word.value.slice(match[0].length), variables);
    variables.set(match[1]!, match[0].endsWith('+=') ? `${variables.get(match[1]!) ?? ''}${value}` : value);
  }
}

/** Scripts a shell, `eval` or `source` would read from a substitution whose output the text tells. */
function substitutedScripts(argv: readonly string[]): string[] {
  const name = commandName(argv);
  if (!isShellName(name) && !['eval', 'source', '.'].includes(name)) return [];
  const scripts: string[] = [];
  for (const arg of argv.slice(1)) {
    const body = /^(?:<\(|\$\()([\s\S]*)\)$/.exec(arg)?.[1] ?? /^`([\s\S]*)`$/.exec(arg)?.[1];
    const output = body === undefined ? undefined : staticOutput(body);
    if (output !== undefined) scripts.push(output);
  }
  return scripts;
}

/**
 * Text a command writes to standard output that a following pipeline stage might run:
 * `echo`/`printf` arguments, or what `cat` passes through. Backslash-n becomes a newline
 * (as `echo -e` and `printf` would), which can only expose more commands.
 */
function outputOf(runs: readonly (readonly string[])[], stdin: readonly string[]): string[] {
  const last = runs.at(-1) ?? [];
  const name = (last[0] ?? '').toLowerCase();
  const operands = last.slice(1).filter((arg) => !/^(?:-[a-zA-Z]+$|[<>]|&>)/.test(arg));
  if (name === 'echo' || name === 'printf') return [operands.join(' ').replaceAll('\\n', '\n')];
  if (name === 'cat' && operands.length === 0) return [...stdin];
  return [];
}

/** Records one command and what it runs; returns what it writes to standard output (see `outputOf`). */
function analyzeCommand(
  raw: RawCommand,
  piped: readonly string[],
  depth: number,
  context: Context,
  variables: ReadonlyMap<string, string>,
): string[] {
  const variants = argvOf(raw, variables);
  const argv = variants[0]!;
  const stdin = [
    ...piped,
    ...raw.redirects.flatMap((redirect) => (redirect.input === undefined ? [] : [redirect.input])),
  ];
  const runs: (readonly string[])[] = [...variants];
  const scripts: string[] = [];
  const queue: (readonly string[])[] = [...variants];
  for (let steps = 0; queue.length > 0 && steps < MAX_UNWRAP_STEPS; steps += 1) {
    const next = queue.shift()!;
    const step = unwrapCommand(next, stdin);
    scripts.push(...substitutedScripts(next));
    if (step.scripts !== undefined) scripts.push(...step.scripts);
    const commands = step.commands ?? (step.scripts === undefined ? embeddedCommands(next) : []);
    for (const inner of commands) {
      const normalized = normalizeArgv(inner);
      if (normalized.length === 0) continue;
      runs.push(normalized);
      queue.push(normalized);
    }
  }
  if (queue.length > 0) context.complete = false;
  context.commands.push({
    argv,
    runs,
    pipeline: raw.pipeline,
    stage: raw.stage,
    background: raw.background,
    functionName: raw.functionName,
  });
  for (const script of scripts) {
    if (depth + 1 > MAX_SCRIPT_DEPTH) context.complete = false;
    else analyzeScript(script, depth + 1, context);
  }
  return outputOf(runs, stdin);
}

const CACHE_LIMIT = 256;
const CACHEABLE_LENGTH = 16_384;
const cache = new Map<string, ShellAnalysis>();

/**
 * Parses a command line into the simple commands it would run. Results for short inputs
 * are kept in a small bounded cache, so several rules checking one command parse it once.
 */
export function analyzeShell(text: string): ShellAnalysis {
  const cached = cache.get(text);
  if (cached !== undefined) return cached;
  const context: Context = { commands: [], functions: [], complete: true, pipelines: 0 };
  if (text.length > MAX_SHELL_TEXT_LENGTH) context.complete = false;
  else analyzeScript(text, 0, context);
  const analysis: ShellAnalysis = Object.freeze({
    commands: context.commands,
    functions: context.functions,
    complete: context.complete,
  });
  if (text.length <= CACHEABLE_LENGTH) {
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(text, analysis);
  }
  return analysis;
}
