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
import { asciiCodes } from './char-codes.js';
import { redactPaymentCardsByCharacter } from './payment-card-chars.js';

/** `A-Z a-z 0-9 _`. */
function isWord(code: number): boolean {
  return (
    (code >= 48 && code <= 57) || (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95
  );
}

/** The code of the character at `index` (see {@link asciiCodes}), or -1 past the end. */
const codeAt = (codes: Uint8Array, index: number, length: number): number =>
  index < length ? codes[index]! : -1;

/**
 * The candidate being read, at each of its boundaries (0: its start, then each separator): the
 * digit count there, the digit that follows, and the Luhn sums of the digits before.
 * `evenSums` doubles the digits at odd positions (from 0), `oddSums` those at even positions:
 * the Luhn sum of the digits `[from, to)` is the difference of whichever sum leaves the last
 * digit, at `to - 1`, undoubled, so each range is checked without reading its digits again.
 */
const boundaryCounts = new Uint8Array(20);
const boundaryDigits = new Uint8Array(20);
const evenSums = new Int32Array(20);
const oddSums = new Int32Array(20);
/** A digit's contribution to the Luhn sum when it is doubled. */
const DOUBLED = Uint8Array.of(0, 2, 4, 6, 8, 1, 3, 5, 7, 9);

/** True when the digits `[from, to)` of the candidate at `start` are all `digit`. */
function isRepeated(codes: Uint8Array, start: number, from: number, to: number, digit: number): boolean {
  let count = 0;
  for (let position = start; count < to; position++) {
    const code = codes[position]!;
    if (code < 48 || code > 57) continue;
    if (count >= from && code - 48 !== digit) return false;
    count++;
  }
  return true;
}

/**
 * True when the candidate's digits from boundary `from` to the count `to` (whose Luhn sums are
 * `toEven` and `toOdd`) are 13 to 19 digits starting 2–6, passing Luhn, not one digit repeated.
 */
function isCardRange(
  codes: Uint8Array,
  start: number,
  from: number,
  to: number,
  toEven: number,
  toOdd: number,
): boolean {
  const fromCount = boundaryCounts[from]!;
  if (to - fromCount < 13 || to - fromCount > 19) return false;
  const first = boundaryDigits[from]!;
  if (first < 2 || first > 6) return false;
  const sum = (to - 1) % 2 === 0 ? toEven - evenSums[from]! : toOdd - oddSums[from]!;
  // Most candidates fail the checksum, so the digits are compared only for those that pass.
  return sum % 10 === 0 && !isRepeated(codes, start, fromCount, to, first);
}

/**
 * True for a card in the first `count` digits of the candidate at `start` (with `separatorCount`
 * separators, and Luhn sums `even` and `odd`): all of them, or them without their first or last
 * groups, as when another number is written right before or after the card
 * (`4111 1111 1111 1111 2 items`).
 */
function isCard(
  codes: Uint8Array,
  start: number,
  count: number,
  separatorCount: number,
  even: number,
  odd: number,
): boolean {
  if (isCardRange(codes, start, 0, count, even, odd)) return true;
  if (count < 14) return false; // no part of fewer digits can be a card
  for (let boundary = 1; boundary <= separatorCount; boundary++) {
    const at = boundaryCounts[boundary]!;
    if (
      (at >= 13 && isCardRange(codes, start, 0, at, evenSums[boundary]!, oddSums[boundary]!)) ||
      (count - at >= 13 && isCardRange(codes, start, boundary, count, even, odd))
    ) {
      return true;
    }
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

/**
 * Replaces every payment card number in `text` with `replacement`: ASCII text read as bytes,
 * other text in place (`payment-card-chars.ts`), where its copy would cost more.
 */
export function redactPaymentCards(text: string, replacement: string): string {
  let out = '';
  let copied = 0;
  const length = text.length;
  // The text is read as bytes only once it has a candidate (a long one with none, `1` repeated,
  // would pay for its copy).
  CANDIDATE.lastIndex = 0;
  if (!CANDIDATE.test(text)) return text;
  const codes = asciiCodes(text);
  if (codes === undefined) return redactPaymentCardsByCharacter(text, replacement);
  for (let start = CANDIDATE.lastIndex - 1; start >= 0; ) {
    // Read the candidate: its boundaries, its running Luhn sums, and the end of the longest
    // valid count. A digit is a word character, so an end is looked for only at the others.
    // Reads stop at the code after the text's last (see {@link asciiCodes}): no separator.
    // `undoubled` sums the digits read so far as if the next one were undoubled (those at its
    // parity plain, the others doubled), `doubled` as if it were doubled: they swap at each
    // digit, so the evenSums and oddSums of a count are those two, in its parity's order.
    let digit = codes[start]! - 48;
    boundaryDigits[0] = digit;
    let undoubled = DOUBLED[digit]!;
    let doubled = digit;
    let count = 1;
    let separatorCount = 0;
    let position = start + 1;
    let end = -1;
    let endCount = 0;
    let endSeparators = 0;
    let endUndoubled = 0;
    let endDoubled = 0;
    for (;;) {
      let code = codes[position]!;
      if (code >= 48 && code <= 57) {
        if (count === 19) break;
        position++;
      } else {
        if (count >= 13 && !isWord(code)) {
          end = position;
          endCount = count;
          endSeparators = separatorCount;
          endUndoubled = undoubled;
          endDoubled = doubled;
        }
        if (count === 19 || (code !== 32 && code !== 45)) break;
        code = codes[position + 1]!;
        if (!(code >= 48 && code <= 57)) break;
        separatorCount++;
        boundaryCounts[separatorCount] = count;
        boundaryDigits[separatorCount] = code - 48;
        evenSums[separatorCount] = count % 2 === 0 ? undoubled : doubled;
        oddSums[separatorCount] = count % 2 === 0 ? doubled : undoubled;
        position += 2;
      }
      digit = code - 48;
      const next = doubled + DOUBLED[digit]!;
      doubled = undoubled + digit;
      undoubled = next;
      count++;
    }
    const endEven = endCount % 2 === 0 ? endUndoubled : endDoubled;
    const endOdd = endCount % 2 === 0 ? endDoubled : endUndoubled;
    if (end >= 0 && isCard(codes, start, endCount, endSeparators, endEven, endOdd)) {
      out += text.slice(copied, start) + replacement;
      copied = end;
    }
    // The search goes on where a candidate ends, whether it was a card or not.
    start = nextCandidate(text, codes, end >= 0 ? end : start + 1, length);
  }
  CANDIDATE.lastIndex = 0;
  return copied === 0 ? text : out + text.slice(copied);
}
