/**
 * Secrets assigned to a key that names one (`password=`, `"api_key": "..."`, `token: ...`).
 * The pattern finds them; the replacement keeps the separator and the quotes, and names the
 * kind from the key (AWS and Azure keys keep their names).
 */
import { SECRET_KEY_SOURCE } from './secret-key.js';

/**
 * A quoted value (any characters but its quote and line ends; a backslash escapes the next
 * one, so `"ab\"cd"` is one value), a value quoted with escaped quotes (`\"...\"`, JSON
 * inside a JSON string) or a bare one (no separators).
 */
const VALUE = `(?:"(?:[^"\\\\\\r\\n]|\\\\[^\\r\\n]){1,1024}"|'[^'\\r\\n]{1,1024}'|\\\\"[^"\\\\\\r\\n]{1,1024}\\\\"|[^\\s"',;&<>(){}\\[\\]]{1,1024})`;

/**
 * `key=`, `key: `, `"key": `, `'key' = `, `\"key\":`, `key => `, `key%3D`: assignments in env
 * files, YAML, JSON (also inside a JSON string), query strings (also URL-encoded inside
 * another URL), Ruby and PHP hashes.
 */
export const KEYED_SECRET = new RegExp(
  `(?<=${SECRET_KEY_SOURCE}(?:\\\\?["'])?[ \\t]*)((?:=>|[:=]|%3[Dd])[ \\t]*)(?!=)(?!(?:\\\\?["'])?\\[REDACTED)(${VALUE})`,
  'gi',
);
/**
 * The text of an XML element whose name says it is a secret (`<password>...</password>`,
 * `<wsse:Password Type="...">...</wsse:Password>`): from the `>` of its start tag, so only
 * those are tried. An attribute named like a secret (`<add key="ApiKey" value="..."/>`) is not.
 */
export const XML_SECRET = new RegExp(
  `(>)(?<=<[A-Za-z0-9_.:-]{0,64}${SECRET_KEY_SOURCE}(?:[ \\t][^<>\\r\\n]{0,256})?>)(?!\\[REDACTED)[^<\\r\\n]{1,1024}(?=</)`,
  'gi',
);

/** A copy to scan with, so the exported pattern's `lastIndex` is nobody's business here. */
const SCAN = new RegExp(KEYED_SECRET.source, 'gi');

/** Where the key before a separator at `at` ends: past the blanks and the quote the pattern allows. */
function keyEnd(text: string, at: number): number {
  let end = at;
  while (end > 0 && (text.charCodeAt(end - 1) === 32 || text.charCodeAt(end - 1) === 9)) end--;
  if (end > 0 && (text.charCodeAt(end - 1) === 34 || text.charCodeAt(end - 1) === 39)) {
    end--;
    if (end > 0 && text.charCodeAt(end - 1) === 92) end--;
  }
  return end;
}

type KeyedKind = 'secret_assignment' | 'aws_secret_access_key' | 'azure_storage_key';

const markersQuotedWith = (quote: string): Record<KeyedKind, string> => ({
  secret_assignment: `${quote}[REDACTED:secret_assignment]${quote}`,
  aws_secret_access_key: `${quote}[REDACTED:aws_secret_access_key]${quote}`,
  azure_storage_key: `${quote}[REDACTED:azure_storage_key]${quote}`,
});
const BARE = markersQuotedWith('');
const DOUBLE_QUOTED = markersQuotedWith('"');
const SINGLE_QUOTED = markersQuotedWith("'");
const ESCAPED_QUOTED = markersQuotedWith('\\"');

/** The kind of a keyed secret, from the key before it: AWS and Azure keys keep their names. */
function keyedKind(text: string, offset: number): KeyedKind {
  // Both names below end in `key`: the key of any other is a plain assignment, found without
  // lower-casing a slice and running two patterns for each match.
  const end = keyEnd(text, offset);
  if (end === 0 || (text.charCodeAt(end - 1) | 0x20) !== 121) return 'secret_assignment';
  const key = text.slice(Math.max(0, offset - 24), offset).toLowerCase();
  if (/secret_?access_?key\\?["']?[ \t]*$/.test(key)) return 'aws_secret_access_key';
  if (/(?:accountkey|sharedaccesskey)\\?["']?[ \t]*$/.test(key)) return 'azure_storage_key';
  return 'secret_assignment';
}

/**
 * Replaces the value of every keyed secret in `text`: the separator stays, then the marker
 * inside the value's quotes, so JSON and YAML stay readable. A loop over the matches, not
 * `replace` with a function, which costs twice as much per match and more on long texts.
 */
export function redactKeyedSecrets(text: string): string {
  const pattern = SCAN;
  pattern.lastIndex = 0;
  let out = '';
  let copied = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const valueStart = match.index + match[1]!.length;
    const quote = text.charCodeAt(valueStart);
    // The separator is copied with the text before it; the markers are built once.
    const markers =
      quote === 34
        ? DOUBLE_QUOTED
        : quote === 39
          ? SINGLE_QUOTED
          : quote === 92 && text.charCodeAt(valueStart + 1) === 34
            ? ESCAPED_QUOTED
            : BARE;
    out += text.slice(copied, valueStart) + markers[keyedKind(text, match.index)];
    copied = match.index + match[0].length;
  }
  pattern.lastIndex = 0;
  return copied === 0 ? text : out + text.slice(copied);
}
