import { basename, gitSubcommandIndex } from './program-names.js';
import { sedEffect } from './sed-script.js';

/** Writes and truncations a command makes through its options or redirections (`sort -o`, `git --output`, `>`). */

type Argv = readonly string[];

const HARMLESS_TARGET = /^(?:\/dev\/(?:null|stdout|stderr|tty|fd\/[12])|-)$/;

/** Why `argv` writes or truncates a file through an option, or undefined. */
export function writesFileByOption(argv: Argv): string | undefined {
  const name = basename(argv[0] ?? '');
  const operands = argv.slice(1);
  const optionValue = (pattern: RegExp): string | undefined => {
    for (let index = 0; index < operands.length; index += 1) {
      const arg = operands[index]!;
      const match = pattern.exec(arg);
      if (match === null) continue;
      const attached = arg.slice(match[0].length).replace(/^=/, '');
      return attached !== '' ? attached : (operands[index + 1] ?? '');
    }
    return undefined;
  };
  const writes = (value: string | undefined): boolean => value !== undefined && !HARMLESS_TARGET.test(value);
  if (name === 'tree' && writes(optionValue(/^-[a-zA-Z]*o/))) return 'tree -o writes a file';
  if (name === 'uniq' && operands.filter((arg) => !arg.startsWith('-')).length >= 2)
    return 'uniq writes its second operand';
  if (name === 'date' && operands.some((arg) => /^(?:-[a-zA-Z]*s|--set)/.test(arg)))
    return 'date -s changes the system clock';
  if (name === 'touch' || name === 'mkdir') return undefined;
  if (name === 'tee')
    return operands.some((arg) => !arg.startsWith('-') && !HARMLESS_TARGET.test(arg))
      ? 'tee writes files'
      : undefined;
  if (name === 'sed' && sedEffect(argv) === 'writes') return 'sed edits or writes files (-i, w)';
  if (name === 'sort' && writes(optionValue(/^(?:-[bcCdfghiMmnRrsuVz]*o|--output)/)))
    return 'sort -o writes a file';
  if (name === 'git') {
    if (writes(optionValue(/^(?:--output(?:=|$)|-o$)/))) return 'git --output writes a file';
    const sub = argv[gitSubcommandIndex(argv)];
    const configWrites = operands.some((arg) =>
      /^--(?:add|replace-all|unset|rename-section|remove-section|edit)|^-e$|^(?:set|unset|rename-section|remove-section|edit)$/.test(
        arg,
      ),
    );
    if (sub === 'config' && (configWrites || !operands.some((arg) => /^--(?:get|list|show)|^-l$/.test(arg))))
      return 'git config writes configuration that later git commands follow (aliases, pagers, hooks)';
    return undefined;
  }
  if (name === 'curl') {
    if (
      operands.some((arg) =>
        /^(?:-[a-zA-Z]*O|--remote-name|--output-dir|-K|--config|--libcurl|--trace|-c$|--cookie-jar|-D|--dump-header|--stderr|--etag-save|--hsts|--alt-svc|--expand-|--variable)/.test(
          arg,
        ),
      )
    )
      return 'curl writes a file';
    if (writes(optionValue(/^(?:--output(?:=|$)|-[a-zA-Z]*o)/))) return 'curl -o writes a file';
    if (operands.some((arg) => /%output\{/.test(arg))) return 'curl -w %output{} writes a file';
    return undefined;
  }
  if (name === 'wget') {
    const document = optionValue(/^(?:--output-document(?:=|$)|-[a-zA-Z]*O)/);
    if (operands.includes('--spider') || document === '-') return undefined;
    return 'wget writes the files it downloads';
  }
  if (name === 'find' && operands.some((arg) => /^-f(?:print0?|printf|ls)$/.test(arg)))
    return 'find -fprint writes a file';
  if (name === 'tar' && /^-?[a-zA-Z]*x|^--extract$|^--get$/.test(operands[0] ?? ''))
    return 'tar extracts files over existing ones';
  if (name === 'tar' && operands.some((arg) => /^(?:--extract|--get|-[a-zA-Z]*x[a-zA-Z]*)$/.test(arg)))
    return 'tar extracts files over existing ones';
  if (name === 'dd' && operands.some((arg) => arg.startsWith('of=') && !HARMLESS_TARGET.test(arg.slice(3))))
    return 'dd writes a file or device';
  return undefined;
}

/** Output redirection operators (`>`, `>>`, `>|`, `&>`, `&>>`, `<>`, and `>&` to a file name). */
export function redirectWrites(operator: string, target: string): boolean {
  if (!['>', '>>', '>|', '&>', '&>>', '<>', '>&'].includes(operator)) return false;
  if (operator === '>&' && /^(?:\d+|-)$/.test(target)) return false;
  return !HARMLESS_TARGET.test(target);
}
