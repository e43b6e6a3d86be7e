import { MAX_SCRIPT_DEPTH, MAX_SHELL_TEXT_LENGTH } from './analysis.js';
import type { CommandAllowList } from './command-allow-list.js';
import { normalizeShellCommand } from './command-line.js';
import { CONSTRUCT_REASONS, type ShellConstructKind } from './construct-kinds.js';
import { DANGEROUS_SHELL_RULES } from './dangerous-rules.js';
import { LOOP_ITEM } from './known-variables.js';
import { lexShell } from './lexer.js';
import { parseTokens, type RawCommand } from './parser.js';
import { leavesProject, runsCodeFromDirectory } from './project-escape.js';
import { foldChangesWords, foldShellText } from './text.js';
import type { ShellToken } from './tokens.js';
import { type CommandContext, type ShellDenial, verifyCommand } from './verify-command.js';

export type { ShellDenial } from './verify-command.js';

/** How a fail-closed shell verifier is configured. */
export interface ShellVerifierOptions {
  /** Allow-list mode: only these programs and subcommands run. */
  readonly commands?: CommandAllowList;
  /** Constructs the policy allows explicitly. */
  readonly allow?: Iterable<ShellConstructKind>;
}

/** Control characters other than tab and line breaks: a terminal or a shell may read them differently. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f]/;

const LOOP_WORDS = new Set(['while', 'until', 'for', 'select']);
const ASSIGNMENT_WORD = /^([A-Za-z_][A-Za-z0-9_]*)=/;

/** True when the text has a loop and a command ended by `&` (a process flood, `while :; do x & done`). */
function startsJobsInLoop(tokens: readonly ShellToken[], commands: readonly RawCommand[]): boolean {
  const loops = tokens.some((token) => token.kind === 'word' && !token.quoted && LOOP_WORDS.has(token.value));
  return loops && commands.some((command) => command.background);
}

/**
 * Records the variable of `for name in words`: when every word is a static path or a glob
 * that cannot expand to an option (it does not start with `-`), the variable is a path
 * (`LOOP_ITEM`), safe where it is used inside double quotes; otherwise it is unknown.
 */
function rememberLoopVariables(
  tokens: readonly ShellToken[],
  variables: Map<string, string | undefined>,
): void {
  for (let index = 0; index + 2 < tokens.length; index += 1) {
    const keyword = tokens[index]!;
    const name = tokens[index + 1]!;
    const marker = tokens[index + 2]!;
    if (keyword.kind !== 'word' || keyword.quoted || keyword.value !== 'for') continue;
    if (name.kind !== 'word' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name.raw)) continue;
    let safe = marker.kind === 'word' && marker.raw === 'in';
    for (let at = index + 3; safe && at < tokens.length; at += 1) {
      const token = tokens[at]!;
      if (token.kind !== 'word' || (token.raw === 'do' && !token.quoted)) break;
      // A glob that starts with a pattern character (`*`, `?*`) may expand to a file named `-rf`.
      safe =
        token.dynamic !== true &&
        token.value !== '' &&
        !token.value.startsWith('-') &&
        !(token.pattern === true && /^[*?[{]/.test(token.value));
    }
    if (variables.size < 256 || variables.has(name.raw))
      variables.set(name.raw, safe ? LOOP_ITEM : undefined);
  }
}

/** Records `name=value` of an assignment-only command: static values are known, anything else unknown. */
function rememberAssignments(command: RawCommand, variables: Map<string, string | undefined>): void {
  if (command.words.length === 0 || !command.words.every((word) => ASSIGNMENT_WORD.test(word.raw))) return;
  for (const word of command.words) {
    const name = ASSIGNMENT_WORD.exec(word.raw)![1]!;
    if (variables.size >= 256 && !variables.has(name)) continue;
    variables.set(
      name,
      word.dynamic === true || word.pattern === true ? undefined : word.value.slice(name.length + 1),
    );
  }
}

/** The built-in deny rules, run over every command the line would run: the second line of defence. */
function denyRules(line: string): ShellDenial | undefined {
  const commands = normalizeShellCommand(line);
  for (const rule of DANGEROUS_SHELL_RULES) {
    const predicate = rule.predicate!;
    const hit =
      rule.shell === true
        ? commands.some((argv) => predicate(argv, [line]) === true)
        : predicate(line, [line]) === true;
    if (hit) return { check: rule.name!, reason: rule.reason! };
  }
  return undefined;
}

/**
 * Builds a fail-closed verifier of shell command lines. `verify` returns why a line is
 * denied, or `undefined` when every command it would run is verified: no dynamic
 * construct the options do not allow, every program in the allow list (in allow-list
 * mode), and none of `DANGEROUS_SHELL_RULES` matching. Never throws: a failure denies.
 */
export function createShellVerifier(options: ShellVerifierOptions = {}): {
  verify(line: string): ShellDenial | undefined;
} {
  const allow = new Set(options.allow ?? []);
  const context: CommandContext = {
    commands: options.commands,
    allow,
    verifyScript: (text, depth) => verifyScript(text, depth),
  };

  const verifyScript = (text: string, depth: number): ShellDenial | undefined => {
    if (depth > MAX_SCRIPT_DEPTH)
      return { check: 'too-complex', reason: 'scripts nested too deeply to inspect' };
    if (text.length > MAX_SHELL_TEXT_LENGTH)
      return { check: 'too-complex', reason: 'the command line is too long to inspect' };
    const folded = foldShellText(text);
    if (CONTROL.test(folded))
      return { check: 'unreadable', reason: 'the command line holds control characters' };
    const lexed = lexShell(folded);
    for (const construct of lexed.constructs) {
      if (construct.kind === 'unterminated')
        return { check: 'unreadable', reason: 'the command line has an unterminated quote or substitution' };
      if (!allow.has(construct.kind))
        return { check: construct.kind, reason: CONSTRUCT_REASONS[construct.kind] };
    }
    let pipelines = 0;
    let leftProject: 'parent' | 'elsewhere' | undefined;
    const variables = new Map<string, string | undefined>();
    for (const tokens of [lexed.tokens, ...lexed.substitutions]) {
      rememberLoopVariables(tokens, variables);
      const parsed = parseTokens(tokens, () => pipelines++);
      if (parsed.functions.length > 0 && !allow.has('eval'))
        return {
          check: 'eval',
          reason: `defines a function, which can stand in for any program: ${CONSTRUCT_REASONS.eval}`,
        };
      if (startsJobsInLoop(tokens, parsed.commands))
        return {
          check: 'fork-bomb',
          reason: 'starts background jobs in a loop, which can exhaust the machine',
        };
      for (const command of parsed.commands) {
        const argv = command.words.map((word) => word.value);
        if (
          leftProject !== undefined &&
          runsCodeFromDirectory(argv, leftProject) &&
          !allow.has('outside-script')
        )
          return {
            check: 'outside-script',
            reason: `runs a command from the directory cd moved to, outside the project: ${CONSTRUCT_REASONS['outside-script']}`,
          };
        const moved = leavesProject(argv);
        if (moved === 'elsewhere' || (moved === 'parent' && leftProject === undefined)) leftProject = moved;
        const denial = verifyCommand(command, depth, context, variables);
        if (denial !== undefined) return denial;
        rememberAssignments(command, variables);
      }
    }
    return undefined;
  };

  // Allow-list mode compares program names as written; folding only ever adds matches, which
  // for a deny rule is safe and for an allow list is not.
  const lookAlikes = (line: string): ShellDenial | undefined =>
    options.commands !== undefined && foldChangesWords(line)
      ? {
          check: 'unreadable',
          reason:
            'the command line holds look-alike, invisible or unusual space characters (fullwidth letters, zero-width or non-breaking spaces) that the shell reads as written, so the allow list cannot vouch for it',
        }
      : undefined;

  return {
    verify(line) {
      if (typeof line !== 'string') return { check: 'unreadable', reason: 'the command is not text' };
      try {
        if (line.trim() === '') return { check: 'unreadable', reason: 'the command is empty' };
        return denyRules(line) ?? lookAlikes(line) ?? verifyScript(line, 0);
      } catch {
        return { check: 'unreadable', reason: 'the command line could not be analysed' };
      }
    },
  };
}
