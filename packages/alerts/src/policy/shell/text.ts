/**
 * Text preparation shared by the shell lexer: Unicode compatibility folding and the
 * whitespace a terminal, a chat UI or a model may smuggle into a command line.
 */

/** Characters treated as a plain space (NBSP, en/em spaces, ideographic space, ...). */
const UNUSUAL_SPACE = /[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/g;
/** Characters that render as nothing and are removed (zero-width space/joiners, BOM, soft hyphen). */
const INVISIBLE = /[\u00ad\u180e\u200b-\u200d\u2060\ufeff]/g;
/** Line separators treated as a newline. */
const LINE_BREAK = /\r\n?|[\u0085\u2028\u2029]/g;

/**
 * Folds a command line to what a deny-biased reader should see: NFKC (fullwidth `ｒｍ`
 * becomes `rm`), unusual spaces become spaces, invisible characters are dropped, every
 * line break becomes `\n`. Shells would treat some of these as literal bytes; treating
 * them as their lookalikes can only make a rule match more, never less.
 */
export function foldShellText(text: string): string {
  return text.normalize('NFKC').replace(INVISIBLE, '').replace(UNUSUAL_SPACE, ' ').replace(LINE_BREAK, '\n');
}

/** Printable ASCII, tabs and line breaks: text folding cannot change. */
const PLAIN = /^[\t\n\r\x20-\x7e]*$/;

/**
 * True when folding changes more than line breaks: fullwidth or other compatibility forms,
 * unusual spaces, invisible characters. A shell reads those as written (`ｌｓ` is not `ls`,
 * `ls\u00a0-la` is one word), so a reader that folds them may see an allowed command where
 * the shell runs another: an allow list cannot vouch for such a line.
 */
export function foldChangesWords(text: string): boolean {
  if (PLAIN.test(text)) return false;
  const breaks = text.replace(LINE_BREAK, '\n');
  return foldShellText(text) !== breaks;
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  a: '\u0007',
  b: '\b',
  e: '\u001b',
  E: '\u001b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '?': '?',
};

/**
 * Decodes the body of a `$'...'` (ANSI-C) string starting just after the opening quote.
 * Returns the decoded text and the index just past the closing quote.
 */
export function readAnsiCString(source: string, start: number): { value: string; end: number } {
  let value = '';
  let index = start;
  while (index < source.length) {
    const char = source[index]!;
    if (char === "'") return { value, end: index + 1 };
    if (char !== '\\' || index + 1 >= source.length) {
      value += char;
      index += 1;
      continue;
    }
    const next = source[index + 1]!;
    const simple = SIMPLE_ESCAPES[next];
    if (simple !== undefined) {
      value += simple;
      index += 2;
      continue;
    }
    const numeric = /^(?:x([0-9a-fA-F]{1,2})|u([0-9a-fA-F]{1,4})|U([0-9a-fA-F]{1,8})|([0-7]{1,3})|c(.))/.exec(
      source.slice(index + 1, index + 11),
    );
    if (numeric === null) {
      value += `\\${next}`;
      index += 2;
      continue;
    }
    const [match, hex, unicode, wide, octal, control] = numeric;
    if (control !== undefined) {
      value += String.fromCharCode(control.charCodeAt(0) & 0x1f);
    } else {
      const code = Number.parseInt(hex ?? unicode ?? wide ?? octal!, (hex ?? unicode ?? wide) ? 16 : 8);
      value += code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    index += 1 + match.length;
  }
  return { value, end: index };
}
