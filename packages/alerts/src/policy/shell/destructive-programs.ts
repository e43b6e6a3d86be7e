import { isCriticalPath, normalizeDevicePath } from './critical-paths.js';
import { commandName } from './wrappers.js';

/**
 * Destructive programs beyond `rm`, `dd` and `mkfs`: partition and disk tools, secure
 * erasers, `truncate`, `crontab -r`, git commands that throw work away, PowerShell and
 * cmd.exe deletions, and scripting-language calls that delete or run commands.
 */

type Argv = readonly string[];

const has = (argv: Argv, pattern: RegExp): boolean => argv.slice(1).some((arg) => pattern.test(arg));

/** Disk, partition and volume tools run in a way that changes or erases the disk. */
export function wipesDisk(argv: Argv): boolean {
  const name = commandName(argv);
  const operands = argv.slice(1);
  switch (name) {
    case 'sgdisk':
    case 'gdisk':
    case 'sfdisk':
    case 'fdisk':
    case 'cfdisk':
    case 'parted': {
      const listing =
        /^(?:-[lpvVh]|--(?:list|print|verify|version|info|dump|show-size|help)|print|help|unit|[sB]|[KMGT]i?B)$/;
      const readOnly =
        operands.some((arg) => listing.test(arg)) &&
        operands.every(
          (arg) =>
            listing.test(arg) || arg.startsWith('/dev/') || (!arg.startsWith('-') && name !== 'parted'),
        );
      return !readOnly;
    }
    case 'hdparm':
      return has(
        argv,
        /^--(?:security-erase|security-erase-enhanced|trim-sector-ranges|fwdownload|make-bad-sector|write-sector)/,
      );
    case 'nvme':
      return operands.some((arg) => ['format', 'sanitize', 'delete-ns', 'detach-ns'].includes(arg));
    case 'cryptsetup':
      return operands.some((arg) =>
        ['luksFormat', 'erase', 'luksErase', 'reencrypt', 'luksKillSlot', 'luksRemoveKey'].includes(arg),
      );
    case 'lvremove':
    case 'vgremove':
    case 'pvremove':
    case 'dmsetup':
      return (
        name !== 'dmsetup' || operands.some((arg) => ['remove_all', 'wipe_table', 'remove'].includes(arg))
      );
    case 'zpool':
    case 'zfs':
      return operands.some((arg) => ['destroy', 'labelclear'].includes(arg));
    case 'mdadm':
      return has(argv, /^--(?:zero-superblock|stop|remove|fail)/);
    case 'badblocks':
      return has(argv, /^-[a-zA-Z]*w/);
    case 'shred':
    case 'srm':
    case 'wipe':
      return true;
    default:
      return false;
  }
}

/** `truncate` (any use) and `crontab -r` (removes every scheduled job). */
export function truncatesOrDropsCrontab(argv: Argv): boolean {
  const name = commandName(argv);
  if (name === 'truncate') return true;
  return name === 'crontab' && has(argv, /^-[a-zA-Z]*r/);
}

/** Git commands that throw away work: `clean -f`, `reset --hard`, forced or deleting pushes, `checkout -f`/`checkout -- path`, `restore`, `stash clear|drop`, `branch -D`. */
export function discardsGitWork(argv: Argv): boolean {
  if (commandName(argv) !== 'git') return false;
  let index = 1;
  while (index < argv.length && argv[index]!.startsWith('-')) {
    if (['-C', '-c', '--git-dir', '--work-tree', '--namespace'].includes(argv[index]!)) index += 1;
    index += 1;
  }
  const sub = argv[index];
  const rest = argv.slice(index + 1);
  const any = (pattern: RegExp): boolean => rest.some((arg) => pattern.test(arg));
  switch (sub) {
    case 'clean':
      return any(/^-[a-zA-Z]*f|^--force$/);
    case 'reset':
      return any(/^--(?:hard|merge|keep)$/);
    case 'push':
      return any(/^-[a-zA-Z]*f|^--force|^--mirror$|^--delete$|^-d$|^--prune$|^\+|^:/);
    case 'checkout':
      return any(/^-[a-zA-Z]*f|^--force$|^--$|^\.$|^--ours$|^--theirs$/);
    case 'restore':
      return !rest.includes('--staged') || rest.includes('--worktree');
    case 'switch':
      return any(/^-[a-zA-Z]*[fC]|^--force|^--discard-changes$|^--orphan$/);
    case 'fetch':
    case 'pull':
      return any(/^\+|^-[a-zA-Z]*f|^--force$/);
    case 'stash':
      return rest[0] === 'clear' || rest[0] === 'drop';
    case 'branch':
      return any(/^-[a-zA-Z]*[DfMC]|^--delete$|^--force$/);
    case 'reflog':
      return rest[0] === 'expire' || rest[0] === 'delete';
    case 'update-ref':
      return any(/^-d$/);
    case 'gc':
      return any(/^--prune=now$|^--aggressive$/);
    default:
      return false;
  }
}

const POWERSHELL_REMOVE = new Set([
  'remove-item',
  'ri',
  'rd',
  'rmdir',
  'del',
  'erase',
  'rp',
  'remove-itemproperty',
]);
const POWERSHELL_DESTROY = new Set([
  'format-volume',
  'clear-disk',
  'initialize-disk',
  'remove-partition',
  'stop-computer',
  'restart-computer',
  'format',
  'diskpart',
  'cipher',
  'remove-volume',
  'clear-recyclebin',
  'stop-process',
]);

const WINDOWS_CRITICAL =
  /^(?:[a-z]:[\\/]*|[a-z]:[\\/]+(?:windows|users|program files[^\\/]*|programdata)[\\/]*(?:[^\\/]+[\\/]*)?)$/i;

/**
 * PowerShell `Remove-Item -Recurse -Force` (any alias, any prefix of the parameter names),
 * cmd.exe `rd /s /q`, a recursive removal of a drive, a system or home directory, and
 * `Format-Volume` and the like.
 */
export function powershellDestroys(argv: Argv): boolean {
  const name = commandName(argv);
  if (POWERSHELL_DESTROY.has(name)) return true;
  if (!POWERSHELL_REMOVE.has(name) || name === 'rm') return false;
  const operands = argv.slice(1);
  const recursive = operands.some(
    (arg) => /^-r(?:e(?:c(?:u(?:r(?:s(?:e)?)?)?)?)?)?(?::\$?true)?$/i.test(arg) || /^\/s$/i.test(arg),
  );
  const force = operands.some(
    (arg) => /^-fo(?:r(?:c(?:e)?)?)?(?::\$?true)?$/i.test(arg) || /^\/q$/i.test(arg),
  );
  const critical = operands.some(
    (arg) =>
      !/^[-/][a-z]/i.test(arg) && (WINDOWS_CRITICAL.test(arg) || isCriticalPath(arg.replaceAll('\\', '/'))),
  );
  return recursive && (force || critical);
}

const DESTRUCTIVE_CALL =
  /\b(?:shutil\s*\.\s*rmtree|rmtree|os\s*\.\s*(?:remove|unlink|rmdir|removedirs|system|popen|exec\w*|spawn\w*)|subprocess|rmSync|rmdirSync|unlinkSync|rimraf|fs\s*\.\s*(?:rm|rmdir|unlink|promises)|child_process|execSync|spawnSync|FileUtils\s*\.\s*(?:rm\w*|remove\w*)|File\s*\.\s*delete|Dir\s*\.\s*(?:delete|rmdir)|unlink|rmdir|remove_tree|system|exec|popen|Remove-Item|Runtime\s*\.\s*getRuntime|ProcessBuilder|pathlib|Path\s*\(|\.unlink\s*\(|\.rmdir\s*\(|fork)\b/;
const SCRIPTING =
  /^(?:python[\d.]*|pypy[\d.]*|perl|ruby|node|nodejs|bun|deno|php|lua|luajit|rscript|julia|osascript|pwsh|powershell|tclsh|awk|gawk|mawk|nawk)$/;

/** A scripting language given code on its command line that deletes files or runs commands through its own API. */
export function interpreterDestroys(argv: Argv): boolean {
  if (!SCRIPTING.test(commandName(argv))) return false;
  return argv.slice(1).some((arg) => /[(;`]/.test(arg) && DESTRUCTIVE_CALL.test(arg));
}

/** `curl -X DELETE` (also as an `X-HTTP-Method-Override: DELETE` header), requests to a local service socket (`--unix-socket`) and requests through protocols that send raw commands to a service (`gopher://`, `dict://`, `telnet://`). */
export function destroysRemotely(argv: Argv): boolean {
  const name = commandName(argv);
  if (name !== 'curl' && name !== 'wget' && name !== 'http' && name !== 'xh') return false;
  const args = argv.slice(1);
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index]!;
    const method = /^(?:-X|--request|--method)(?:=)?(.*)$/.exec(arg);
    if (method !== null && /^(?:DELETE|PURGE)$/i.test(method[1] || args[index + 1] || '')) return true;
    if (/^(?:gopher|dict|telnet|ldap|smtp|mqtt|rtsp)s?:\/\//i.test(arg)) return true;
    // A local service socket (Docker's, containerd's) takes requests that run containers.
    if (/^--(?:abstract-)?unix-socket/.test(arg)) return true;
    const header = /^(?:-H|--header)(.*)$/.exec(arg);
    const headerText = header === null ? '' : header[1] || args[index + 1] || '';
    if (/^\s*x-(?:http-)?method(?:-override)?\s*:\s*(?:DELETE|PURGE)\b/i.test(headerText)) return true;
  }
  return (name === 'http' || name === 'xh') && args.some((arg) => /^DELETE$/i.test(arg));
}

const SYSTEM_FILE = /^\/(?:etc|boot|proc|sys|bin|sbin|lib\d*|usr|dev)(?:\/|$)/;
const HARMLESS_DEVICE = /^\/dev\/(?:null|zero|full|random|urandom|stdout|stderr|stdin|tty|fd\/\d+|shm\/.*)$/;
const OUTPUT_REDIRECT = /^(?:>>?|>\||&>>?|<>|>&)(.+)$/;

/** True when `path` is a system file or device a command should never write. */
export const isSystemFile = (path: string): boolean => {
  const normalized = normalizeDevicePath(path);
  return SYSTEM_FILE.test(normalized) && !HARMLESS_DEVICE.test(normalized);
};

/** Redirections, `tee`, `cp`/`mv`/`install`/`ln` targets, `dd of=`, `truncate` and `sed -i` onto a system file or device (`/proc/sysrq-trigger`, `/etc/passwd`, `//dev/sda`). */
export function writesSystemFile(argv: Argv): boolean {
  for (const word of argv.slice(1)) {
    const redirect = OUTPUT_REDIRECT.exec(word);
    if (redirect !== null && !/^\d+$|^-$/.test(redirect[1]!) && isSystemFile(redirect[1]!)) return true;
  }
  const name = commandName(argv);
  const operands = argv.slice(1).filter((arg) => !arg.startsWith('-') && !/^[<>&]/.test(arg));
  if (name === 'dd') return argv.some((arg) => arg.startsWith('of=') && isSystemFile(arg.slice(3)));
  if (name === 'tee' || name === 'truncate' || name === 'shred') return operands.some(isSystemFile);
  if (['cp', 'mv', 'install', 'ln', 'rsync', 'cat'].includes(name)) {
    const target = operands.at(-1);
    return name !== 'cat' && operands.length >= 2 && target !== undefined && isSystemFile(target);
  }
  if (name === 'sed')
    return argv.some((arg) => /^-[a-zA-Z]*i|^--in-place/.test(arg)) && operands.slice(1).some(isSystemFile);
  return false;
}
