import { lexShell } from './lexer.js';
import { parseTokens } from './parser.js';

/**
 * What a shell would make of a word before running it, as far as the text alone tells:
 * `$name` and `${name}` of variables assigned a known value earlier on the line
 * (`a=rm; $a -rf /`), `$(echo ...)` and `$(printf ...)` substitutions, and brace
 * expansion (`{rm,-rf,/}`). Anything computed at run time stays as written.
 */

/** More words than this from one brace expansion are not produced (the word stays as written). */
export const MAX_BRACE_WORDS = 256;
/** Longer expanded text is not produced. */
const MAX_EXPANDED_LENGTH = 16_384;

const VARIABLE = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g;
const SUBSTITUTION = /\$\(([^()]*)\)|`([^`]*)`/g;

/** Decodes the escapes `printf` and `echo -e` understand (`\x72`, `\162`, `\n` ...). */
function decodeEscapes(text: string): string {
  return text.replace(/\\(x[0-9a-fA-F]{1,2}|0?[0-7]{1,3}|[nt\\])/g, (_match, code: string) => {
    if (code === 'n') return '\n';
    if (code === 't') return '\t';
    if (code === '\\') return '\\';
    if (code.startsWith('x')) return String.fromCharCode(Number.parseInt(code.slice(1), 16));
    return String.fromCharCode(Number.parseInt(code, 8));
  });
}

/** The text an `echo` or `printf` command line prints, or undefined for any other command. */
export function staticOutput(body: string): string | undefined {
  let commands: ReturnType<typeof parseTokens>['commands'];
  try {
    commands = parseTokens(lexShell(body).tokens, () => 0).commands;
  } catch {
    return undefined;
  }
  if (commands.length !== 1) return undefined;
  const words = commands[0]!.words.map((word) => word.value);
  const name = words[0]?.toLowerCase();
  if (name !== 'echo' && name !== 'printf') return undefined;
  const operands = words.slice(1);
  if (name === 'echo') while (/^-[neE]+$/.test(operands[0] ?? '')) operands.shift();
  return decodeEscapes(operands.join(' '));
}

/** Substitutes known variables and static substitutions in one word; unchanged when none applies. */
export function expandWord(word: string, variables: ReadonlyMap<string, string>): string {
  if (!word.includes('$') && !word.includes('`')) return word;
  let expanded = word.replace(
    SUBSTITUTION,
    (match, dollar: string | undefined, backtick: string | undefined) => {
      return staticOutput(dollar ?? backtick ?? '') ?? match;
    },
  );
  if (variables.size > 0) {
    expanded = expanded.replace(VARIABLE, (match, braced: string | undefined, plain: string | undefined) => {
      return variables.get(braced ?? plain ?? '') ?? match;
    });
  }
  return expanded.length > MAX_EXPANDED_LENGTH ? word : expanded;
}

/** Index of the `}` closing the `{` at `open`, and whether a top-level comma lies between. */
function closingBrace(word: string, open: number): { close: number; comma: boolean } | undefined {
  let depth = 0;
  let comma = false;
  for (let index = open; index < word.length; index += 1) {
    const char = word[index];
    if (char === '{') depth += 1;
    else if (char === '}') {
      depth -= 1;
      if (depth === 0) return { close: index, comma };
    } else if (char === ',' && depth === 1) comma = true;
  }
  return undefined;
}

/** Splits the inside of a brace list on its top-level commas. */
function alternatives(inside: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let index = 0; index < inside.length; index += 1) {
    const char = inside[index];
    if (char === '{') depth += 1;
    else if (char === '}') depth -= 1;
    else if (char === ',' && depth === 0) {
      parts.push(inside.slice(start, index));
      start = index + 1;
    }
  }
  parts.push(inside.slice(start));
  return parts;
}

/**
 * Bash brace expansion of comma lists: `{rm,-rf,/}` → `rm -rf /`, `/bin/{r,}m` →
 * `/bin/rm /bin/m`. Sequences (`{1..3}`) and anything past `MAX_BRACE_WORDS` stay as written.
 */
export function expandBraces(word: string): string[] {
  const words: string[] = [];
  const pending = [word];
  while (pending.length > 0) {
    const current = pending.pop()!;
    let open = current.indexOf('{');
    let found: { close: number; comma: boolean } | undefined;
    while (open !== -1) {
      found = closingBrace(current, open);
      if (found?.comma) break;
      open = current.indexOf('{', open + 1);
    }
    if (open === -1 || found === undefined || !found.comma) {
      words.push(current);
      continue;
    }
    const prefix = current.slice(0, open);
    const suffix = current.slice(found.close + 1);
    const parts = alternatives(current.slice(open + 1, found.close));
    if (words.length + pending.length + parts.length > MAX_BRACE_WORDS) return [word];
    for (let index = parts.length - 1; index >= 0; index -= 1)
      pending.push(`${prefix}${parts[index]}${suffix}`);
  }
  return words;
}

/**
 * The argument vector the shell would build from `words` after static expansion, or
 * undefined when nothing expands. Expanded text is split on whitespace, as an unquoted
 * expansion would be.
 */
export function expandArgv(
  words: readonly string[],
  variables: ReadonlyMap<string, string>,
): string[] | undefined {
  let changed = false;
  const result: string[] = [];
  for (const word of words) {
    const substituted = expandWord(word, variables);
    const split = substituted === word ? [word] : substituted.split(/\s+/).filter(Boolean);
    for (const part of split) {
      const braced = expandBraces(part);
      result.push(...braced);
      if (braced.length !== 1 || braced[0] !== part) changed = true;
    }
    if (substituted !== word) changed = true;
    if (result.length > MAX_BRACE_WORDS * 4) return undefined;
  }
  return changed ? result : undefined;
}
