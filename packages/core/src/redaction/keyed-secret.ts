/**
 * Secrets assigned to a key that names one (`password=`, `"api_key": "..."`, `token: ...`).
 * The pattern finds them; the replacement keeps the separator and the quotes, and names the
 * kind from the key (AWS and Azure keys keep their names).
 */
import { SECRET_KEY_SOURCE } from './secret-key.js';

/** A quoted value (any characters but its quote and line ends) or a bare one (no separators). */
const VALUE = `(?:"[^"\\r\\n]{1,1024}"|'[^'\\r\\n]{1,1024}'|[^\\s"',;&<>(){}\\[\\]]{1,1024})`;

/** `key=`, `key: `, `"key": `, `'key' = `: assignments in env files, YAML, JSON, query strings. */
export const KEYED_SECRET = new RegExp(
  `(?<=${SECRET_KEY_SOURCE}["']?[ \\t]*)([:=][ \\t]*)(?!=)(?!["']?\\[REDACTED)(${VALUE})`,
  'gi',
);
/** A copy to scan with, so the exported pattern's `lastIndex` is nobody's business here. */
const SCAN = new RegExp(KEYED_SECRET.source, 'gi');
/** Where the key before a separator at `at` ends: past the blanks and the quote the pattern allows. */
function keyEnd(text: string, at: number): number {
  let end = at;
  while (end > 0 && (text.charCodeAt(end - 1) === 32 || text.charCodeAt(end - 1) === 9)) end--;
  if (end > 0 && (text.charCodeAt(end - 1) === 34 || text.charCodeAt(end - 1) === 39)) end--;
  return end;
}

/** The kind of a keyed secret, from the key before it: AWS and Azure keys keep their names. */
function keyedKind(text: string, offset: number): string {
  // Both names below end in `key`: the key of any other is a plain assignment, found without
  // lower-casing a slice and running two patterns for each match.
  const end = keyEnd(text, offset);
  if (end === 0 || (text.charCodeAt(end - 1) | 0x20) !== 121) return 'secret_assignment';
  const key = text.slice(Math.max(0, offset - 24), offset).toLowerCase();
  if (/secret_?access_?key["']?[ \t]*$/.test(key)) return 'aws_secret_access_key';
  if (/(?:accountkey|sharedaccesskey)["']?[ \t]*$/.test(key)) return 'azure_storage_key';
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
    const value = match[2]!;
    const first = value.charCodeAt(0);
    const quote = first === 34 ? '"' : first === 39 ? "'" : '';
    out += `${text.slice(copied, match.index)}${match[1]}${quote}[REDACTED:${keyedKind(text, match.index)}]${quote}`;
    copied = match.index + match[0].length;
  }
  pattern.lastIndex = 0;
  return copied === 0 ? text : out + text.slice(copied);
}
