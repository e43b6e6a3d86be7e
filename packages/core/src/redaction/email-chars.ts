/**
 * The e-mail scanner of `email.ts` for text that is not ASCII or has few `@`, reading characters
 * in place (`charCodeAt`) and only around each `@`: copying all of it as bytes first would cost
 * more than the reads (text that is not ASCII is two bytes a character in the engine). It finds what the byte
 * scanner finds, the same way: for each `@`, the local part backwards (at most 64 characters),
 * the domain forwards, label by label; each `@` is visited once and neither scan crosses
 * another `@` or reads more than a bounded number of characters.
 */

/** `A-Z a-z 0-9 . _ % + -`: the characters of a local part. */
function isLocal(code: number): boolean {
  return (
    (code >= 97 && code <= 122) ||
    (code >= 65 && code <= 90) ||
    (code >= 48 && code <= 57) ||
    code === 46 ||
    code === 95 ||
    code === 37 ||
    code === 43 ||
    code === 45
  );
}

/** `text.charCodeAt(index)`, or -1 past the end (where `charCodeAt` returns NaN and slows every call). */
const codeAt = (text: string, index: number): number => (index < text.length ? text.charCodeAt(index) : -1);

const isLetter = (code: number): boolean => (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
const isAlphanumeric = (code: number): boolean => isLetter(code) || (code >= 48 && code <= 57);
/** `A-Z a-z 0-9 -`: the characters of a domain label. */
const isLabel = (code: number): boolean => isAlphanumeric(code) || code === 45;

/** Where each label read by {@link domainEnd} ends (after its dot), by count. */
const labelEnds = new Int32Array(9);

/**
 * Where the domain starting at `start` ends, or -1: what the sticky pattern
 * `(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,8}[A-Za-z]{2,24}(?![A-Za-z0-9-])`
 * matches there. A label cannot contain its dot, so it ends at the first character that
 * cannot be in one, which must be a dot; up to eight are read. Then, from the most labels
 * down, as the pattern backtracks, the first count followed by 2 to 24 letters that no
 * letter, digit or `-` follows ends the domain.
 */
function domainEnd(text: string, start: number): number {
  let labels = 0;
  let position = start;
  while (labels < 8 && isAlphanumeric(codeAt(text, position))) {
    let end = position + 1;
    while (end - position < 64 && isLabel(codeAt(text, end))) end++;
    if (codeAt(text, end) !== 46 || end - position > 63 || !isAlphanumeric(text.charCodeAt(end - 1))) break;
    position = end + 1;
    labelEnds[++labels] = position;
  }
  for (let count = labels; count >= 1; count--) {
    const from = labelEnds[count]!;
    let end = from;
    while (end - from <= 24 && isLetter(codeAt(text, end))) end++;
    if (end - from >= 2 && end - from <= 24 && !isLabel(codeAt(text, end))) return end;
  }
  return -1;
}

/** Replaces every e-mail address in `text` with `replacement`, reading its characters in place. */
export function redactEmailsByCharacter(text: string, replacement: string): string {
  let at = text.indexOf('@');
  if (at < 0) return text;
  let out = '';
  let copied = 0;
  while (at >= 0) {
    let start = at;
    while (start > copied && at - start <= 64 && isLocal(text.charCodeAt(start - 1))) start--;
    // A local part longer than 64 characters is none; one right after a replaced address is.
    const bounded = at - start <= 64 && (start === copied || !isLocal(text.charCodeAt(start - 1)));
    let next = at + 1;
    if (bounded && start < at) {
      const end = domainEnd(text, at + 1);
      if (end >= 0) {
        out += text.slice(copied, start) + replacement;
        copied = end;
        next = copied;
      }
    }
    at = text.indexOf('@', next);
  }
  return copied === 0 ? text : out + text.slice(copied);
}
