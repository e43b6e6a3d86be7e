/**
 * A 53-bit hash of the canonical form of a value (see `canonicalize`), computed in one pass
 * without building the canonical text: two values whose canonical texts are equal hash
 * equal, and different texts collide with a probability near 2^-53. Strings are normalised
 * on the fly (ASCII fast path: no NFKC, native lower-casing, a regular expression only to
 * fold whitespace runs); object members and set items are combined by addition, so key order
 * costs no sort. Never throws.
 */

const MAX_NODES = 2_000;
const MAX_DEPTH = 12;
const MAX_STRING = 65_536;

// Type tags, fed before a value so `"1"` (a string that is not a number), `true` and `[1]` differ.
const TAG_STRING = 0x5354;
const TAG_NUMBER = 0x4e55;
const TAG_TRUE = 0x5452;
const TAG_FALSE = 0x4641;
const TAG_NULL = 0x4e4c;
const TAG_FUNCTION = 0x464e;
const TAG_SYMBOL = 0x5359;
const TAG_ARRAY = 0x4152;
const TAG_SET = 0x5345;
const TAG_OBJECT = 0x4f42;
const TAG_DATE = 0x4454;
const TAG_CYCLE = 0x4359;
const TAG_CUT = 0x2026;
const TAG_END = 0x454e;
const TAG_LONG = 0x4c47;
const UNSERIALISABLE = 0x1f_ffff_ffff_ffff;

const NUMERIC = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

const EDGE_PUNCTUATION = /^[\s"'`.,;:!?]+|[\s"'`.,;:!?]+$/g;
const WHITESPACE_RUN = /\s+/g;

/** Characters removed at the edges of a string: ASCII whitespace and `"'`.,;:!?`. */
function isEdge(code: number): boolean {
  return (
    code === 32 ||
    (code >= 9 && code <= 13) ||
    code === 34 ||
    code === 39 ||
    code === 96 ||
    code === 46 ||
    code === 44 ||
    code === 59 ||
    code === 58 ||
    code === 33 ||
    code === 63
  );
}

/** The result of `hashRun` (kept in one object, so the loop allocates nothing). */
const run = { a: 0, b: 0, bits: 0, low: 0, double: 0, word: 0, packed: 0 };

/**
 * Hashes `text[start, end)` into the lanes `a` and `b`, four characters per step, packed as
 * `Hasher.char` packs them; the characters left over stay packed in `run.word`. `run.bits`
 * has every bit of every character (above 127: not ASCII), `run.low` is negative when a
 * control character occurs and `run.double` is 1 when two spaces follow each other (a native
 * `indexOf('  ')` costs more than this whole loop). A plain function with locals: V8 keeps the loop in registers.
 */
function hashRun(text: string, start: number, end: number, a: number, b: number): void {
  let bits = 0;
  let low = 0;
  let double = 0;
  /** The previous character XOR a space: 0 after a space. */
  let previous = 1;
  let i = start;
  for (; i + 4 <= end; i += 4) {
    const c0 = text.charCodeAt(i);
    const c1 = text.charCodeAt(i + 1);
    const c2 = text.charCodeAt(i + 2);
    const c3 = text.charCodeAt(i + 3);
    bits |= c0 | c1 | c2 | c3;
    low |= (c0 - 32) | (c1 - 32) | (c2 - 32) | (c3 - 32);
    const s0 = c0 ^ 32;
    const s1 = c1 ^ 32;
    const s2 = c2 ^ 32;
    const s3 = c3 ^ 32;
    double |= +((previous | s0) === 0) | +((s0 | s1) === 0) | +((s1 | s2) === 0) | +((s2 | s3) === 0);
    previous = s3;
    const word = (c0 << 24) | (c1 << 16) | (c2 << 8) | c3;
    a = Math.imul(a ^ word, 0x01000193);
    b = ((b << 5) - b + word) | 0;
  }
  let word = 0;
  let packed = 0;
  for (; i < end; i++) {
    const code = text.charCodeAt(i);
    bits |= code;
    low |= code - 32;
    double |= +((previous | (code ^ 32)) === 0);
    previous = code ^ 32;
    word = (word << 8) | code;
    packed++;
  }
  run.a = a;
  run.b = b;
  run.bits = bits;
  run.low = low;
  run.double = double;
  run.word = word;
  run.packed = packed;
}

/** Hash state: two 32-bit lanes (FNV-1a and a shift-add hash) and the node budget. */
class Hasher {
  a = 0x811c9dc5 | 0;
  b = 0x3ade68b1 | 0;
  nodes = MAX_NODES;
  /** Characters packed four to a word before they are fed (fewer multiplications per character). */
  word = 0;
  packed = 0;
  /** Objects on the current path, for cycle detection (at most MAX_DEPTH deep). */
  readonly path: object[] = [];

  reset(): void {
    this.a = 0x811c9dc5 | 0;
    this.b = 0x3ade68b1 | 0;
    this.nodes = MAX_NODES;
    this.word = 0;
    this.packed = 0;
    if (this.path.length > 0) this.path.length = 0;
  }

  feed(code: number): void {
    this.a = Math.imul(this.a ^ code, 0x01000193);
    this.b = ((this.b << 5) - this.b + code) | 0;
  }

  /** One character of text: Latin-1 characters are packed four to a word, others fed alone. */
  char(code: number): void {
    if (code < 256) {
      this.word = (this.word << 8) | code;
      if (++this.packed === 4) {
        this.feed(this.word);
        this.word = 0;
        this.packed = 0;
      }
      return;
    }
    this.flushChars();
    this.feed(code | 0x40000000);
  }

  /** Feeds the characters still packed (and how many), ending a run of text. */
  flushChars(): void {
    if (this.packed === 0) return;
    this.feed(this.word);
    this.feed(0x20000000 | this.packed);
    this.word = 0;
    this.packed = 0;
  }

  value(value: unknown, depth: number): void {
    if (--this.nodes < 0) {
      this.feed(TAG_CUT);
      return;
    }
    switch (typeof value) {
      case 'string':
        this.string(value, depth);
        return;
      case 'number':
        this.number(value);
        return;
      case 'bigint':
        this.numberText(String(value));
        return;
      case 'boolean':
        this.feed(value ? TAG_TRUE : TAG_FALSE);
        return;
      case 'undefined':
        this.feed(TAG_NULL);
        return;
      case 'function':
        this.feed(TAG_FUNCTION);
        return;
      case 'symbol':
        this.feed(TAG_SYMBOL);
        return;
    }
    if (value === null) {
      this.feed(TAG_NULL);
      return;
    }
    this.object(value as object, depth);
  }

  number(value: number): void {
    if (Number.isInteger(value) && value >= -0x7fffffff && value <= 0x7fffffff) {
      // -0 and 0 are both written `0`, like the canonical text.
      this.feed(TAG_NUMBER);
      this.feed(value | 0);
      this.feed(TAG_END);
      return;
    }
    this.numberText(Number.isNaN(value) ? 'NaN' : String(value));
  }

  /** A number written as text (`1.5`, `1e+21`, a big integer). */
  numberText(text: string): void {
    const asNumber = Number(text);
    if (Number.isInteger(asNumber) && asNumber >= -0x7fffffff && asNumber <= 0x7fffffff) {
      this.number(asNumber);
      return;
    }
    this.feed(TAG_NUMBER);
    for (let i = 0; i < text.length; i++) this.char(text.charCodeAt(i));
    this.flushChars();
    this.feed(TAG_END);
  }

  string(raw: string, depth: number): void {
    if (raw.length > MAX_STRING) {
      // Compared by a prefix and the length, exactly as `canonicalize` writes it.
      this.feed(TAG_STRING);
      this.feed(TAG_LONG);
      this.unicodeText(`${raw.slice(0, MAX_STRING)}…${raw.length}`);
      this.feed(TAG_END);
      return;
    }
    const trimmed = raw.trim();
    const first = trimmed.charCodeAt(0);
    const last = trimmed.charCodeAt(trimmed.length - 1);
    if ((first === 123 && last === 125) || (first === 91 && last === 93)) {
      let parsed: unknown;
      let ok = false;
      try {
        parsed = JSON.parse(trimmed);
        ok = true;
      } catch {
        // not JSON: hashed as text
      }
      if (ok) {
        this.value(parsed, depth);
        return;
      }
    }
    if (
      ((first >= 48 && first <= 57) || first === 43 || first === 45 || first === 46) &&
      NUMERIC.test(trimmed)
    ) {
      this.numberText(String(Number(trimmed)));
      return;
    }
    this.feed(TAG_STRING);
    if (!this.asciiText(trimmed)) this.unicodeText(trimmed);
    this.feed(TAG_END);
  }

  /**
   * Feeds an ASCII string normalised as `canonicalize` does: lower case, whitespace runs as one
   * space, edge punctuation and whitespace dropped. Returns false, having fed nothing, when
   * the string is not ASCII (the caller then takes the Unicode path).
   *
   * Lower-casing is native; the loop reads four characters per step and packs them exactly as
   * `char` does (so short and long, ASCII and Unicode paths agree), with no branch per
   * character: non-ASCII and control characters are noticed from OR-ed bits after the loop.
   */
  asciiText(text: string): boolean {
    const folded = text.toLowerCase();
    let start = 0;
    let end = folded.length;
    while (start < end && isEdge(folded.charCodeAt(start))) start++;
    while (end > start && isEdge(folded.charCodeAt(end - 1))) end--;
    hashRun(folded, start, end, this.a, this.b);
    if (run.bits > 127) return false;
    if (run.low < 0 || run.double !== 0) {
      // Two spaces, or a control character: whitespace runs fold into one space (other
      // control characters stay as they are).
      const spaced = folded.replace(WHITESPACE_RUN, ' ');
      if (spaced !== folded) return this.asciiText(spaced);
    }
    this.a = run.a;
    this.b = run.b;
    this.word = run.word;
    this.packed = run.packed;
    this.flushChars();
    return true;
  }

  /** Any string, normalised as `canonicalize` does (NFKC first), character by character. */
  unicodeText(text: string): void {
    const normalised = text
      .trim()
      .normalize('NFKC')
      .toLowerCase()
      .replace(/\s+/g, ' ')
      .replace(EDGE_PUNCTUATION, '');
    for (let i = 0; i < normalised.length; i++) this.char(normalised.charCodeAt(i));
    this.flushChars();
  }

  object(object: object, depth: number): void {
    if (depth >= MAX_DEPTH) {
      this.feed(TAG_CUT);
      return;
    }
    if (this.path.includes(object)) {
      this.feed(TAG_CYCLE);
      return;
    }
    // Popped on the normal path only: after a throw, `canonicalHash` gives up and `reset` clears it.
    this.path.push(object);
    if (Array.isArray(object)) this.items(object, depth);
    else {
      const prototype = Object.getPrototypeOf(object);
      if (prototype === Object.prototype || prototype === null)
        this.members(object as Record<string, unknown>, depth);
      else if (object instanceof Date) {
        const time = object.getTime();
        this.feed(TAG_DATE);
        this.number(Number.isNaN(time) ? Number.NaN : time);
      } else if (ArrayBuffer.isView(object)) this.items(object as unknown as ArrayLike<unknown>, depth);
      else if (object instanceof Set) {
        this.unordered(
          TAG_SET,
          [...object].map((item) => [undefined, item] as const),
          depth,
        );
      } else if (object instanceof Map) {
        this.unordered(
          TAG_OBJECT,
          [...object].map(([key, item]) => [String(key), item] as const),
          depth,
        );
      } else this.members(object as Record<string, unknown>, depth);
    }
    this.path.pop();
  }

  /** Array items (and typed-array elements), in order. */
  items(items: ArrayLike<unknown>, depth: number): void {
    this.feed(TAG_ARRAY);
    for (let i = 0; i < items.length; i++) {
      if (this.nodes < 0) {
        this.feed(TAG_CUT);
        break;
      }
      this.value(items[i], depth + 1);
    }
    this.feed(TAG_END);
  }

  /** Plain object members, combined in any order; `undefined` members are left out. */
  members(object: Record<string, unknown>, depth: number): void {
    // Keys and values in two native passes: no keyed lookup per member.
    const keys = Object.keys(object);
    const values = Object.values(object);
    const count = Math.min(keys.length, values.length);
    const outerA = this.a;
    const outerB = this.b;
    let sumA = 0;
    let sumB = 0;
    for (let index = 0; index < count; index++) {
      if (this.nodes < 0) {
        sumA = (sumA + TAG_CUT) | 0;
        break;
      }
      const key = keys[index]!;
      const item = values[index];
      if (item === undefined) continue;
      this.a = 0x811c9dc5 | 0;
      this.b = 0x3ade68b1 | 0;
      this.key(key);
      this.value(item, depth + 1);
      sumA = (sumA + this.a) | 0;
      sumB = (sumB + this.b) | 0;
    }
    this.a = outerA;
    this.b = outerB;
    this.feed(TAG_OBJECT);
    this.feed(sumA);
    this.feed(sumB);
  }

  unordered(tag: number, entries: readonly (readonly [string | undefined, unknown])[], depth: number): void {
    const outerA = this.a;
    const outerB = this.b;
    let sumA = 0;
    let sumB = 0;
    for (const [key, item] of entries) {
      if (this.nodes < 0) {
        sumA = (sumA + TAG_CUT) | 0;
        break;
      }
      if (key !== undefined && item === undefined) continue;
      this.a = 0x811c9dc5 | 0;
      this.b = 0x3ade68b1 | 0;
      if (key !== undefined) this.key(key);
      this.value(item, depth + 1);
      sumA = (sumA + this.a) | 0;
      sumB = (sumB + this.b) | 0;
    }
    this.a = outerA;
    this.b = outerB;
    this.feed(tag);
    this.feed(sumA);
    this.feed(sumB);
  }

  /** An object key, trimmed and lower-cased (keys are not NFKC-normalised, as in `canonicalize`). */
  key(key: string): void {
    const text = key.trim().toLowerCase();
    hashRun(text, 0, text.length, this.a, this.b);
    if (run.bits < 256) {
      this.a = run.a;
      this.b = run.b;
      this.word = run.word;
      this.packed = run.packed;
    } else for (let i = 0; i < text.length; i++) this.char(text.charCodeAt(i));
    this.flushChars();
    this.feed(TAG_END);
  }

  digest(): number {
    return (this.a >>> 0) * 0x200000 + ((this.b >>> 0) & 0x1fffff);
  }
}

/** Reused between calls; a nested call (from a getter run while hashing) gets its own. */
const shared = new Hasher();
let sharedBusy = false;

/** The 53-bit hash of `value`'s canonical form; `salt` (e.g. a tool name) is hashed first. */
export function canonicalHash(value: unknown, salt = ''): number {
  const hasher = sharedBusy ? new Hasher() : shared;
  const owner = hasher === shared;
  if (owner) sharedBusy = true;
  try {
    hasher.reset();
    hashRun(salt, 0, salt.length, hasher.a, hasher.b);
    hasher.a = run.a;
    hasher.b = run.b;
    hasher.feed(run.word);
    hasher.feed(run.packed);
    hasher.value(value, 0);
    return hasher.digest();
  } catch {
    return UNSERIALISABLE;
  } finally {
    if (owner) sharedBusy = false;
  }
}
