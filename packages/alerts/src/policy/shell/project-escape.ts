import { normalizePath } from './critical-paths.js';
import { isSystemFile } from './destructive-programs.js';
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
  readonly check: 'outside-script' | 'executes-arguments' | 'file-write' | 'git-discard-work';
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
const HARMLESS = /^\/dev\/(?:null|stdout|stderr)$/;
const LOOPBACK = /^(?:localhost|127\.\d+\.\d+\.\d+|\[::1\])$/;
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

/** The path-like values of an argument: the word, and what follows `=` or a short option letter. */
function values(arg: string): string[] {
  const found = [arg];
  const equals = arg.indexOf('=');
  if (arg.startsWith('-') && equals > 0) found.push(arg.slice(equals + 1));
  const attached = /^-[A-Za-z]([/~.][\s\S]*)$/.exec(arg);
  if (attached !== null) found.push(attached[1]!);
  return found;
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
        /^--?config=\{/.test(arg) || (/^--?config$/.test(arg) && (operands[index + 1] ?? '').startsWith('{')),
    );
    if (inlineConfig)
      return { check: 'outside-script', reason: `${program} is given its configuration inline` };
    if (['npm', 'pnpm', 'yarn'].includes(program) && operands.some((arg) => /^--registry(?:=|$)/.test(arg)))
      return {
        check: 'executes-arguments',
        reason: `${program} --registry installs packages from another registry`,
      };
    const inspect = operands.find((arg) => /^--inspect(?:-brk|-wait|-port)?=/.test(arg));
    const host = inspect?.slice(inspect.indexOf('=') + 1).replace(/:\d+$/, '');
    if (host !== undefined && !/^\d+$/.test(host) && !LOOPBACK.test(host))
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
  if (program === 'curl' && operands.some((arg) => /^(?:-[a-zA-Z]*Q|--quote)/.test(arg)))
    return { check: 'executes-arguments', reason: 'curl -Q sends commands to the server (rm, rmdir, DELE)' };
  if (program === 'rg' && operands.some((arg) => /^--hostname-bin/.test(arg)))
    return { check: 'executes-arguments', reason: 'rg --hostname-bin runs a program' };
  if (
    (program === 'touch' || program === 'mkdir') &&
    operands.some((arg) => !arg.startsWith('-') && isSystemFile(arg))
  )
    return { check: 'file-write', reason: `${program} creates a file in a system directory` };
  return undefined;
}
