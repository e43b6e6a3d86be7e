/**
 * A 53-bit hash of the canonical form of a value (see `canonicalize`), computed in one pass
 * without building the canonical text: two values whose canonical texts are equal hash
 * equal, and different texts collide with a probability near 2^-53. Strings are normalised
 * on the fly (see `text-hash.ts`: ASCII text is read once, a word at a time, with no NFKC and
 * no string built); object keys' hashes are remembered; object members and set items are
 * combined by addition, so key order costs no sort. Never throws.
 */
import { hashKey, hashText, INITIAL_A, INITIAL_B, mixWord, PRIME_B } from './text-hash.js';

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

/** The last salt hashed and the lanes after it: a tool's calls come in runs. */
let lastSalt: string | undefined;
const lastSaltLanes = new Int32Array(2);

/** MurmurHash3's finaliser: every input bit reaches every output bit. */
function mix(lane: number): number {
  let h = lane ^ (lane >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** Hash state: two 32-bit lanes and the node budget. */
class Hasher {
  /** Lanes `a` (index 0) and `b` (index 1): see `Lanes` in `text-hash.ts`. */
  readonly lanes = new Int32Array(2);
  nodes = MAX_NODES;
  /** Objects on the current path, for cycle detection (at most MAX_DEPTH deep). */
  readonly path: object[] = [];

  reset(): void {
    this.lanes[0] = INITIAL_A;
    this.lanes[1] = INITIAL_B;
    this.nodes = MAX_NODES;
    if (this.path.length > 0) this.path.length = 0;
  }

  /** Mixes one 32-bit value in: fully into lane `a`, and lane `b` follows `a`. */
  feed(code: number): void {
    const lanes = this.lanes;
    const a = mixWord(lanes[0]!, code);
    lanes[0] = a;
    lanes[1] = Math.imul(lanes[1]! ^ a, PRIME_B);
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
    for (let i = 0; i < text.length; i++) this.feed(text.charCodeAt(i));
    this.feed(TAG_END);
  }

  string(raw: string, depth: number): void {
    if (raw.length > MAX_STRING) {
      // Compared by a prefix and the length, exactly as `canonicalize` writes it.
      this.feed(TAG_STRING);
      this.feed(TAG_LONG);
      this.text(`${raw.slice(0, MAX_STRING)}…${raw.length}`);
      this.feed(TAG_END);
      return;
    }
    // No native trim when both ends are visible ASCII (whitespace is ASCII 9-13, 32 or not ASCII).
    const head = raw.charCodeAt(0);
    const tail = raw.charCodeAt(raw.length - 1);
    const trimmed = head > 32 && head < 127 && tail > 32 && tail < 127 ? raw : raw.trim();
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
    // A number starts with a digit, a sign or a point and ends with a digit or a point.
    if (
      ((first >= 48 && first <= 57) || first === 43 || first === 45 || first === 46) &&
      ((last >= 48 && last <= 57) || last === 46) &&
      NUMERIC.test(trimmed)
    ) {
      this.numberText(String(Number(trimmed)));
      return;
    }
    // The tag is folded into the lanes without a multiplication of its own, and no end tag
    // follows: the text hash ends by mixing in the text's length.
    this.lanes[0] = this.lanes[0]! ^ TAG_STRING;
    this.text(trimmed);
  }

  /** A string's text, normalised as `canonicalize` does. */
  text(text: string): void {
    hashText(text, this.lanes);
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
    const lanes = this.lanes;
    const outerA = lanes[0]!;
    const outerB = lanes[1]!;
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
      hashKey(key, lanes);
      this.value(item, depth + 1);
      sumA = (sumA + lanes[0]!) | 0;
      sumB = (sumB + lanes[1]!) | 0;
    }
    lanes[0] = outerA;
    lanes[1] = outerB;
    this.feed(TAG_OBJECT);
    this.feed(sumA);
    this.feed(sumB);
  }

  unordered(tag: number, entries: readonly (readonly [string | undefined, unknown])[], depth: number): void {
    const lanes = this.lanes;
    const outerA = lanes[0]!;
    const outerB = lanes[1]!;
    let sumA = 0;
    let sumB = 0;
    for (const [key, item] of entries) {
      if (this.nodes < 0) {
        sumA = (sumA + TAG_CUT) | 0;
        break;
      }
      if (key !== undefined && item === undefined) continue;
      if (key === undefined) {
        lanes[0] = INITIAL_A;
        lanes[1] = INITIAL_B;
      } else hashKey(key, lanes);
      this.value(item, depth + 1);
      sumA = (sumA + lanes[0]!) | 0;
      sumB = (sumB + lanes[1]!) | 0;
    }
    lanes[0] = outerA;
    lanes[1] = outerB;
    this.feed(tag);
    this.feed(sumA);
    this.feed(sumB);
  }

  /** The salt (a tool name), as it is: canonical tool names are compared exactly. */
  salt(salt: string): void {
    const lanes = this.lanes;
    if (salt === lastSalt) {
      lanes[0] = lastSaltLanes[0]!;
      lanes[1] = lastSaltLanes[1]!;
      return;
    }
    for (let i = 0; i < salt.length; i++) this.feed(salt.charCodeAt(i));
    this.feed(salt.length);
    lastSalt = salt;
    lastSaltLanes[0] = lanes[0]!;
    lastSaltLanes[1] = lanes[1]!;
  }

  digest(): number {
    return (mix(this.lanes[0]!) >>> 0) * 0x200000 + ((mix(this.lanes[1]!) >>> 0) & 0x1fffff);
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
    hasher.salt(salt);
    hasher.value(value, 0);
    return hasher.digest();
  } catch {
    return UNSERIALISABLE;
  } finally {
    if (owner) sharedBusy = false;
  }
}
