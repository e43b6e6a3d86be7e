/**
 * Payment card numbers, found by a scanner that does what the `payment_card` pattern and its
 * check do, without a regular-expression match (and its arrays) per candidate: text full of
 * numbers that are not cards has a candidate every few characters. A candidate starts at a
 * digit 2–6 that no letter, digit or `_` precedes; it takes up to 18 more digits, each after
 * at most one space or dash, and ends at the longest count from 12 that no letter, digit or
 * `_` follows (the pattern's greedy repetition and its lookahead). The search goes on where a
 * candidate ends, or one character on when none ends; each character is read a bounded number
 * of times, so the work is linear in the text's length.
 */
import { charCodes } from './char-codes.js';

/** `A-Z a-z 0-9 _`. */
function isWord(code: number): boolean {
  return (
    (code >= 48 && code <= 57) || (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95
  );
}

/** The code of the character at `index` (see {@link charCodes}), or -1 past the end. */
const codeAt = (codes: Uint8Array, index: number, length: number): number =>
  index < length ? codes[index]! : -1;

/**
 * The candidate being read: its digits, the digit count at each separator, and its Luhn sums
 * by digit count.
 * `undoubledEven[count]` sums the first `count` digits with those at odd positions doubled,
 * `undoubledOdd[count]` with those at even positions doubled: the Luhn sum of the digits
 * `[start, end)` is a difference of the two entries of whichever sum leaves the last digit
 * undoubled, so each range is checked without reading its digits again.
 */
const digits = new Uint8Array(20);
const separators = new Uint8Array(20);
const undoubledEven = new Int32Array(20);
const undoubledOdd = new Int32Array(20);
/** A digit's contribution to the Luhn sum when it is doubled. */
const DOUBLED = Uint8Array.of(0, 2, 4, 6, 8, 1, 3, 5, 7, 9);

/** `digits[start..end)` are 13 to 19 digits starting 2–6, not one digit repeated, passing Luhn. */
function isCardRange(start: number, end: number): boolean {
  if (end - start < 13 || end - start > 19) return false;
  const first = digits[start]!;
  if (first < 2 || first > 6) return false;
  // The last digit (at `end - 1`) is not doubled: the sum whose undoubled positions share its parity.
  const sum =
    (end - 1) % 2 === 0
      ? undoubledEven[end]! - undoubledEven[start]!
      : undoubledOdd[end]! - undoubledOdd[start]!;
  if (sum % 10 !== 0) return false;
  // Most candidates fail the checksum, so the digits are compared only for those that pass.
  for (let index = start + 1; index < end; index++) if (digits[index] !== first) return true;
  return false;
}

/**
 * True for a card in the candidate's first `count` digits (with `separatorCount` separators):
 * all of them, or them without their first or last groups, as when another number is written
 * right before or after the card (`4111 1111 1111 1111 2 items`).
 */
function isCard(count: number, separatorCount: number): boolean {
  if (isCardRange(0, count)) return true;
  if (count < 14) return false; // no part of fewer digits can be a card
  for (let index = 0; index < separatorCount; index++) {
    const at = separators[index]!;
    if ((at >= 13 && isCardRange(0, at)) || (count - at >= 13 && isCardRange(at, count))) return true;
  }
  return false;
}

/** A digit 2–6 that no letter, digit or `_` precedes: where a candidate can start. */
const CANDIDATE = /(?<![A-Za-z0-9_])[2-6]/g;

function isCandidateAt(codes: Uint8Array, index: number, length: number): boolean {
  const code = codeAt(codes, index, length);
  return code >= 50 && code <= 54 && (index === 0 || !isWord(codes[index - 1]!));
}

/**
 * The next candidate's start at or after `from`, or -1. Right after a candidate the next one
 * is often a separator away (`4111 1111 1111 1112 4111 ...`), so two places are checked
 * before the engine searches: reading every character here would cost more than it does.
 */
function nextCandidate(text: string, codes: Uint8Array, from: number, length: number): number {
  if (isCandidateAt(codes, from, length)) return from;
  if (isCandidateAt(codes, from + 1, length)) return from + 1;
  CANDIDATE.lastIndex = from;
  return CANDIDATE.test(text) ? CANDIDATE.lastIndex - 1 : -1;
}

/** Replaces every payment card number in `text` with `replacement`. */
export function redactPaymentCards(text: string, replacement: string): string {
  let out = '';
  let copied = 0;
  const length = text.length;
  const codes = charCodes(text);
  for (let start = nextCandidate(text, codes, 0, length); start >= 0; ) {
    // Read the candidate: the digits, the separators, and the end of the longest valid count.
    // A digit is a word character, so an end is looked for only at the others.
    let digit = codes[start]! - 48;
    digits[0] = digit;
    undoubledEven[1] = digit;
    undoubledOdd[1] = DOUBLED[digit]!;
    let count = 1;
    let separatorCount = 0;
    let position = start + 1;
    let end = -1;
    let endCount = 0;
    let endSeparators = 0;
    for (;;) {
      let code = codeAt(codes, position, length);
      if (code >= 48 && code <= 57) {
        if (count === 19) break;
        position++;
      } else {
        if (count >= 13 && !isWord(code)) {
          end = position;
          endCount = count;
          endSeparators = separatorCount;
        }
        if (count === 19 || (code !== 32 && code !== 45)) break;
        code = codeAt(codes, position + 1, length);
        if (!(code >= 48 && code <= 57)) break;
        separators[separatorCount++] = count;
        position += 2;
      }
      digit = code - 48;
      digits[count] = digit;
      const doubled = DOUBLED[digit]!;
      if (count % 2 === 0) {
        undoubledEven[count + 1] = undoubledEven[count]! + digit;
        undoubledOdd[count + 1] = undoubledOdd[count]! + doubled;
      } else {
        undoubledEven[count + 1] = undoubledEven[count]! + doubled;
        undoubledOdd[count + 1] = undoubledOdd[count]! + digit;
      }
      count++;
    }
    if (end >= 0 && isCard(endCount, endSeparators)) {
      out += text.slice(copied, start) + replacement;
      copied = end;
    }
    // The search goes on where a candidate ends, whether it was a card or not.
    start = nextCandidate(text, codes, end >= 0 ? end : start + 1, length);
  }
  CANDIDATE.lastIndex = 0;
  return copied === 0 ? text : out + text.slice(copied);
}
