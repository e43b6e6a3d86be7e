/**
 * Cheap facts about a text, each computed at most once per redaction and shared by the rules'
 * pre-checks, so that a rule whose token cannot be in the text costs a few nanoseconds instead
 * of a regular-expression scan. The literals the rules look for (`sk-`, `ghp_`, `eyJ`, ...) are
 * all found by one scan of one pattern: each literal is an alternative that starts at its
 * rarest character (`-` of `sk-`, then a lookbehind for `sk`), so the engine skips to those few
 * characters, and each place it stops at is checked in place for the literals anchored there.
 */
/** How many places are checked before the rest of the text is searched per literal. */
const MAX_OCCURRENCES = 64;

/** Stands for the character before an anchor at the start of its literal: there is none to look at. */
const NO_CHARACTER = 0x10000;

/** One number for a literal's anchor character and the one before it (or {@link NO_CHARACTER}). */
const placeKey = (anchor: number, before: number): number => anchor * 0x10001 + before;

/** A literal, and the index of its rarest character, where the scan finds it. */
export type AnchoredLiteral = readonly [literal: string, anchor: number];

const escapeLiteral = (literal: string): string => literal.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');

const either = (parts: readonly string[]): string => {
  const unique = [...new Set(parts)].sort((a, b) => b.length - a.length);
  return unique.length === 1 ? escapeLiteral(unique[0]!) : `(?:${unique.map(escapeLiteral).join('|')})`;
};

/**
 * The literals anchored at `char`, as one alternative: the character, one lookbehind for any of
 * their beginnings, then a lookahead for any of their ends. It matches the anchor alone (so the
 * scan finds each place without a match array, from where it stops) wherever one of them is
 * anchored (and may match where none is: each place is checked in place), and it tests the
 * characters before a common anchor (`-` in text full of dashes) once, not once per literal.
 */
function alternativeAt(char: string, group: readonly AnchoredLiteral[]): string {
  const befores = group.map(([literal, anchor]) => literal.slice(0, anchor));
  const afters = group.map(([literal, anchor]) => literal.slice(anchor + 1));
  if (befores.includes('') && afters.includes('')) {
    // One literal starts and another ends at this character: each keeps its own alternative,
    // so the character alone is never a place.
    return group.map(([literal, anchor]) => alternativeAt(char, [[literal, anchor]])).join('|');
  }
  const lookbehind = befores.includes('') ? '' : `(?<=${either(befores)}${escapeLiteral(char)})`;
  return escapeLiteral(char) + lookbehind + (afters.includes('') ? '' : `(?=${either(afters)})`);
}

export class TextProbe {
  #text = '';
  /** Every literal as an alternative that starts at its anchor. */
  readonly #pattern: RegExp;
  /**
   * The literals by the codes of their anchor character and the one before it (see
   * {@link placeKey}), so that a place is compared only with the literals that can be there.
   */
  readonly #byPlace = new Map<number, AnchoredLiteral[]>();
  readonly #found = new Set<string>();
  /** Every occurrence whose anchor is before this is in `#found`; -1 before the scan. */
  #scannedTo = -1;
  #longNumber: boolean | undefined;
  #longerNumber: boolean | undefined;
  /** Which header words occur (bits {@link BEARER} and {@link AUTHORIZATION}); undefined before the search. */
  #headerWords: number | undefined;

  /** A probe for texts in which `literals` are looked for (with {@link hasLiteral}). */
  constructor(literals: readonly AnchoredLiteral[] = []) {
    const byAnchor = new Map<number, AnchoredLiteral[]>();
    for (const entry of literals) {
      const [literal, anchor] = entry;
      const code = literal.charCodeAt(anchor);
      byAnchor.set(code, [...(byAnchor.get(code) ?? []), entry]);
      const key = placeKey(code, anchor === 0 ? NO_CHARACTER : literal.charCodeAt(anchor - 1));
      this.#byPlace.set(key, [...(this.#byPlace.get(key) ?? []), entry]);
    }
    const alternatives = [...byAnchor].map(([code, group]) =>
      alternativeAt(String.fromCharCode(code), group),
    );
    this.#pattern = new RegExp(alternatives.length === 0 ? '(?!)' : alternatives.join('|'), 'g');
  }

  /** Starts probing another text (after a rule changed it, or for the next call). */
  reset(text: string): void {
    if (text === this.#text) return;
    this.#text = text;
    this.#found.clear();
    this.#scannedTo = -1;
    this.#longNumber = undefined;
    this.#longerNumber = undefined;
    this.#headerWords = undefined;
  }

  /**
   * True when `literal` (one of the probe's literals) occurs. The first call scans for all of
   * them, stopping after {@link MAX_OCCURRENCES} places: past that point (in text full of
   * `sk-`, say), each literal asked about is searched for natively.
   */
  hasLiteral(literal: string): boolean {
    if (this.#scannedTo < 0) this.#scan();
    if (this.#found.has(literal)) return true;
    const from = Math.max(0, this.#scannedTo - literal.length);
    return this.#scannedTo < this.#text.length && this.#text.includes(literal, from);
  }

  /** True when one of `literals` occurs: {@link hasLiteral} of each, but at once when none occurs. */
  hasAnyLiteral(literals: readonly string[]): boolean {
    if (this.#scannedTo < 0) this.#scan();
    // The scan read the whole text and found nothing: most texts, for every rule.
    if (this.#found.size === 0 && this.#scannedTo === this.#text.length) return false;
    for (let index = 0; index < literals.length; index++) if (this.hasLiteral(literals[index]!)) return true;
    return false;
  }

  #scan(): void {
    const text = this.#text;
    const pattern = this.#pattern;
    pattern.lastIndex = 0;
    let places = 0;
    // Each place is one character, the anchor: the scan goes on right after it, as literals
    // may overlap (`sk-sk-ant-`).
    while (pattern.test(text)) {
      const at = pattern.lastIndex - 1;
      const code = text.charCodeAt(at);
      this.#addFound(text, at, this.#byPlace.get(placeKey(code, NO_CHARACTER)));
      if (at > 0) this.#addFound(text, at, this.#byPlace.get(placeKey(code, text.charCodeAt(at - 1))));
      if (++places === MAX_OCCURRENCES) break;
    }
    this.#scannedTo = places === MAX_OCCURRENCES ? pattern.lastIndex : text.length;
    pattern.lastIndex = 0;
  }

  /** Adds those of `literals` (anchored at the character at `at`) that occur there. */
  #addFound(text: string, at: number, literals: readonly AnchoredLiteral[] | undefined): void {
    if (literals === undefined) return;
    for (const [literal, anchor] of literals)
      if (matchesAt(text, literal, at - anchor)) this.#found.add(literal);
  }

  /** Eight digits close together (separators `space . ( ) / -` between them): an international phone number. */
  longNumber(): boolean {
    this.#longNumber ??= EIGHT_DIGITS.test(this.#text);
    return this.#longNumber;
  }

  /** `authorization` in any case: an `Authorization` header, asked about by two rules. */
  mentionsAuthorization(): boolean {
    this.#headerWords ??= findHeaderWords(this.#text);
    return (this.#headerWords & AUTHORIZATION) !== 0;
  }

  /** `bearer` in any case: the scheme of a bearer token. */
  mentionsBearer(): boolean {
    this.#headerWords ??= findHeaderWords(this.#text);
    return (this.#headerWords & BEARER) !== 0;
  }

  /**
   * Nine digits close together: the least a card, IBAN, US SSN or North American phone number
   * needs. A date (`2026-11-28`, eight digits) does not wake those rules.
   */
  longerNumber(): boolean {
    this.#longerNumber ??= this.longNumber() && NINE_DIGITS.test(this.#text);
    return this.#longerNumber;
  }
}

/** `text.startsWith(literal, start)`, compared in place: cheaper than a builtin call per place. */
function matchesAt(text: string, literal: string, start: number): boolean {
  if (start < 0 || start + literal.length > text.length) return false;
  for (let index = 0; index < literal.length; index++) {
    if (text.charCodeAt(start + index) !== literal.charCodeAt(index)) return false;
  }
  return true;
}

/** The header words, as bits. */
const BEARER = 1;
const AUTHORIZATION = 2;
/** Either word, in any case: one scan for both in the many texts with neither. */
const HEADER_WORD = /bearer|authorization/gi;
const BEARER_WORD = /bearer/gi;
const AUTHORIZATION_WORD = /authorization/gi;

/**
 * The header words in `text`. The first found is the one that occurs first, so the other can
 * only start after its start: it is searched from there, and each search reads the text once.
 */
function findHeaderWords(text: string): number {
  HEADER_WORD.lastIndex = 0;
  if (!HEADER_WORD.test(text)) return 0;
  const end = HEADER_WORD.lastIndex;
  HEADER_WORD.lastIndex = 0;
  const foundBearer = (text.charCodeAt(end - 1) | 0x20) === 0x72; // `bearer` ends in `r`, `authorization` in `n`
  const other = foundBearer ? AUTHORIZATION_WORD : BEARER_WORD;
  other.lastIndex = end - (foundBearer ? 'bearer' : 'authorization').length + 1;
  const both = other.test(text);
  other.lastIndex = 0;
  return (foundBearer ? BEARER : AUTHORIZATION) | (both ? BEARER | AUTHORIZATION : 0);
}

/** Eight digits close together: the least any number-shaped rule needs (40 ns per KiB to rule out). */
const EIGHT_DIGITS =
  /[0-9][ .()/-]{0,2}[0-9][ .()/-]{0,2}[0-9][ .()/-]{0,2}[0-9][ .()/-]{0,2}[0-9][ .()/-]{0,2}[0-9][ .()/-]{0,2}[0-9][ .()/-]{0,2}[0-9]/;
const NINE_DIGITS =
  /[0-9][ .()/-]{0,2}[0-9][ .()/-]{0,2}[0-9][ .()/-]{0,2}[0-9][ .()/-]{0,2}[0-9][ .()/-]{0,2}[0-9][ .()/-]{0,2}[0-9][ .()/-]{0,2}[0-9][ .()/-]{0,2}[0-9]/;
