import { commandName, isShellName, isWrapperName } from './wrappers.js';

/**
 * Commands that may run another command given as their operands, without being a wrapper
 * this module knows (`strace rm ...`, `nsenter -t 1 rm ...`, `kubectl exec pod -- rm ...`).
 * An unknown command's operands are searched for the name of a command the built-in rules
 * judge, a shell or a known wrapper; from there on they are checked as a command too.
 */

/** Commands that print or look up their operands and never run them. */
const INERT = new Set([
  'echo',
  'printf',
  'git',
  'man',
  'info',
  'help',
  'which',
  'whereis',
  'whatis',
  'apropos',
  'type',
  'hash',
  'alias',
  'complete',
  'compgen',
  'grep',
  'egrep',
  'fgrep',
  'rg',
  'ag',
  'ack',
  'history',
  'test',
  '[',
  '[[',
  'true',
  'false',
  ':',
]);

/** Command names the built-in rules judge. */
const JUDGED = new Set([
  'rm',
  'find',
  'dd',
  'shred',
  'mke2fs',
  'mkswap',
  'wipefs',
  'mkntfs',
  'mkdosfs',
  'newfs',
  'blkdiscard',
  'chmod',
  'chown',
  'chgrp',
  'shutdown',
  'reboot',
  'halt',
  'poweroff',
  'systemctl',
  'kill',
]);

/** At most this many embedded commands are taken from one command. */
const MAX_EMBEDDED = 8;

const basename = (word: string): string => word.slice(word.lastIndexOf('/') + 1).toLowerCase();

const triggers = (word: string): boolean => {
  const name = basename(word);
  return JUDGED.has(name) || name.startsWith('mkfs') || isShellName(name) || isWrapperName(name);
};

/** The operand runs of `argv` that start with a judged command, a shell or a wrapper. */
export function embeddedCommands(argv: readonly string[]): string[][] {
  if (argv.length < 2 || INERT.has(commandName(argv))) return [];
  const found: string[][] = [];
  for (let index = 1; index < argv.length && found.length < MAX_EMBEDDED; index += 1) {
    if (triggers(argv[index]!)) found.push(argv.slice(index));
  }
  return found;
}
