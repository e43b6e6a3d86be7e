import { lexShell, type RedirectToken, ShellNestingError } from './shell-lexer.js';
import { parseTokens, type RawCommand } from './shell-parser.js';
import { foldShellText } from './shell-text.js';
import { unwrapCommand } from './shell-wrappers.js';

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

function argvOf(command: RawCommand): string[] {
  let start = 0;
  while (start < command.words.length && ASSIGNMENT.test(command.words[start]!.raw)) start += 1;
  const words = command.words.slice(start).map((word) => word.value);
  const argv = words.length > 0 ? normalizeArgv(words) : [];
  for (const redirect of command.redirects) {
    const word = redirectWord(redirect);
    if (word !== undefined) argv.push(word);
  }
  return argv;
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
  for (const tokens of [lexed.tokens, ...lexed.substitutions]) {
    const parsed = parseTokens(tokens, () => context.pipelines++);
    context.functions.push(...parsed.functions);
    let previous: { readonly pipeline: number; readonly output: readonly string[] } | undefined;
    for (const raw of parsed.commands) {
      const piped = raw.stage > 0 && previous?.pipeline === raw.pipeline ? previous.output : [];
      previous = { pipeline: raw.pipeline, output: analyzeCommand(raw, piped, depth, context) };
    }
  }
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
): string[] {
  const argv = argvOf(raw);
  const stdin = [
    ...piped,
    ...raw.redirects.flatMap((redirect) => (redirect.input === undefined ? [] : [redirect.input])),
  ];
  const runs: (readonly string[])[] = [argv];
  const scripts: string[] = [];
  const queue: (readonly string[])[] = [argv];
  for (let steps = 0; queue.length > 0 && steps < MAX_UNWRAP_STEPS; steps += 1) {
    const step = unwrapCommand(queue.shift()!, stdin);
    if (step.scripts !== undefined) scripts.push(...step.scripts);
    for (const inner of step.commands ?? []) {
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
