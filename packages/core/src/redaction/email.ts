/**
 * E-mail addresses, found from their `@` rather than by trying a pattern at every position
 * (which cost half of all redaction time): for each `@`, the local part is read backwards
 * (at most 64 characters, stopping at a character that cannot be in one) and the domain is
 * read forwards, label by label, as the pattern's domain part would match it (a call of a
 * sticky pattern per `@` cost more than reading the domain). Each `@` is visited once and
 * neither scan crosses another `@` or reads more than a bounded number of characters, so the
 * work is linear in the text's length.
 */
import { asciiCodes } from './char-codes.js';
import { redactEmailsByCharacter } from './email-chars.js';

/** The same addresses as a pattern, for anyone who wants to apply it elsewhere. */
export const EMAIL_PATTERN =
  /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,8}[A-Za-z]{2,24}(?![A-Za-z0-9-])/g;

/** The classes of a character's code (see {@link asciiCodes}), as bits of {@link CLASSES}. */
const LETTER = 1;
const DIGIT = 2;
/** `-`, in labels and local parts. */
const HYPHEN = 4;
/** `. _ % +`, in local parts only. */
const LOCAL_ONLY = 8;
const ALPHANUMERIC = LETTER | DIGIT;
/** `A-Z a-z 0-9 -`: the characters of a domain label. */
const LABEL = ALPHANUMERIC | HYPHEN;
/** `A-Z a-z 0-9 . _ % + -`: the characters of a local part. */
const LOCAL = LABEL | LOCAL_ONLY;

/** The classes of every byte: one read instead of a chain of comparisons per character. */
const CLASSES = new Uint8Array(256);
for (let code = 0; code < 128; code++) {
  const char = String.fromCharCode(code);
  CLASSES[code] =
    (/[A-Za-z]/.test(char) ? LETTER : 0) |
    (/[0-9]/.test(char) ? DIGIT : 0) |
    (char === '-' ? HYPHEN : 0) |
    (/[._%+]/.test(char) ? LOCAL_ONLY : 0);
}

const isLocal = (code: number): boolean => (CLASSES[code]! & LOCAL) !== 0;
const isLetter = (code: number): boolean => (CLASSES[code]! & LETTER) !== 0;
const isAlphanumeric = (code: number): boolean => (CLASSES[code]! & ALPHANUMERIC) !== 0;
const isLabel = (code: number): boolean => (CLASSES[code]! & LABEL) !== 0;

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
function domainEnd(codes: Uint8Array, start: number): number {
  let labels = 0;
  let position = start;
  while (labels < 8 && isAlphanumeric(codes[position]!)) {
    let end = position + 1;
    while (end - position < 64 && isLabel(codes[end]!)) end++;
    if (codes[end] !== 46 || end - position > 63 || !isAlphanumeric(codes[end - 1]!)) break;
    position = end + 1;
    labelEnds[++labels] = position;
  }
  for (let count = labels; count >= 1; count--) {
    const from = labelEnds[count]!;
    let end = from;
    while (end - from <= 24 && isLetter(codes[end]!)) end++;
    if (end - from >= 2 && end - from <= 24 && !isLabel(codes[end]!)) return end;
  }
  return -1;
}

/** Text with fewer `@` than one in this many characters is read in place, not copied as bytes. */
const SPARSE = 256;

/** True when `text` has at least one `@` per {@link SPARSE} characters, counted from `at`, the first. */
function isDense(text: string, at: number): boolean {
  let count = 0;
  for (let next = at; next >= 0; next = text.indexOf('@', next + 1)) {
    if (++count * SPARSE >= text.length) return true;
  }
  return false;
}

/**
 * Replaces every e-mail address in `text` with `replacement`. Text with few `@` is read in
 * place, around each: copying all of it as bytes would cost more than those reads.
 */
export function redactEmails(text: string, replacement: string): string {
  let at = text.indexOf('@');
  if (at < 0) return text;
  const codes = isDense(text, at) ? asciiCodes(text) : undefined;
  if (codes === undefined) return redactEmailsByCharacter(text, replacement);
  let out = '';
  let copied = 0;
  while (at >= 0) {
    let start = at;
    while (start > copied && at - start <= 64 && isLocal(codes[start - 1]!)) start--;
    // A local part longer than 64 characters is none; one right after a replaced address is.
    const bounded = at - start <= 64 && (start === copied || !isLocal(codes[start - 1]!));
    let next = at + 1;
    if (bounded && start < at) {
      const end = domainEnd(codes, at + 1);
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
