/**
 * An ASCII text's characters as bytes, for the scanners that read them one by one (card
 * numbers, e-mail addresses): reading a byte array costs a third of `charCodeAt` (whose every
 * call checks what kind of string it reads: a slice of another, a concatenation...), and ASCII
 * text is copied natively as UTF-8, whose bytes are its codes, for about 0.1 µs a KiB. Text
 * that is not ASCII is two bytes a character in the engine, and its copy costs twenty times as
 * much: the scanners read it in place instead, only where they look.
 */

/**
 * Texts up to this length share one array of codes, grown to the longest seen; a longer one
 * gets its own, not kept. An array per call for long texts made the collector run during them
 * (a 1 MiB text full of `@` cost 2.4–2.7 times as much per KiB as a 64 KiB one).
 */
const SHARED_LENGTH = 1024 * 1024;
/** How many characters are tried first: most text that is not ASCII shows it early. */
const SAMPLE = 64;

const encoder = new TextEncoder();
let shared = new Uint8Array(1024 + 1);
const sample = new Uint8Array(SAMPLE);

/**
 * The codes of `text`'s characters then a 0 (in no class, so a scanner stops there without
 * testing the length), in an array valid until the next call, longer than the text, read only
 * up to its length; or undefined when the text is not ASCII. Its first characters are copied
 * first, so that a text that is not ASCII there is not copied whole.
 */
export function asciiCodes(text: string): Uint8Array | undefined {
  const length = text.length;
  const tried = Math.min(length, SAMPLE);
  // UTF-8 writes ASCII as itself, one byte per character: when the characters read took one
  // byte each, they are ASCII and the bytes are their codes.
  let { read, written } = encoder.encodeInto(text, sample);
  if (read < tried || written !== read) return undefined;
  let codes = shared;
  if (length + 1 > codes.length) {
    codes = new Uint8Array(length + 1);
    if (length <= SHARED_LENGTH) shared = codes;
  }
  ({ read, written } = encoder.encodeInto(text, codes));
  if (read !== length || written !== length) return undefined;
  codes[length] = 0;
  return codes;
}
