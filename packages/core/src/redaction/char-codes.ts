/**
 * A text's characters as bytes, for the scanners that read them one by one (card numbers,
 * e-mail addresses). Every class they test is ASCII, so a byte per UTF-16 code unit is enough:
 * ASCII characters keep their codes, any other is {@link NON_ASCII}, in no class. Reading a
 * byte array costs a third of `charCodeAt` (whose every call checks what kind of string it
 * reads: a slice of another, a concatenation...), and the text is copied natively, as UTF-8.
 */

/** The byte standing for any character outside ASCII (a UTF-8 continuation byte). */
export const NON_ASCII = 0x80;

/** Texts up to this length share one array of codes; a longer one gets its own, not kept. */
const SHARED_LENGTH = 64 * 1024;
/** Text that is not ASCII is encoded this many code units at a time (three bytes each at most). */
const CHUNK = 4 * 1024;

const encoder = new TextEncoder();
let shared = new Uint8Array(1024 + 1);
const chunkBytes = new Uint8Array(3 * CHUNK);

/**
 * Writes the codes of `text[from, to)` at `codes[from]` on, from its UTF-8 bytes: a lead byte
 * from 0xF0 starts a surrogate pair, two units; one from 0xC0 a unit; continuation bytes
 * (0x80–0xBF) add none. A pair cut by the chunk's end is encoded as two replacement
 * characters, one unit each: still one code per unit.
 */
function writeChunk(text: string, codes: Uint8Array, from: number, to: number): void {
  const written = encoder.encodeInto(text.slice(from, to), chunkBytes).written;
  let unit = from;
  for (let byte = 0; byte < written; byte++) {
    const code = chunkBytes[byte]!;
    if (code < 0x80) codes[unit++] = code;
    else if (code >= 0xf0) {
      codes[unit++] = NON_ASCII;
      codes[unit++] = NON_ASCII;
    } else if (code >= 0xc0) codes[unit++] = NON_ASCII;
  }
}

/**
 * The codes of `text`'s characters (ASCII ones, the others {@link NON_ASCII}), then a 0 (in
 * no class, so a scanner stops there without testing the length), in an array valid until the
 * next call: longer than the text, read only up to its length.
 */
export function charCodes(text: string): Uint8Array {
  const length = text.length;
  let codes = shared;
  if (length + 1 > codes.length) {
    codes = new Uint8Array(length + 1);
    if (length <= SHARED_LENGTH) shared = codes;
  }
  // UTF-8 writes ASCII as itself, one byte per character: when every character was read and
  // took one byte, the text is ASCII and the bytes are its codes.
  const { read, written } = encoder.encodeInto(text, codes);
  if (read !== length || written !== length) {
    // The bytes before the first that is not ASCII are the codes of the characters there.
    let from = 0;
    while (from < written && codes[from]! < 0x80) from++;
    for (; from < length; from += CHUNK) writeChunk(text, codes, from, Math.min(length, from + CHUNK));
  }
  codes[length] = 0;
  return codes;
}
