import type { ArgumentRule } from '../policy-types.js';
import { analyzeShell, type ShellAnalysis } from './analysis.js';
import { asCommandLine } from './command-line.js';
import { isCriticalPath, normalizeDevicePath } from './critical-paths.js';
import {
  destroysRemotely,
  discardsGitWork,
  interpreterDestroys,
  powershellDestroys,
  truncatesOrDropsCrontab,
  wipesDisk,
  writesSystemFile,
} from './destructive-programs.js';
import {
  DECODE_TEXT,
  DECODERS,
  DOWNLOAD_TEXT,
  DOWNLOADERS,
  definesForkBomb,
  executesOutputOf,
} from './execution-checks.js';
import { commandName } from './wrappers.js';

type Argv = readonly string[];

const argvOf = (value: unknown): Argv =>
  Array.isArray(value) && value.every((item) => typeof item === 'string') ? (value as Argv) : [];

/** Flags of `rm`, including clusters (`-Rf`), long options and their unambiguous prefixes (`--rec`). */
function rmFlags(argv: Argv): {
  recursive: boolean;
  force: boolean;
  noPreserveRoot: boolean;
  operands: string[];
} {
  let recursive = false;
  let force = false;
  let noPreserveRoot = false;
  const operands: string[] = [];
  let optionsEnded = false;
  for (const arg of argv.slice(1)) {
    if (optionsEnded || arg === '-' || !arg.startsWith('-') || arg.startsWith('>') || arg.startsWith('<')) {
      if (!arg.startsWith('>') && !arg.startsWith('<')) operands.push(arg);
    } else if (arg === '--') {
      optionsEnded = true;
    } else if (arg.startsWith('--')) {
      const name = arg.slice(2).split('=')[0]!;
      if ('recursive'.startsWith(name)) recursive = true;
      if ('force'.startsWith(name)) force = true;
      if (name.length >= 3 && 'no-preserve-root'.startsWith(name)) noPreserveRoot = true;
    } else {
      if (/[rR]/.test(arg)) recursive = true;
      if (arg.includes('f')) force = true;
    }
  }
  return { recursive, force, noPreserveRoot, operands };
}

const isRm = (argv: Argv): boolean => commandName(argv) === 'rm';
const operandsOf = (argv: Argv): string[] =>
  argv.slice(1).filter((arg) => !arg.startsWith('-') && !arg.startsWith('>') && !arg.startsWith('<'));

const MKFS = new Set(['mkfs', 'mke2fs', 'mkswap', 'wipefs', 'mkntfs', 'mkdosfs', 'newfs', 'blkdiscard']);
const HARMLESS_DEVICES = /^\/dev\/(?:null|zero|full|random|urandom|stdout|stderr|stdin|tty|fd\/\d+)$/;
const BLOCK_DEVICE =
  /^\/dev\/(?:sd|hd|vd|xvd|nvme|mmcblk|disk|rdisk|md\d|dm-|mapper\/|loop|sr\d|nbd|zd|root\b|mem\b|kmem\b|port\b)/;
const OUTPUT_REDIRECT = /^(?:>>?|>\||&>>?|<>)(.*)$/;

function writesBlockDevice(argv: Argv): boolean {
  for (const word of argv.slice(1)) {
    const redirect = OUTPUT_REDIRECT.exec(word);
    if (redirect !== null && BLOCK_DEVICE.test(normalizeDevicePath(redirect[1]!))) return true;
  }
  const name = commandName(argv);
  const operands = operandsOf(argv);
  const device = (path: string): boolean => BLOCK_DEVICE.test(normalizeDevicePath(path));
  if (name === 'shred' || name === 'tee') return operands.some(device);
  if (name === 'cp' || name === 'mv' || name === 'cat') {
    const target = operands.at(-1);
    return name !== 'cat' && operands.length >= 2 && target !== undefined && device(target);
  }
  return false;
}

const UNSEEN_RUNNERS = new Set(['xargs', 'find', 'parallel', 'sem']);
const REMOVERS = new Set(['rm', 'rmdir', 'unlink', 'shred', 'truncate', 'srm', 'wipe']);

/** `rm` and other removers run by `xargs`, `find -exec` or `parallel`, whose operands arrive at run time. */
function removesUnseenOperands(analysis: ShellAnalysis): boolean {
  return analysis.commands.some(
    (command) =>
      UNSEEN_RUNNERS.has(commandName(command.runs[0] ?? [])) &&
      command.runs.slice(1).some((argv) => REMOVERS.has(commandName(argv))),
  );
}

/** A rule over the whole command line (pipelines, function definitions) rather than one command. */
const wholeLine =
  (test: (analysis: ShellAnalysis) => boolean) =>
  (value: unknown): boolean => {
    const line = asCommandLine(value);
    return line !== undefined && test(analyzeShell(line));
  };

/**
 * Built-in rules against commands that destroy a machine or run code from the network.
 * Use them as `arguments: { shell: DANGEROUS_SHELL_RULES }` (every string argument is
 * checked) or bind them to one argument with `DANGEROUS_SHELL_RULES.map((rule) => ({ ...rule, argument: 'command' }))`.
 * A pattern list is not a sandbox: see docs/policies.md for what it cannot catch.
 */
export const DANGEROUS_SHELL_RULES: readonly ArgumentRule[] = Object.freeze(
  [
    {
      name: 'rm-recursive-force',
      shell: true,
      reason: 'recursive forced removal (rm -rf)',
      predicate: (value: unknown) => {
        const argv = argvOf(value);
        if (!isRm(argv)) return false;
        const flags = rmFlags(argv);
        return flags.recursive && flags.force;
      },
    },
    {
      name: 'rm-recursive-critical-path',
      shell: true,
      reason: 'recursive removal of a root, system or home directory',
      predicate: (value: unknown) => {
        const argv = argvOf(value);
        if (!isRm(argv)) return false;
        const flags = rmFlags(argv);
        return flags.noPreserveRoot || (flags.recursive && flags.operands.some(isCriticalPath));
      },
    },
    {
      name: 'find-delete',
      shell: true,
      reason: 'find with -delete removes every match',
      predicate: (value: unknown) => {
        const argv = argvOf(value);
        return commandName(argv) === 'find' && argv.includes('-delete');
      },
    },
    {
      name: 'make-filesystem',
      shell: true,
      reason: 'creating or wiping a filesystem (mkfs, wipefs, mkswap)',
      predicate: (value: unknown) => {
        const name = commandName(argvOf(value));
        return MKFS.has(name) || name.startsWith('mkfs.');
      },
    },
    {
      name: 'dd-to-device',
      shell: true,
      reason: 'dd writing to a device',
      predicate: (value: unknown) => {
        const argv = argvOf(value);
        return (
          commandName(argv) === 'dd' &&
          argv.some((arg) => {
            if (!arg.startsWith('of=')) return false;
            const target = normalizeDevicePath(arg.slice(3));
            return /[$`]/.test(arg) || (target.startsWith('/dev/') && !HARMLESS_DEVICES.test(target));
          })
        );
      },
    },
    {
      name: 'write-block-device',
      shell: true,
      reason: 'writing to a raw disk or memory device',
      predicate: (value: unknown) => writesBlockDevice(argvOf(value)),
    },
    {
      name: 'recursive-permissions-critical-path',
      shell: true,
      reason: 'recursive chmod/chown/chgrp of a root, system or home directory',
      predicate: (value: unknown) => {
        const argv = argvOf(value);
        if (!['chmod', 'chown', 'chgrp'].includes(commandName(argv))) return false;
        const recursive = argv.some((arg) => /^-[a-zA-Z]*R/.test(arg) || arg === '--recursive');
        return recursive && operandsOf(argv).some(isCriticalPath);
      },
    },
    {
      name: 'system-shutdown',
      shell: true,
      reason: 'shutting down or rebooting the machine',
      predicate: (value: unknown) => {
        const argv = argvOf(value);
        const name = commandName(argv);
        if (['shutdown', 'reboot', 'halt', 'poweroff'].includes(name)) return true;
        if (name === 'init' || name === 'telinit') return argv[1] === '0' || argv[1] === '6';
        return (
          name === 'systemctl' && argv.some((arg) => ['poweroff', 'reboot', 'halt', 'kexec'].includes(arg))
        );
      },
    },
    {
      name: 'kill-all-processes',
      shell: true,
      reason: 'signalling every process (kill -1)',
      predicate: (value: unknown) => {
        const argv = argvOf(value);
        return commandName(argv) === 'kill' && argv.slice(2).includes('-1');
      },
    },
    {
      name: 'move-critical-path',
      shell: true,
      reason: 'moving a root, system or home directory away',
      predicate: (value: unknown) => {
        const argv = argvOf(value);
        return commandName(argv) === 'mv' && operandsOf(argv).slice(0, -1).some(isCriticalPath);
      },
    },
    {
      name: 'wipe-disk',
      shell: true,
      reason:
        'erasing or repartitioning a disk (sgdisk --zap-all, shred, cryptsetup luksFormat, zpool destroy)',
      predicate: (value: unknown) => wipesDisk(argvOf(value)),
    },
    {
      name: 'write-system-file',
      shell: true,
      reason: 'writing a system file or device (/proc/sysrq-trigger, /etc, /boot, /dev)',
      predicate: (value: unknown) => writesSystemFile(argvOf(value)),
    },
    {
      name: 'truncate-or-drop-crontab',
      shell: true,
      reason: 'emptying files (truncate) or removing every scheduled job (crontab -r)',
      predicate: (value: unknown) => truncatesOrDropsCrontab(argvOf(value)),
    },
    {
      name: 'git-discard-work',
      shell: true,
      reason: 'throwing away git work (clean -f, reset --hard, push --force, checkout -f, branch -D)',
      predicate: (value: unknown) => discardsGitWork(argvOf(value)),
    },
    {
      name: 'remote-destroy',
      shell: true,
      reason:
        'an HTTP DELETE, a raw request to a service or a request to a local service socket (curl -X DELETE, gopher://, --unix-socket)',
      predicate: (value: unknown) => destroysRemotely(argvOf(value)),
    },
    {
      name: 'powershell-destroy',
      shell: true,
      reason:
        'recursive or forced deletion or disk formatting in PowerShell or cmd.exe (Remove-Item -Recurse, rd /s)',
      predicate: (value: unknown) => powershellDestroys(argvOf(value)),
    },
    {
      name: 'interpreter-destroy',
      shell: true,
      reason: 'a scripting language told to delete files or run commands (shutil.rmtree, fs.rmSync, system)',
      predicate: (value: unknown) => interpreterDestroys(argvOf(value)),
    },
    {
      name: 'remove-unseen-operands',
      reason: 'a removal whose targets are produced at run time (xargs rm, find -exec rm, parallel rm)',
      predicate: wholeLine(removesUnseenOperands),
    },
    {
      name: 'too-complex-to-inspect',
      reason: 'command line too long or nested too deeply to inspect',
      predicate: wholeLine((analysis) => !analysis.complete),
    },
    {
      name: 'fork-bomb',
      reason: 'a fork bomb (a function that starts copies of itself)',
      predicate: wholeLine(definesForkBomb),
    },
    {
      name: 'download-and-execute',
      reason: 'running code downloaded from the network (curl | sh)',
      predicate: wholeLine((analysis) => executesOutputOf(analysis, DOWNLOADERS, DOWNLOAD_TEXT)),
    },
    {
      name: 'decode-and-execute',
      reason: 'running an encoded payload (base64 -d | sh)',
      predicate: wholeLine((analysis) => executesOutputOf(analysis, DECODERS, DECODE_TEXT)),
    },
  ].map((rule) => Object.freeze(rule)),
);
