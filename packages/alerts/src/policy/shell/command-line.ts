import { diag } from '@opentelemetry/api';
import { analyzeShell } from './analysis.js';
import { foldShellText } from './text.js';

const logger = diag.createComponentLogger({ namespace: '@agentvitals/alerts/policy' });

const quote = (word: string): string => `'${word.replaceAll("'", `'\\''`)}'`;

/** Joins an argument vector into a command line that parses back to exactly those words. */
export const quoteArgv = (argv: readonly string[]): string => argv.map(quote).join(' ');

/**
 * A value as a command line: a string as is, an array of strings as an argument vector
 * (`['rm', '-rf', '/']`), anything else `undefined`.
 */
export function asCommandLine(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string')) {
    return quoteArgv(value as string[]);
  }
  return undefined;
}

/**
 * Parses a shell command line into the simple commands it would run, normalised.
 *
 * Each simple command is an argument vector with quotes and escapes removed
 * (`"r"m`, `r''m`, `\rm`, `$'\x72m'` all read `rm`), leading `NAME=value` assignments
 * dropped, the command name reduced to its basename (`/usr/bin/rm` → `rm`) and
 * redirections appended as single words (`>/dev/sda`). Commands chained with `;`, `&&`,
 * `||`, `|`, `&` or newlines, inside `( )`, `{ }`, `if`/`while` bodies, `$(...)`,
 * backticks and `<(...)` are all listed. A command that runs another (`sudo`, `doas`,
 * `env`, `command`, `exec`, `nohup`, `nice`, `timeout`, `xargs`, `find -exec`, `busybox`,
 * `watch`, `ssh host ...`) is listed as written and then as the command it runs; the
 * scripts of `sh -c`, `bash -c`, `su -c`, `eval`, `env -S` and here-documents fed to a
 * shell are parsed in turn. An unknown command whose operands start with `rm`, a shell
 * or a wrapper (`strace rm ...`) is also listed as running them. Statically known
 * expansions are applied as an extra reading: unquoted `$IFS` splits words, brace lists
 * (`{rm,-rf,/}`), variables assigned earlier on the line, `$(echo ...)`/`$(printf ...)`.
 * String literals in inline code (`perl -e`, `python -c`, `awk`) are parsed as scripts.
 * Unusual whitespace (NBSP, ideographic space), zero-width characters and fullwidth
 * letters are folded first. Never throws.
 */
export function normalizeShellCommand(command: string): readonly (readonly string[])[] {
  if (typeof command !== 'string') return [];
  try {
    return analyzeShell(command).commands.flatMap((parsed) => parsed.runs);
  } catch (error) {
    logger.warn('shell command could not be analysed; falling back to splitting on whitespace', error);
    const words = foldShellText(command).split(/\s+/).filter(Boolean);
    return words.length > 0 ? [words] : [];
  }
}
