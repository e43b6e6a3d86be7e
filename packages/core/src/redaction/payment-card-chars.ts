/**
 * The card scanner of `payment-card.ts` for text that is not ASCII, reading characters in place
 * (`charCodeAt`) and only where candidates are: such text is two bytes a character in the
 * engine, and copying all of it as bytes first would cost more than the reads. It finds what
 * the byte scanner finds, the same way (see there), with the Luhn sum computed per candidate.
 */

/** `A-Z a-z 0-9 _`. */
function isWord(code: number): boolean {
  return (
    (code >= 48 && code <= 57) || (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95
  );
}

/**
 * `text.charCodeAt(index)`, or -1 past the end. Reading past the end would return NaN, and
 * once it has, V8 compiles every `charCodeAt` of the function to a path three times slower.
 */
const codeAt = (text: string, index: number, length: number): number =>
  index < length ? text.charCodeAt(index) : -1;

/** The digits of the candidate being read, and the digit count at each of its separators. */
const digits = new Uint8Array(20);
const separators = new Uint8Array(20);
/** A digit's contribution to the Luhn sum when it is doubled. */
const DOUBLED = Uint8Array.of(0, 2, 4, 6, 8, 1, 3, 5, 7, 9);

/** `digits[start..end)` are 13 to 19 digits starting 2–6, not one digit repeated, passing Luhn. */
function isCardRange(start: number, end: number): boolean {
  if (end - start < 13 || end - start > 19) return false;
  const first = digits[start]!;
  if (first < 2 || first > 6) return false;
  let sum = 0;
  let doubled = false;
  for (let index = end - 1; index >= start; index--) {
    sum += doubled ? DOUBLED[digits[index]!]! : digits[index]!;
    doubled = !doubled;
  }
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

function isCandidateAt(text: string, index: number, length: number): boolean {
  const code = codeAt(text, index, length);
  return code >= 50 && code <= 54 && (index === 0 || !isWord(text.charCodeAt(index - 1)));
}

/**
 * The next candidate's start at or after `from`, or -1. Right after a candidate the next one
 * is often a separator away (`4111 1111 1111 1112 4111 ...`), so two places are checked
 * before the engine searches: reading every character here would cost more than it does.
 */
function nextCandidate(text: string, from: number, length: number): number {
  if (isCandidateAt(text, from, length)) return from;
  if (isCandidateAt(text, from + 1, length)) return from + 1;
  CANDIDATE.lastIndex = from;
  return CANDIDATE.test(text) ? CANDIDATE.lastIndex - 1 : -1;
}

/** Replaces every payment card number in `text` with `replacement`, reading its characters in place. */
export function redactPaymentCardsByCharacter(text: string, replacement: string): string {
  let out = '';
  let copied = 0;
  const length = text.length;
  for (let start = nextCandidate(text, 0, length); start >= 0; ) {
    // Read the candidate: the digits, the separators, and the end of the longest valid count.
    digits[0] = text.charCodeAt(start) - 48;
    let count = 1;
    let separatorCount = 0;
    let position = start + 1;
    let end = -1;
    let endCount = 0;
    let endSeparators = 0;
    for (;;) {
      const code = codeAt(text, position, length);
      if (count >= 13 && !isWord(code)) {
        end = position;
        endCount = count;
        endSeparators = separatorCount;
      }
      if (count === 19) break;
      if (code >= 48 && code <= 57) {
        digits[count++] = code - 48;
        position++;
      } else if (code === 32 || code === 45) {
        const next = codeAt(text, position + 1, length);
        if (!(next >= 48 && next <= 57)) break;
        separators[separatorCount++] = count;
        digits[count++] = next - 48;
        position += 2;
      } else break;
    }
    if (end >= 0 && isCard(endCount, endSeparators)) {
      out += text.slice(copied, start) + replacement;
      copied = end;
    }
    // The search goes on where a candidate ends, whether it was a card or not.
    start = nextCandidate(text, end >= 0 ? end : start + 1, length);
  }
  CANDIDATE.lastIndex = 0;
  return copied === 0 ? text : out + text.slice(copied);
}
