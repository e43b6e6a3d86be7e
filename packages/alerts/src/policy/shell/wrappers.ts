import { unwrapInterpreter } from './interpreters.js';
import type { UnwrapStep } from './unwrap-step.js';

/**
 * Commands that run another command: `sudo rm`, `env X=1 rm`, `xargs rm`, `bash -c '...'`,
 * `find -exec rm {} ;`, `ssh host 'rm ...'`. `unwrapCommand` says what such a command runs.
 */

interface OptionSpec {
  /** Short option letters that take a value (attached or as the next argument). */
  readonly short?: string;
  /** Long option names that take a value (`--name=value` or `--name value`). */
  readonly long?: readonly string[];
  /** Options may also start with `+` (`bash +o ...`). */
  readonly plus?: boolean;
}

interface ParsedOptions {
  /** Index of the first operand. */
  readonly index: number;
  /** Option letters and long names seen, with their values (`true` for flags). */
  readonly options: ReadonlyMap<string, string | true>;
}

/** Walks leading options as getopt would (clusters, attached values, `--`). */
function parseOptions(args: readonly string[], spec: OptionSpec, start = 1): ParsedOptions {
  const options = new Map<string, string | true>();
  let index = start;
  while (index < args.length) {
    const arg = args[index]!;
    if (arg === '--') return { index: index + 1, options };
    if (arg.startsWith('--') && arg.length > 2) {
      const equals = arg.indexOf('=');
      const name = arg.slice(2, equals === -1 ? undefined : equals);
      if (equals !== -1) options.set(name, arg.slice(equals + 1));
      else if (spec.long?.includes(name)) {
        options.set(name, args[index + 1] ?? '');
        index += 1;
      } else options.set(name, true);
      index += 1;
      continue;
    }
    if (arg.length < 2 || !(arg.startsWith('-') || (spec.plus === true && arg.startsWith('+')))) break;
    for (let letter = 1; letter < arg.length; letter += 1) {
      const name = arg[letter]!;
      if (spec.short?.includes(name)) {
        const attached = arg.slice(letter + 1);
        if (attached !== '') options.set(name, attached);
        else {
          options.set(name, args[index + 1] ?? '');
          index += 1;
        }
        break;
      }
      options.set(name, true);
    }
    index += 1;
  }
  return { index, options };
}

const optionValue = (options: ReadonlyMap<string, string | true>, ...names: string[]): string | undefined => {
  for (const name of names) {
    const value = options.get(name);
    if (typeof value === 'string') return value;
  }
  return undefined;
};

/** Runs the operands after the options, optionally skipping `skip` positional operands first. */
const rest = (args: readonly string[], spec: OptionSpec, skip = 0): UnwrapStep => {
  const { index } = parseOptions(args, spec);
  const command = args.slice(index + skip);
  return command.length > 0 ? { commands: [command] } : {};
};

const SHELLS = new Set([
  'sh',
  'bash',
  'zsh',
  'dash',
  'ksh',
  'mksh',
  'ash',
  'rbash',
  'fish',
  'posh',
  'yash',
  'csh',
  'tcsh',
]);

function unwrapShell(args: readonly string[], stdin: readonly string[]): UnwrapStep {
  const { index, options } = parseOptions(args, {
    short: 'oOC',
    long: ['rcfile', 'init-file', 'command', 'init-command'],
    plus: true,
  });
  const command = optionValue(options, 'command');
  if (command !== undefined) return { scripts: [command] };
  if (options.has('c')) {
    const script = args[index];
    return script === undefined ? {} : { scripts: [script] };
  }
  const file = args[index];
  return file === undefined || file === '-' || options.has('s') ? { scripts: stdin } : {};
}

function unwrapFind(args: readonly string[]): UnwrapStep {
  const commands: string[][] = [];
  for (let index = 1; index < args.length; index += 1) {
    if (!['-exec', '-execdir', '-ok', '-okdir'].includes(args[index]!)) continue;
    const command: string[] = [];
    for (index += 1; index < args.length && args[index] !== ';' && args[index] !== '+'; index += 1) {
      command.push(args[index]!);
    }
    if (command.length > 0) commands.push(command);
  }
  return { commands };
}

function unwrapEnv(args: readonly string[]): UnwrapStep {
  const operands = args.filter((arg, index) => index === 0 || arg !== '-');
  const { index, options } = parseOptions(operands, {
    short: 'uCSP',
    long: ['unset', 'chdir', 'split-string'],
  });
  const split = optionValue(options, 'S', 'split-string');
  const command = operands.slice(index);
  if (split !== undefined) return { scripts: [[split, ...command].join(' ')] };
  return command.length > 0 ? { commands: [command] } : {};
}

function unwrapSwitchUser(args: readonly string[]): UnwrapStep {
  const operands = args.filter((arg, index) => index === 0 || arg !== '-');
  const spec = {
    short: 'cgGsuw',
    long: ['command', 'session-command', 'group', 'supp-group', 'shell', 'user', 'whitelist-environment'],
  };
  const first = parseOptions(operands, spec);
  const firstScript = optionValue(first.options, 'c', 'command', 'session-command');
  if (firstScript !== undefined) return { scripts: [firstScript] };
  if (first.options.has('u') || first.options.has('user')) {
    const command = operands.slice(first.index);
    return command.length > 0 ? { commands: [command] } : {};
  }
  const afterUser = parseOptions(operands, spec, first.index + 1);
  const script = optionValue(afterUser.options, 'c', 'command', 'session-command');
  return script === undefined ? {} : { scripts: [script] };
}

function unwrapFlock(args: readonly string[]): UnwrapStep {
  const spec = { short: 'wEc', long: ['timeout', 'conflict-exit-code', 'command'] };
  const first = parseOptions(args, spec);
  const script = optionValue(first.options, 'c', 'command');
  if (script !== undefined) return { scripts: [script] };
  const afterFile = parseOptions(args, spec, first.index + 1);
  const trailing = optionValue(afterFile.options, 'c', 'command');
  if (trailing !== undefined) return { scripts: [trailing] };
  const command = args.slice(afterFile.index);
  return command.length > 0 ? { commands: [command] } : {};
}

function unwrapSsh(args: readonly string[]): UnwrapStep {
  const { index } = parseOptions(args, { short: 'BbcDEeFIiJLlmOopQRSWw' });
  const remote = args.slice(index + 1);
  return remote.length > 0 ? { scripts: [remote.join(' ')] } : {};
}

function unwrapWatch(args: readonly string[]): UnwrapStep {
  const { index, options } = parseOptions(args, { short: 'nq', long: ['interval', 'equexit'] });
  const command = args.slice(index);
  if (command.length === 0) return {};
  return options.has('x') || options.has('exec') ? { commands: [command] } : { scripts: [command.join(' ')] };
}

type Unwrapper = (args: readonly string[], stdin: readonly string[]) => UnwrapStep;

const UNWRAPPERS: ReadonlyMap<string, Unwrapper> = new Map<string, Unwrapper>([
  [
    'sudo',
    (args) =>
      rest(args, {
        short: 'CDgpRrtTUu',
        long: [
          'user',
          'group',
          'prompt',
          'close-from',
          'chdir',
          'chroot',
          'role',
          'type',
          'other-user',
          'host',
        ],
      }),
  ],
  ['doas', (args) => rest(args, { short: 'uC' })],
  ['pkexec', (args) => rest(args, { long: ['user'] })],
  ['env', unwrapEnv],
  [
    'command',
    (args) => {
      const { options } = parseOptions(args, {});
      return options.has('v') || options.has('V') ? {} : rest(args, {});
    },
  ],
  ['builtin', (args) => rest(args, {})],
  ['exec', (args) => rest(args, { short: 'a' })],
  ['nohup', (args) => rest(args, {})],
  ['setsid', (args) => rest(args, {})],
  ['coproc', (args) => rest(args, {})],
  ['time', (args) => rest(args, { short: 'fo', long: ['format', 'output'] })],
  ['nice', (args) => rest(args, { short: 'n', long: ['adjustment'] })],
  ['ionice', (args) => rest(args, { short: 'cnpPu', long: ['class', 'classdata', 'pid', 'pgid', 'uid'] })],
  ['stdbuf', (args) => rest(args, { short: 'ioe', long: ['input', 'output', 'error'] })],
  ['timeout', (args) => rest(args, { short: 'sk', long: ['signal', 'kill-after'] }, 1)],
  ['chrt', (args) => rest(args, {}, 1)],
  ['taskset', (args) => rest(args, {}, 1)],
  ['chroot', (args) => rest(args, { long: ['userspec', 'groups'] }, 1)],
  ['unbuffer', (args) => rest(args, {})],
  ['caffeinate', (args) => rest(args, { short: 'tw' })],
  [
    'xargs',
    (args) =>
      rest(args, {
        short: 'adEILnPs',
        long: ['arg-file', 'delimiter', 'eof', 'replace', 'max-lines', 'max-args', 'max-procs', 'max-chars'],
      }),
  ],
  ['busybox', (args) => (args.length > 1 ? { commands: [args.slice(1)] } : {})],
  ['toybox', (args) => (args.length > 1 ? { commands: [args.slice(1)] } : {})],
  ['eval', (args) => (args.length > 1 ? { scripts: [args.slice(1).join(' ')] } : {})],
  ['su', unwrapSwitchUser],
  ['runuser', unwrapSwitchUser],
  ['flock', unwrapFlock],
  ['ssh', unwrapSsh],
  ['watch', unwrapWatch],
  [
    'script',
    (args) => {
      const command = optionValue(
        parseOptions(args, { short: 'cEIOBTm', long: ['command'] }).options,
        'c',
        'command',
      );
      return command === undefined ? {} : { scripts: [command] };
    },
  ],
  ['find', unwrapFind],
  ['sg', (args) => (args.length > 2 ? { scripts: [args.slice(2).join(' ')] } : {})],
  ['at', (_args, stdin) => ({ scripts: stdin })],
  ['batch', (_args, stdin) => ({ scripts: stdin })],
]);

/** The lower-cased command name used to look up wrappers and in the built-in rules. */
export const commandName = (argv: readonly string[]): string =>
  (argv[0] ?? '').toLowerCase().replace(/\.exe$/, '');

/** True for a command this module knows to run another command or a script. */
export const isWrapperName = (name: string): boolean => UNWRAPPERS.has(name);

/** True for a POSIX-family shell interpreter name. */
export const isShellName = (name: string): boolean => SHELLS.has(name);

/**
 * What `argv` runs on behalf of its caller, or `{}` when it is not a known wrapper.
 * `stdin` holds the here-document and here-string text fed to the command.
 */
export function unwrapCommand(argv: readonly string[], stdin: readonly string[]): UnwrapStep {
  const name = commandName(argv);
  if (SHELLS.has(name)) return unwrapShell(argv, stdin);
  return UNWRAPPERS.get(name)?.(argv, stdin) ?? unwrapInterpreter(name, argv) ?? {};
}
