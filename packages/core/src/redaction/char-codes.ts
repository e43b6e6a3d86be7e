/**
 * A text's characters as bytes, for the scanners that read them one by one (card numbers,
 * e-mail addresses). Every class they test is ASCII, so a byte per UTF-16 code unit is enough:
 * ASCII characters keep their codes, any other is {@link NON_ASCII}, in no class. Reading a
 * byte array costs a third of `charCodeAt` (whose every call checks what kind of string it
 * reads: a slice of another, a concatenation...), and the text is copied natively, as UTF-8.
 */

/** The byte standing for any character outside ASCII (a UTF-8 continuation byte). */
export const NON_ASCII = 0x80;

/** Buffers up to this size are kept for the next text; a longer text's is not. */
const SHARED_BYTES = 192 * 1024;

const encoder = new TextEncoder();
let shared = new Uint8Array(3 * 1024);

/**
 * The codes of `text`'s characters (ASCII ones, the others {@link NON_ASCII}), then a 0 (in
 * no class, so a scanner stops there without testing the length), in an array valid until the
 * next call: longer than the text, read only up to its length.
 */
export function charCodes(text: string): Uint8Array {
  const length = text.length;
  // A UTF-16 code unit takes at most three bytes of UTF-8 (a surrogate pair, two units, four).
  let codes = shared;
  if (3 * length + 1 > codes.length) {
    codes = new Uint8Array(3 * length + 1);
    if (codes.length <= SHARED_BYTES) shared = codes;
  }
  const written = encoder.encodeInto(text, codes).written;
  // Only ASCII takes one byte per code unit.
  if (written === length) {
    codes[length] = 0;
    return codes;
  }
  // Otherwise each character's bytes become one byte per code unit, in place (never ahead of
  // the byte read): a lead byte from 0xF0 starts a surrogate pair, two units; one from 0xC0 a
  // unit; continuation bytes (0x80–0xBF) add none. Writing the pair's second unit may overwrite
  // the continuation byte after the lead, with NON_ASCII: a continuation byte still.
  let byte = 0;
  while (codes[byte]! < 0x80) byte++;
  let unit = byte;
  for (; byte < written; byte++) {
    const code = codes[byte]!;
    if (code < 0x80) codes[unit++] = code;
    else if (code >= 0xf0) {
      codes[unit++] = NON_ASCII;
      codes[unit++] = NON_ASCII;
    } else if (code >= 0xc0) codes[unit++] = NON_ASCII;
  }
  codes[length] = 0;
  return codes;
}
