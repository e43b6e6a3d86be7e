import type { ShellConstructKind } from './shell/construct-kinds.js';

/**
 * A check on a tool's arguments; a match denies the call. Give `pattern`, `predicate` or
 * both (either one matching denies).
 */
export interface ArgumentRule {
  /**
   * A named argument: a property of the first object argument, dotted paths allowed
   * (`'options.path'`, `'files.0'`). Omit it to test every string in the arguments (top
   * level and inside object and array arguments).
   */
  readonly argument?: string;
  /** Matches → deny. A string is compiled as a regular expression source. */
  readonly pattern?: RegExp | string;
  /**
   * `true` → deny. Receives the named argument's value (or each string when `argument` is
   * omitted; each normalised command's argv when `shell` is set) and all arguments.
   * A predicate that throws denies the call.
   */
  readonly predicate?: (value: unknown, args: readonly unknown[]) => boolean;
  /**
   * Treat the value as a shell command line: it is parsed with `normalizeShellCommand`,
   * `pattern` is tested against each simple command joined by single spaces and
   * `predicate` receives each command's argv.
   */
  readonly shell?: boolean;
  /** Shown in the denial; defaults to a description of the rule. */
  readonly reason?: string;
  /** A short identifier reported as part of the denying rule (e.g. `rm-recursive-force`). */
  readonly name?: string;
}

/**
 * A fail-closed policy for tools that run shell command lines. Without `commands` it
 * denies dynamic constructs, programs that run their arguments and the built-in
 * destructive commands; with `commands` (allow-list mode) only the listed programs and
 * subcommands may run at all.
 */
export interface ShellPolicy {
  /** Tool-name globs of the tools whose input is a shell command line (`['shell', 'bash']`). */
  readonly tools: readonly string[];
  /**
   * Where the command is in an object input (dotted path). Default: every one of
   * `command`, `cmd`, `script`, `commandLine`, `command_line`, `code` that is present
   * (`input` when none of them is), each checked; an `args`/`argv`/`arguments` list of
   * strings is appended to the command.
   */
  readonly argument?: string;
  /** Matches → deny. A string is compiled as a regular expression source. */
  readonly pattern?: RegExp | string;
  /**
   * `true` → deny. Receives the named argument's value (or each string when `argument` is
   * omitted; each normalised command's argv when `shell` is set) and all arguments.
   * A predicate that throws denies the call.
   */
  readonly predicate?: (value: unknown, args: readonly unknown[]) => boolean;
  /**
   * Treat the value as a shell command line: it is parsed with `normalizeShellCommand`,
   * `pattern` is tested against each simple command joined by single spaces and
   * `predicate` receives each command's argv.
   */
  readonly shell?: boolean;
  /** Shown in the denial; defaults to a description of the rule. */
  readonly reason?: string;
  /** A short identifier reported as part of the denying rule (e.g. `rm-recursive-force`). */
  readonly name?: string;
}

/**
 * A fail-closed policy for tools that run shell command lines. Without `commands` it
 * denies dynamic constructs, programs that run their arguments and the built-in
 * destructive commands; with `commands` (allow-list mode) only the listed programs and
 * subcommands may run at all.
 */
export interface ShellPolicy {
  /** Tool-name globs of the tools whose input is a shell command line (`['shell', 'bash']`). */
  readonly tools: readonly string[];
  /**
   * Where the command is in an object input (dotted path). Default: the first of
   * `command`, `cmd`, `script`, `commandLine`, `command_line`, `input`, `code` that is present.
   */
  readonly argument?: string;
  /** Allow-list mode: programs and subcommands as typed (`'git status'`, `'npm run *'`, `'ls'`). */
  readonly commands?: readonly string[];
  /** Dynamic constructs allowed explicitly (see `SHELL_CONSTRUCTS`); all are denied by default. */
  readonly allow?: readonly ShellConstructKind[];
}

/** What one role may do. */
export interface RolePolicy {
  /** Tool-name globs this role may call; when present, nothing else is allowed. */
  readonly allow?: readonly string[];
  /** Tool-name globs this role may never call. Deny wins over allow. */
  readonly deny?: readonly string[];
  /** Argument rules per tool-name glob. */
  readonly arguments?: Readonly<Record<string, readonly ArgumentRule[]>>;
  /** The fail-closed shell policy for this role's shell tools. */
  readonly shell?: ShellPolicy;
}

export interface ToolPolicyConfig {
  /** What happens to a tool no allow list or deny list speaks about. Default `'allow'`. */
  readonly defaultAction?: 'allow' | 'deny';
  readonly roles?: Readonly<Record<string, RolePolicy>>;
  /** Agent name → role name. */
  readonly agents?: Readonly<Record<string, string>>;
  /** The role of agents not listed in `agents`. */
  readonly defaultRole?: string;
}

export type PolicyVerdict =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly rule: string; readonly reason: string };

export interface ToolPolicyRequest {
  readonly agentName: string;
  /** The tool's name; it is canonicalised (`canonicalToolName`) before any list is consulted. */
  readonly toolName: string;
  /** The arguments as passed to the tool. */
  readonly args: readonly unknown[];
  /**
   * The arguments as the tool will receive them (`decodeToolInput` of `args`), when the
   * caller decoded them already; otherwise the policy decodes `args` itself.
   */
  readonly input?: unknown;
  /** True when the call was made from inside another tool call (decided the same way). */
  readonly nested?: boolean;
}

export interface ToolPolicy {
  /** Decides one call. Never throws: an internal failure denies the call. */
  evaluate(request: ToolPolicyRequest): PolicyVerdict;
}
