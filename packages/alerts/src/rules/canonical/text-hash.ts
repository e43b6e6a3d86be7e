/**
 * Hashing of normalised text for `canonicalHash`, a 32-bit word (four ASCII characters) at a
 * time. ASCII text is copied as bytes into one reused buffer (natively by `TextEncoder` when it
 * is long, by a short loop when it is not) and read back as 32-bit words: lower-casing, the
 * control-character test and the double-space test are done on whole words (SWAR), and each
 * word is mixed in as MurmurHash3 mixes it. Text that is not ASCII is normalised natively
 * (NFKC first) and hashed two UTF-16 code units to a word. Both paths hash a normalised text the same way whoever
 * computed it, so the fast and the general path agree.
 */

/** Longest text copied into the buffer; longer text takes the general path. */
const MAX_BYTES = 65_536 + 64;
/** Up to this length text is copied by a loop (a native call costs more than it saves). */
const SHORT = 64;

const bytes = new Uint8Array(MAX_BYTES + 4);
const words = new Int32Array(bytes.buffer);
const encoder = new TextEncoder();
/** Words are read as little-endian lanes; elsewhere every text takes the general path. */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

const PRIME_A = 0x01000193;
export const PRIME_B = 0x5bd1e995;
const TAG_TEXT = 0x54585400;
const TAG_UNICODE = 0x554e4900;
const TAG_TAIL = 0x5441494c;

/** The lanes' initial state (FNV offset basis and an arbitrary second seed). */
export const INITIAL_A = 0x811c9dc5 | 0;
export const INITIAL_B = 0x3ade68b1 | 0;

/**
 * Hash state: two 32-bit lanes in an `Int32Array` (`[a, b]`), read and written in place. A typed
 * array keeps them as raw integers; numbers in object fields past 2^30 would be boxed.
 */
export type Lanes = Int32Array;

/** Edge characters `canonicalize` drops, by ASCII code: whitespace and `"'`.,;:!?`. */
const EDGE = new Uint8Array(128);
for (const char of ' \t\n\v\f\r"\'`.,;:!?') EDGE[char.charCodeAt(0)] = 1;

const isEdge = (code: number): boolean => code < 128 && EDGE[code] === 1;

/**
 * Copies `text[start, end)` into the buffer as bytes; returns false (the buffer holds garbage)
 * when a character is not ASCII or the text does not fit.
 */
function load(text: string, start: number, end: number): boolean {
  const length = end - start;
  if (length > MAX_BYTES || !LITTLE_ENDIAN) return false;
  if (length <= SHORT) {
    let bits = 0;
    for (let i = 0; i < length; i++) {
      const code = text.charCodeAt(start + i);
      bits |= code;
      bytes[i] = code;
    }
    return bits < 128;
  }
  const part = start === 0 && end === text.length ? text : text.slice(start, end);
  // Every character that is not ASCII takes two bytes or more: equal counts mean ASCII.
  const { read, written } = encoder.encodeInto(part, bytes);
  return read === length && written === length;
}

/** Result of `hashWords`: the lanes `a`, `b`, and non-zero when a control character or two spaces in a row occur. */
const wordRun = new Int32Array(3);
const RUN_A = 0;
const RUN_B = 1;
const RUN_IRREGULAR = 2;

/** MurmurHash3's mixing of one 32-bit word into a lane: every bit of the word reaches most bits of the lane. */
export const mixWord = (lane: number, word: number): number => {
  let k = Math.imul(word, 0xcc9e2d51);
  k = Math.imul((k << 15) | (k >>> 17), 0x1b873593);
  const h = lane ^ k;
  return (Math.imul((h << 13) | (h >>> 19), 5) + 0xe6546b64) | 0;
};

/** Lower-cases the ASCII letters of a word: the high bit of each byte in 'A'..'Z' (at least 0x41, not at least 0x5b), moved to 0x20. */
const lowerWord = (word: number): number =>
  word | ((((word + 0x3f3f3f3f) | 0) & ~((word + 0x25252525) | 0) & 0x80808080) >>> 2);

/** The high bit of each space byte of a word (and, rarely, of a `!` just after a space: a cheap, not exact, test). */
const spaceBits = (word: number): number => {
  const spaces = word ^ 0x20202020;
  return ((spaces - 0x01010101) | 0) & ~spaces & 0x80808080;
};

/**
 * Hashes the `length` bytes in the buffer, lower-cased (ASCII letters), into lanes `a` and `b`
 * (even words into `a`, odd ones into `b`, each mixed in as MurmurHash3 does: two short chains
 * instead of one long one; the lanes are mixed together at the end). `irregular` is non-zero when a control
 * character or two spaces in a row occur (text that `canonicalize` would change further), and
 * rarely for a space followed by `!`: the caller then takes the exact general path.
 */
function hashWords(length: number, a: number, b: number): void {
  const count = length >> 2;
  let control = 0;
  let doubled = 0;
  let previous = 0;
  let k = 0;
  for (; k + 2 <= count; k += 2) {
    const raw0 = words[k]!;
    const raw1 = words[k + 1]!;
    // ASCII bytes minus 0x20 borrow (set a high bit) only when one of them is a control character.
    control |= (raw0 - 0x20202020) | 0 | ((raw1 - 0x20202020) | 0);
    const word0 = lowerWord(raw0);
    const word1 = lowerWord(raw1);
    const zero0 = spaceBits(word0);
    const zero1 = spaceBits(word1);
    doubled |= (zero0 & ((zero0 >>> 8) | (previous >>> 24))) | (zero1 & ((zero1 >>> 8) | (zero0 >>> 24)));
    previous = zero1;
    a = mixWord(a, word0);
    b = mixWord(b, word1);
  }
  if (k < count) {
    const raw = words[k]!;
    control |= (raw - 0x20202020) | 0;
    const word = lowerWord(raw);
    const zero = spaceBits(word);
    doubled |= zero & ((zero >>> 8) | (previous >>> 24));
    previous = zero;
    a = mixWord(a, word);
  }
  const rest = length & 3;
  if (rest !== 0) {
    const mask = (1 << (rest * 8)) - 1;
    // The missing bytes read as 'a': no control character, no letter to fold, no space.
    const raw = (words[count]! & mask) | (0x61616161 & ~mask);
    control |= (raw - 0x20202020) | 0;
    const word = lowerWord(raw);
    const zero = spaceBits(word);
    doubled |= zero & ((zero >>> 8) | (previous >>> 24));
    b = mixWord(b, (word & mask) ^ TAG_TAIL);
  }
  // Multiplications carry differences upwards only: fold the high halves down, then mix the lanes.
  a ^= a >>> 16;
  b ^= b >>> 16;
  a = Math.imul(a ^ TAG_TEXT ^ length ^ ((b << 13) | (b >>> 19)), PRIME_A);
  b = Math.imul(b ^ length ^ a, PRIME_B);
  wordRun[RUN_A] = a;
  wordRun[RUN_B] = b;
  wordRun[RUN_IRREGULAR] = (control & 0x80808080) | doubled;
}

/** Hashes a text that is already normalised (any characters) into `lanes`, continuing from them. */
export function hashNormalised(text: string, lanes: Lanes): void {
  let a = lanes[0]!;
  let b = lanes[1]!;
  if (load(text, 0, text.length)) {
    // Normalised text has no upper-case letter left: lower-casing the words changes nothing.
    hashWords(text.length, a, b);
    lanes[0] = wordRun[RUN_A]!;
    lanes[1] = wordRun[RUN_B]!;
    return;
  }
  // Two UTF-16 code units to a word, words alternating between the lanes, as for ASCII text.
  a = mixWord(a, TAG_UNICODE);
  const length = text.length;
  for (let i = 0; i < length; i += 2) {
    const word = text.charCodeAt(i) | ((i + 1 < length ? text.charCodeAt(i + 1) : 0) << 16);
    if ((i & 2) === 0) a = mixWord(a, word);
    else b = mixWord(b, word);
  }
  a ^= a >>> 16;
  b ^= b >>> 16;
  a = Math.imul(a ^ TAG_UNICODE ^ length ^ ((b << 13) | (b >>> 19)), PRIME_A);
  lanes[0] = a;
  lanes[1] = Math.imul(b ^ length ^ a, PRIME_B);
}

const WHITESPACE_RUN = /\s+/g;
const EDGE_PUNCTUATION = /^[\s"'`.,;:!?]+|[\s"'`.,;:!?]+$/g;

/**
 * Hashes a string value normalised as `canonicalize` normalises it (trimmed, NFKC, lower case,
 * whitespace runs as one space, edge punctuation dropped) into `lanes`, continuing from them.
 * ASCII text without control characters or double spaces, by far the most common, is read once,
 * a word at a time, with no string built.
 */
export function hashText(text: string, lanes: Lanes): void {
  let start = 0;
  let end = text.length;
  while (start < end && isEdge(text.charCodeAt(start))) start++;
  while (end > start && isEdge(text.charCodeAt(end - 1))) end--;
  if (load(text, start, end)) {
    hashWords(end - start, lanes[0]!, lanes[1]!);
    if (wordRun[RUN_IRREGULAR] === 0) {
      lanes[0] = wordRun[RUN_A]!;
      lanes[1] = wordRun[RUN_B]!;
      return;
    }
  }
  const normalised = text
    .trim()
    .normalize('NFKC')
    .toLowerCase()
    .replace(WHITESPACE_RUN, ' ')
    .replace(EDGE_PUNCTUATION, '');
  hashNormalised(normalised, lanes);
}

/** Object keys up to this length have their hash remembered. */
const MAX_KEY_LENGTH = 128;
/** Keys remembered; the table is emptied when full (a hash depends on the key only). */
const KEY_SLOTS = 4096;
const keySlots = new Map<string, number>();
const keyLanes = new Int32Array(KEY_SLOTS * 2);

/**
 * Hashes an object key normalised as `canonicalize` normalises keys (trimmed, lower case; no
 * NFKC) into `lanes`, from the initial state (whatever they held). Keys recur from call to
 * call, so their hashes are remembered (in a bounded table).
 */
export function hashKey(key: string, lanes: Lanes): void {
  const slot = keySlots.get(key);
  if (slot !== undefined) {
    lanes[0] = keyLanes[slot * 2]!;
    lanes[1] = keyLanes[slot * 2 + 1]!;
    return;
  }
  lanes[0] = INITIAL_A;
  lanes[1] = INITIAL_B;
  hashNormalised(key.trim().toLowerCase(), lanes);
  if (key.length > MAX_KEY_LENGTH) return;
  if (keySlots.size >= KEY_SLOTS) keySlots.clear();
  const next = keySlots.size;
  keySlots.set(key, next);
  keyLanes[next * 2] = lanes[0]!;
  keyLanes[next * 2 + 1] = lanes[1]!;
}
