import { basename, gitSubcommandIndex } from './program-names.js';
import { sedEffect } from './sed-script.js';
import { isWrapperName } from './wrappers.js';

/**
 * Programs that run other commands given as their arguments (`xargs`, `find -exec`,
 * `git -c alias.x=!...`, `tmux`, `trap`, `sed` scripts with `e`, `awk` with `system()`).
 */

type Argv = readonly string[];

/** A program that runs another command, and whether the policy can tell which one. */
export interface ExecutesArguments {
  readonly reason: string;
  /** True when `unwrapCommand` reads the command it runs (so it can be checked in turn). */
  readonly readable: boolean;
  /**
   * A package runner (`npx tsc`): an allow-list entry that spells the runner and the
   * program (`npx tsc`) allows it explicitly.
   */
  readonly packageRunner?: boolean;
}

/** Programs whose purpose is to run the command or script given to them. */
const RUNNERS = new Set([
  'parallel',
  'sem',
  'tmux',
  'screen',
  'byobu',
  'dtach',
  'abduco',
  'zellij',
  'trap',
  'entr',
  'strace',
  'ltrace',
  'valgrind',
  'gdb',
  'lldb',
  'nsenter',
  'unshare',
  'fakeroot',
  'fakechroot',
  'systemd-run',
  'run-parts',
  'daemonize',
  'start-stop-daemon',
  'firejail',
  'bwrap',
  'proot',
  'chpst',
  'setpriv',
  'capsh',
  'numactl',
  'prlimit',
  'cpulimit',
  'torsocks',
  'proxychains',
  'proxychains4',
  'xvfb-run',
  'dbus-run-session',
  'sshpass',
  'eatmydata',
  'nocache',
  'cgexec',
  'runcon',
  'newgrp',
  'catchsegv',
  'expect',
  'xterm',
  'gnome-terminal',
  'konsole',
  'osascript',
  'open',
  'xdg-open',
  'crontab',
  'at',
  'batch',
  'launchctl',
  'inotifywait',
  'watchexec',
  'nodemon',
  'then',
  'coproc',
]);
/** Runners whose command `unwrapCommand` reads. */
const READABLE = new Set([
  'sudo',
  'doas',
  'pkexec',
  'env',
  'command',
  'builtin',
  'exec',
  'nohup',
  'setsid',
  'time',
  'nice',
  'ionice',
  'stdbuf',
  'timeout',
  'chrt',
  'taskset',
  'chroot',
  'unbuffer',
  'caffeinate',
  'xargs',
  'busybox',
  'toybox',
  'su',
  'runuser',
  'flock',
  'watch',
  'find',
  'sg',
  'ssh',
  'script',
]);
/** Package runners: they run any program of any package. */
const PACKAGE_RUNNERS = new Set(['npx', 'bunx', 'pnpx']);
/** Programs that run a command given after a subcommand (`docker run`, `kubectl exec`). */
const CONTAINER_TOOLS = new Set([
  'docker',
  'podman',
  'nerdctl',
  'kubectl',
  'oc',
  'lxc',
  'incus',
  'vagrant',
  'minikube',
]);
const CONTAINER_SUBCOMMANDS = new Set([
  'run',
  'exec',
  'debug',
  'ssh',
  'attach',
  'create',
  'start',
  'compose',
]);

const GIT_GLOBAL_EXEC = /^(?:-c|--config-env|--exec-path=|--exec-path$)/;
const GIT_EXEC_SUBCOMMANDS = new Set([
  'filter-branch',
  'difftool',
  'mergetool',
  'daemon',
  'send-email',
  'instaweb',
  'web--browse',
]);
const GIT_EXEC_OPTION =
  /^(?:--exec(?:=|$)|--upload-pack|--receive-pack|--extcmd|--open-files-in-pager|--sendmail-cmd|--smtp-server|--tool|--access-hook|--[a-z-]*-filter)/;
const AWKS = new Set(['awk', 'gawk', 'mawk', 'nawk']);

function gitExecutes(argv: Argv): string | undefined {
  const sub = gitSubcommandIndex(argv);
  if (argv.slice(1, sub).some((arg) => GIT_GLOBAL_EXEC.test(arg)))
    return 'git -c and --exec-path can set an alias, a pager or a helper that runs any command';
  const subcommand = argv[sub] ?? '';
  const rest = argv.slice(sub + 1);
  if (GIT_EXEC_SUBCOMMANDS.has(subcommand)) return `git ${subcommand} runs commands given to it`;
  if (subcommand === 'submodule' && rest.includes('foreach')) return 'git submodule foreach runs a command';
  if (subcommand === 'bisect' && rest.includes('run')) return 'git bisect run runs a command';
  if (rest.some((arg) => GIT_EXEC_OPTION.test(arg))) return 'this git command is given a command to run';
  if (subcommand === 'rebase' && rest.some((arg) => /^-[a-zA-Z]*x/.test(arg)))
    return 'git rebase -x runs a command';
  if (subcommand === 'grep' && rest.some((arg) => /^-[a-zA-Z]*O/.test(arg)))
    return 'git grep -O runs a pager command';
  if (
    ['clone', 'fetch', 'ls-remote', 'archive', 'pull'].includes(subcommand) &&
    rest.some((arg) => /^-u/.test(arg))
  )
    return `git ${subcommand} -u runs a command`;
  return undefined;
}

/** Why an `awk` program may run commands or write files, or undefined for a plain text program. */
function awkExecutes(argv: Argv): string | undefined {
  let program: string | undefined;
  for (let index = 1; index < argv.length; index += 1) {
    const arg = argv[index]!;
    if (/^(?:-f|--file|-i|--include|-l|--load|-E|--exec)/.test(arg))
      return 'awk runs a program file the policy cannot read';
    if (arg === '-v' || arg === '-F' || arg === '--assign' || arg === '--field-separator') index += 1;
    else if (arg === '-e' || arg === '--source') program = `${program ?? ''}\n${argv[++index] ?? ''}`;
    else if (arg.startsWith('-') && arg !== '-' && arg.length > 1) continue;
    else {
      program ??= arg;
      break;
    }
  }
  if (program === undefined) return 'awk reads its program from the input';
  if (/\bsystem\b|\|/.test(program)) return 'the awk program runs commands (system() or a pipe)';
  if (/\bprintf?\b[^;}]*>/.test(program)) return 'the awk program writes files';
  if (/@\s*(?:load|include|namespace)/.test(program))
    return 'the awk program loads extensions or other files';
  return undefined;
}

/**
 * Why `argv` runs other commands (its arguments, its input, or an option's value), or
 * `undefined` when it does not. `readable` says whether the command it runs can be read.
 */
export function executesArguments(argv: Argv): ExecutesArguments | undefined {
  const name = basename(argv[0] ?? '');
  const operands = argv.slice(1);
  if (name === 'find') {
    const action = operands.find((arg) => /^-(?:exec|execdir|ok|okdir)$/.test(arg));
    return action === undefined
      ? undefined
      : { reason: `find ${action} runs a command for every match`, readable: true };
  }
  if (name === 'env') {
    const runs =
      operands.some((arg) => /^(?:-[a-zA-Z]*S|--split-string)/.test(arg)) ||
      operands.some((arg) => !arg.startsWith('-') && !/^[A-Za-z_][A-Za-z0-9_]*=/.test(arg));
    return runs ? { reason: 'env runs the command given to it', readable: true } : undefined;
  }
  if (name === 'command') {
    return operands.some((arg) => /^-[a-zA-Z]*[vV]/.test(arg)) || operands.length === 0
      ? undefined
      : { reason: 'command runs the command given to it', readable: true };
  }
  if (name === 'time' && operands.length === 0) return undefined;
  if (name === 'git') {
    const reason = gitExecutes(argv);
    return reason === undefined ? undefined : { reason, readable: false };
  }
  if (name === 'sed') {
    const effect = sedEffect(argv);
    if (effect === 'executes')
      return { reason: 'the sed script runs commands (the e command or flag)', readable: false };
    if (effect === 'unreadable')
      return { reason: 'the sed script cannot be read (a script file or unusual syntax)', readable: false };
    return undefined;
  }
  if (AWKS.has(name)) {
    const reason = awkExecutes(argv);
    return reason === undefined ? undefined : { reason, readable: false };
  }
  if (name === 'rg' && operands.some((arg) => /^--pre(?:=|$)/.test(arg)))
    return { reason: 'rg --pre runs a command on every file', readable: false };
  if (
    name === 'tar' &&
    operands.some((arg) =>
      /^(?:--to-command|--checkpoint-action|--use-compress-program|--info-script|--new-volume-script|--rsh-command|-I|-F)/.test(
        arg,
      ),
    )
  )
    return { reason: 'tar is given a command to run', readable: false };
  if (name === 'rsync' && operands.some((arg) => /^(?:-e|--rsh|--rsync-path)/.test(arg)))
    return { reason: 'rsync is given a command to run', readable: false };
  if ((name === 'zip' || name === 'unzip') && operands.some((arg) => /^(?:-TT|--unzip-command)/.test(arg)))
    return { reason: 'zip is given a command to run', readable: false };
  if (name === 'man' && operands.some((arg) => /^(?:-P|--pager|-H|--html)/.test(arg)))
    return { reason: 'man is given a pager command to run', readable: false };
  if (name === 'make' || name === 'gmake') {
    if (operands.some((arg) => /^(?:--eval|-[a-zA-Z]*E)/.test(arg)))
      return { reason: 'make --eval runs text as a makefile', readable: false };
    if (operands.some((arg) => /^[.A-Za-z_][A-Za-z0-9_.]*\s*[:+?!]?=/.test(arg)))
      return { reason: 'a make variable override can replace the commands a makefile runs', readable: false };
    return undefined;
  }
  if (['npm', 'pnpm', 'yarn', 'bun'].includes(name)) {
    if (
      operands.some(
        (arg) =>
          /^--(?:script-shell|node-options|shell|call|userconfig|globalconfig|git(?:=|$))/.test(arg) ||
          arg === '-c',
      )
    )
      return { reason: `${name} is given a shell or code to run`, readable: false };
    const sub = operands.find((arg) => !arg.startsWith('-'));
    if (sub !== undefined && ['exec', 'x', 'dlx', 'explore'].includes(sub))
      return { reason: `${name} ${sub} runs any package's program`, readable: false, packageRunner: true };
    return undefined;
  }
  if (
    name === 'go' &&
    operands.some(
      (arg) =>
        /^--?(?:exec|toolexec|vettool|overlay|modfile)(?:=|$)/.test(arg) || /-extld|-linkmode/.test(arg),
    )
  )
    return { reason: 'go -exec, -toolexec and -vettool run a command', readable: false };
  if (name === 'sort' && operands.some((arg) => /^--compress-program/.test(arg)))
    return { reason: 'sort --compress-program runs a program on its data', readable: false };
  if (name === 'cargo' && operands.some((arg) => /^(?:--config(?:=|$)|-Z)/.test(arg)))
    return { reason: 'cargo --config can set a runner or wrapper that runs any command', readable: false };
  if (
    (name === 'pytest' || name === 'py.test' || operands.includes('pytest')) &&
    operands.some((arg) =>
      /^(?:-[op]|--override-ini|--basetemp|-c$|--config-file|--rootdir|--confcutdir|--pdbcls)/.test(arg),
    )
  )
    return {
      reason: 'pytest options that load plugins, override settings or choose the directory it empties',
      readable: false,
    };
  if (PACKAGE_RUNNERS.has(name))
    return { reason: `${name} runs any package's program`, readable: false, packageRunner: true };
  if (CONTAINER_TOOLS.has(name) && operands.some((arg) => CONTAINER_SUBCOMMANDS.has(arg)))
    return { reason: `${name} runs a command in a container or on another machine`, readable: false };
  if (READABLE.has(name)) {
    if (
      name === 'watch' ||
      name === 'ssh' ||
      name === 'script' ||
      name === 'sg' ||
      name === 'su' ||
      name === 'runuser'
    )
      return { reason: `${name} runs the command or script given to it`, readable: false };
    return { reason: `${name} runs the command given to it`, readable: true };
  }
  if (RUNNERS.has(name) || isWrapperName(name)) {
    if (name === 'crontab')
      return operands.length === 1 && operands[0] === '-l'
        ? undefined
        : { reason: 'crontab installs commands to run later', readable: false };
    if (
      name === 'trap' &&
      (operands.length === 0 ||
        operands[0] === '-' ||
        operands[0] === '' ||
        operands[0] === '-p' ||
        operands[0] === '-l')
    )
      return undefined;
    return { reason: `${name} runs commands given to it`, readable: false };
  }
  return undefined;
}
