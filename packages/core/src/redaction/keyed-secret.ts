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
 * The replacement of a keyed secret: the separator, then the marker inside the value's quotes,
 * so JSON and YAML stay readable. `text.replace(KEYED_SECRET, replaceKeyedSecret)`.
 */
export function replaceKeyedSecret(
  _match: string,
  separator: string,
  value: string,
  offset: number,
  text: string,
): string {
  const quote = value[0] === '"' || value[0] === "'" ? value[0] : '';
  return `${separator}${quote}[REDACTED:${keyedKind(text, offset)}]${quote}`;
}
