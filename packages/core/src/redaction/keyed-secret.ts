/**
 * Secrets assigned to a key that names one (`password=`, `"api_key": "..."`, `token: ...`).
 * The pattern finds them; the replacement keeps the separator and the quotes, and names the
 * kind from the key (AWS and Azure keys keep their names). The pattern's lookbehind is tried
 * at every position, so it runs only when some `:` or `=` follows a key that ends like one of
 * the secret keys (JSON and YAML are full of separators, nearly all after keys such as
 * `"level"` that end otherwise).
 */
import { SECRET_KEY_SOURCE } from './secret-key.js';
import type { TextProbe } from './text-probe.js';

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

/**
 * The last three letters, lower-cased, of every key `SECRET_KEY_SOURCE` matches: passwo-rd,
 * pass-wd, passphr-ase, p-ass, pwd, sec-ret, to-ken, ...key, credent-ial(s), a-uth.
 */
const KEY_ENDINGS = new Set(
  ['ord', 'swd', 'ase', 'ass', 'pwd', 'ret', 'ken', 'key', 'ial', 'als', 'uth'].map(
    (ending) => (ending.charCodeAt(0) << 16) | (ending.charCodeAt(1) << 8) | ending.charCodeAt(2),
  ),
);

/** True when the three characters before `end` end a secret key's name (ASCII letters, any case). */
function endsLikeSecretKey(text: string, end: number): boolean {
  if (end < 3) return false;
  const ending =
    ((text.charCodeAt(end - 3) | 0x20) << 16) |
    ((text.charCodeAt(end - 2) | 0x20) << 8) |
    (text.charCodeAt(end - 1) | 0x20);
  return KEY_ENDINGS.has(ending);
}

/** True when a separator at one of `positions` follows a key ending like a secret key's, or when they were too many to list. */
function followsSecretKey(text: string, positions: readonly number[] | undefined): boolean {
  if (positions === undefined) return true;
  for (let index = 0; index < positions.length; index++) {
    if (endsLikeSecretKey(text, keyEnd(text, positions[index]!))) return true;
  }
  return false;
}

/** False when no keyed secret can be in `text`: no `:` or `=` follows a key ending like a secret key's. */
export function mayHaveKeyedSecret(text: string, probe: TextProbe): boolean {
  return followsSecretKey(text, probe.positions(':')) || followsSecretKey(text, probe.positions('='));
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
