import { createRedactor } from '../redaction/redact.js';

/** Why a value may not become a metric label. */
export type LabelProblem = 'secret' | 'free_text' | 'random_token';

/** The built-in redactions: a label they would change carries a secret or personal data. */
const redact = createRedactor();

/** Characters that split a name into the segments the token check looks at. */
const SEPARATORS = /[\s._:/@+,;=-]+/;

const isDigit = (code: number) => code >= 48 && code <= 57;
const isLower = (code: number) => code >= 97 && code <= 122;
const isUpper = (code: number) => code >= 65 && code <= 90;
const isHex = (code: number) => isDigit(code) || (code >= 97 && code <= 102) || (code >= 65 && code <= 70);

/** 0 digit, 1 lower, 2 upper, 3 anything else. */
const classOf = (code: number) => (isDigit(code) ? 0 : isLower(code) ? 1 : isUpper(code) ? 2 : 3);

/**
 * True for a segment that reads as a random token rather than a word: 24 or more hexadecimal
 * digits (with at least one digit); or 16 or more characters with at least two digits and two
 * letters that are either 32 or more long or change character class (digit, lower, upper) at
 * least once every four characters. Names people choose change class rarely:
 * `getWeatherForecastV2`, `getCustomerOrderHistoryForAccount`, `claude35sonnet20241022` and
 * `20241022` pass.
 */
function isRandomToken(segment: string): boolean {
  const length = segment.length;
  if (length < 16) return false;
  let digits = 0;
  let letters = 0;
  let hex = true;
  let changes = 0;
  let previous = classOf(segment.charCodeAt(0));
  for (let index = 0; index < length; index++) {
    const code = segment.charCodeAt(index);
    const kind = classOf(code);
    if (kind === 0) digits++;
    else if (kind !== 3) letters++;
    if (!isHex(code)) hex = false;
    if (kind !== previous) changes++;
    previous = kind;
  }
  if (hex && length >= 24 && digits > 0) return true;
  if (digits < 2 || letters < 2) return false;
  return length >= 32 || changes * 4 >= length;
}

/** Whitespace runs in `value`, counting up to `limit`. */
function whitespaceRuns(value: string, limit: number): number {
  let runs = 0;
  let inRun = false;
  for (let index = 0; index < value.length && runs < limit; index++) {
    const code = value.charCodeAt(index);
    const blank = code === 32 || code === 9 || code === 10 || code === 13 || code === 0xa0;
    if (blank && !inRun) runs++;
    inRun = blank;
  }
  return runs;
}

/**
 * Why `value` must not become a metric label, or undefined when it may:
 * - `secret`: the built-in redactions would change it (a key or token, an e-mail address, a
 *   card, IBAN, phone or social security number, a password in a URL, a `password=...`).
 * - `free_text`: a line break, tab or other control character; four words or more (three
 *   whitespace runs); or whitespace in a value longer than 64 characters.
 * - `random_token`: a segment between separators (`space . _ : / @ + , ; = -`) that reads as a
 *   random token (see {@link isRandomToken}): an unknown key, a hash, a session id.
 * Ordinary names pass: `kb.search`, `refund_over_limit`, `mcp__github__create_issue`,
 * `gpt-4o-mini-2024-07-18`, `anthropic.claude-3-5-sonnet-20241022-v2:0`, UUIDs.
 */
export function labelProblem(value: string): LabelProblem | undefined {
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code < 32 || code === 127) return 'free_text';
  }
  if (whitespaceRuns(value, 3) >= 3) return 'free_text';
  if (value.length > 64 && whitespaceRuns(value, 1) > 0) return 'free_text';
  if (redact(value) !== value) return 'secret';
  for (const segment of value.split(SEPARATORS)) if (isRandomToken(segment)) return 'random_token';
  return undefined;
}
