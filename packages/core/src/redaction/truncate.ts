/** Appended to text that was cut. */
export const TRUNCATION_MARKER = '…[truncated]';

/** UTF-8 length of the marker: three bytes for the ellipsis, one for each ASCII character. */
const MARKER_BYTES = 3 + (TRUNCATION_MARKER.length - 1);

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * The index (in UTF-16 units) of the longest prefix of `text` that fits in `budget` UTF-8 bytes
 * without splitting a code point; `text.length` when all of it fits. A lone surrogate counts as
 * the three bytes of U+FFFD, as `TextEncoder` writes it.
 */
function fittingPrefixLength(text: string, budget: number): number {
  let bytes = 0;
  let index = 0;
  while (index < text.length) {
    const code = text.charCodeAt(index);
    let units = 1;
    let size: number;
    if (code < 0x80) size = 1;
    else if (code < 0x800) size = 2;
    else if (isHighSurrogate(code) && index + 1 < text.length && isLowSurrogate(text.charCodeAt(index + 1))) {
      size = 4;
      units = 2;
    } else size = 3;
    if (bytes + size > budget) return index;
    bytes += size;
    index += units;
  }
  return index;
}

/**
 * Cuts `text` to at most `maxBytes` UTF-8 bytes without splitting a code point (or surrogate
 * pair), appending '…[truncated]' within the budget when it cuts. When the budget is smaller than
 * the marker, the text is cut without one. A NaN or negative budget gives '', Infinity the
 * whole text; fractional budgets are rounded down. With `alreadyCut`, the text is known to be
 * the head of a longer one, so the marker is added even when the text itself fits.
 */
export function truncateUtf8(text: string, maxBytes: number, alreadyCut = false): string {
  if (typeof text !== 'string') return '';
  if (typeof maxBytes !== 'number' || Number.isNaN(maxBytes) || maxBytes <= 0) return '';
  const budget = Math.floor(maxBytes);
  if (!alreadyCut) {
    // No UTF-16 unit encodes to more than three bytes, so short text fits without counting.
    if (text.length * 3 <= maxBytes) return text;
    if (fittingPrefixLength(text, budget) === text.length) return text;
  }
  if (budget < MARKER_BYTES) return text.slice(0, fittingPrefixLength(text, budget));
  return text.slice(0, fittingPrefixLength(text, budget - MARKER_BYTES)) + TRUNCATION_MARKER;
}
