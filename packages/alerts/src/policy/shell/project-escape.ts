import { isCriticalPath, normalizePath } from './critical-paths.js';
import { isSystemFile } from './destructive-programs.js';
import { loadsCode } from './environment.js';
import { basename, gitSubcommandIndex } from './program-names.js';

/**
 * Arguments that make an allowed program run, load or change something outside the
 * project: a build or test tool pointed at another directory, config, plugin or
 * reporter (`npx vitest --config=/tmp/x.ts`, `make -f /tmp/x.mk`, `npm test --prefix
 * /tmp/pkg`), a package registry of someone else's, a debugger listening on the network,
 * a git transport or remote change, raw commands sent to a file server (`curl -Q`).
 */

type Argv = readonly string[];

export interface ProjectEscape {
  readonly check: 'outside-script' | 'executes-arguments' | 'file-write' | 'environment' | 'git-discard-work';
  readonly reason: string;
}

/** Programs that run the project's code, or code their options name. */
const CODE_RUNNERS = new Set([
  'npm',
  'npx',
  'pnpm',
  'yarn',
  'node',
  'nodejs',
  'python',
  'python3',
  'pytest',
  'py.test',
  'make',
  'gmake',
  'cargo',
  'go',
  'tsc',
  'vitest',
  'jest',
  'eslint',
  'prettier',
  'biome',
]);
const TEMPORARY = /^\/+(?:tmp|var\/tmp|dev\/shm|private\/tmp|private\/var\/folders)(?:\/|$)/;
const HARMLESS = /^\/dev\/(?:null|stdout|stderr)$/;
const LOOPBACK = /^(?:localhost|127\.\d+\.\d+\.\d+|\[::1\])$/;
const HTTP_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'OPTIONS', 'DELETE']);
const GIT_REMOTE_CHANGES = new Set([
  'add',
  'rm',
  'remove',
  'rename',
  'set-url',
  'set-head',
  'set-branches',
  'prune',
]);

/** True when `path` names something outside the working directory (absolute, `~`, `..`). */
function outside(path: string): boolean {
  if (path === '' || HARMLESS.test(path)) return false;
  const { path: normalized } = normalizePath(path);
  return (
    normalized.startsWith('/') ||
    normalized.startsWith('~') ||
    normalized === '..' ||
    normalized.startsWith('../')
  );
}

/**
 * Where a `cd` (or `pushd`) takes the commands after it: `undefined` (it is not one, or it
 * stays in the project), `parent` (a relative path above it, `cd ../api`) or `elsewhere`
 * (absolute, `~`, `$HOME`, `-`, no operand).
 */
export function leavesProject(argv: Argv): 'parent' | 'elsewhere' | undefined {
  const start = argv.findIndex((word) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(word));
  const program = argv[start] ?? '';
  if (program !== 'cd' && program !== 'pushd') return undefined;
  const target = argv.slice(start + 1).find((arg) => arg === '-' || !arg.startsWith('-'));
  if (target === undefined || target === '-' || /^[$~]/.test(target)) return 'elsewhere';
  if (target.startsWith('/')) return elsewhere(target) ? 'elsewhere' : undefined;
  return outside(target) ? 'parent' : undefined;
}

/**
 * True when `argv`, run in a directory the agent left the project for, would run or load
 * code found there: a build or test tool (its makefile, scripts, config), or, outside the
 * parent directories, git (a repository's config can name a pager, hooks or fsmonitor).
 */
export function runsCodeFromDirectory(argv: Argv, left: 'parent' | 'elsewhere'): boolean {
  const start = argv.findIndex((word) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(word));
  const program = basename(argv[start] ?? '');
  return CODE_RUNNERS.has(program) || (left === 'elsewhere' && program === 'git');
}

/**
 * True when an absolute directory is known not to be the project: a temporary, system or
 * home directory. The policy is not told the project's path, and tools name it absolutely
 * (`cd /repo`, `cwd: '/repo'`), so other absolute directories are taken to be the project.
 */
export function elsewhere(directory: string): boolean {
  return TEMPORARY.test(directory) || isCriticalPath(directory);
}

/** The path-like values of an argument: the word, and what follows `=` or a short option letter. */
function values(arg: string): string[] {
  const found = [arg];
  const equals = arg.indexOf('=');
  if (arg.startsWith('-') && equals > 0) found.push(arg.slice(equals + 1));
  const attached = /^-[A-Za-z]([/~.][\s\S]*)$/.exec(arg);
  if (attached !== null) found.push(attached[1]!);
  // `--cov-report=html:/etc`: a format, then a path.
  for (const value of [...found]) {
    const typed = /^[A-Za-z-]+:((?:\/(?!\/)|~|\.\.)[\s\S]*)$/.exec(value);
    if (typed !== null) found.push(typed[1]!);
    // `--import=file:///tmp/x.mjs`: a file URL names an absolute path.
    const url = /^file:\/\/[^/]*(\/[\s\S]*)$/i.exec(value);
    if (url !== null) found.push(url[1]!);
  }
  return found;
}

/** `--inspect=0.0.0.0:9229`, `--api.host=0.0.0.0`, `--inspect-brk 0.0.0.0:9229`: a server other hosts can reach. */
function listensOnNetwork(arg: string, index: number, operands: Argv): boolean {
  const option = /^--?([\w.-]*(?:inspect|host|api|listen)[\w.-]*)(=[\s\S]*)?$/.exec(arg);
  if (option === null) return false;
  const value = option[2] !== undefined ? option[2].slice(1) : (operands[index + 1] ?? '');
  const host = value.replace(/:\d+$/, '');
  if (host === '' || /^\d+$/.test(host) || LOOPBACK.test(host)) return false;
  return option[2] !== undefined || /[.:]/.test(value);
}

/** Why `argv` reaches outside the project, or undefined. */
export function escapesProject(argv: Argv): ProjectEscape | undefined {
  const program = basename(argv[0] ?? '');
  const operands = argv.slice(1);
  if (CODE_RUNNERS.has(program)) {
    if (operands.some((arg) => values(arg).some(outside)))
      return {
        check: 'outside-script',
        reason: `${program} is given a path outside the project (a directory, config, plugin, reporter or output), which it may run or overwrite`,
      };
    const inlineConfig = operands.some(
      (arg, index) =>
        /^(?:--?config|-c)=\s*\{/.test(arg) ||
        (/^(?:--?config|-c)$/.test(arg) && /^\s*\{/.test(operands[index + 1] ?? '')),
    );
    if (inlineConfig)
      return { check: 'outside-script', reason: `${program} is given its configuration inline` };
    if (['npm', 'pnpm', 'yarn'].includes(program) && operands.some((arg) => /^--registry(?:=|$)/.test(arg)))
      return {
        check: 'executes-arguments',
        reason: `${program} --registry installs packages from another registry`,
      };
    if (operands.some(listensOnNetwork))
      return {
        check: 'executes-arguments',
        reason: `${program} --inspect listens for a debugger on the network`,
      };
  }
  if (program === 'git') {
    const sub = gitSubcommandIndex(argv);
    const subcommand = argv[sub] ?? '';
    const rest = argv.slice(sub + 1);
    if (argv.slice(1).some((arg) => /^(?:ext|fd)::/.test(arg)))
      return { check: 'executes-arguments', reason: 'a git ext:: or fd:: transport runs a command' };
    if (subcommand === 'remote' && rest.some((arg) => GIT_REMOTE_CHANGES.has(arg)))
      return { check: 'file-write', reason: "git remote changes the repository's remotes" };
    if (
      (subcommand === 'switch' || subcommand === 'checkout') &&
      rest.some((arg) => /^--(?:discard-changes|orphan|force)(?:=|$)|^--force-create/.test(arg))
    )
      return { check: 'git-discard-work', reason: `git ${subcommand} discards or replaces work` };
  }
  const method = operands.findIndex((arg) => /^(?:-[a-zA-Z]*X|--request(?:=|$))/.test(arg));
  if (program === 'curl' && method >= 0) {
    const arg = operands[method]!;
    const attached = /^-[a-zA-Z]*X([\s\S]+)$/.exec(arg)?.[1];
    const value =
      attached ?? (arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : (operands[method + 1] ?? ''));
    if (!HTTP_METHODS.has(value.toUpperCase()))
      return {
        check: 'executes-arguments',
        reason: 'curl -X sends a command other than an HTTP read or write (DELE, RMD, ...)',
      };
  }
  if (program === 'curl' && operands.some((arg) => /^(?:-[a-zA-Z]*Q|--quote)/.test(arg)))
    return { check: 'executes-arguments', reason: 'curl -Q sends commands to the server (rm, rmdir, DELE)' };
  if (program === 'rg' && operands.some((arg) => /^--hostname-bin/.test(arg)))
    return { check: 'executes-arguments', reason: 'rg --hostname-bin runs a program' };
  if (program === 'printf') {
    const index = operands.findIndex((arg) => arg.startsWith('-v'));
    const variable =
      index < 0 ? undefined : operands[index]!.length > 2 ? operands[index]!.slice(2) : operands[index + 1];
    if (variable !== undefined && loadsCode(variable.replace(/\[[\s\S]*$/, '')))
      return {
        check: 'environment',
        reason: 'printf -v sets a variable that changes which program runs or what it loads',
      };
  }
  if (
    (program === 'touch' || program === 'mkdir') &&
    operands.some((arg) => !arg.startsWith('-') && isSystemFile(arg))
  )
    return { check: 'file-write', reason: `${program} creates a file in a system directory` };
  return undefined;
}
