/**
 * Key names whose value is a secret, as the last part of a longer key: `password`, `DB_PASS`,
 * `client_secret`, `SessionToken`, `x-api-key`, `access_key`, `AccountKey`, `credentials`,
 * `auth`. `pass` and `pwd` only at a word's start (not `bypass`); `max_tokens` does not end in
 * `token`. A source string, to be embedded in larger patterns.
 */
export const SECRET_KEY_SOURCE =
  '(?:password|passwd|passphrase|(?<![a-z])pass|(?<![a-z])pwd|secret|token|api[_-]?key|apikey|access[_-]?key|secret[_-]?key|private[_-]?key|accountkey|sharedaccesskey|credentials?|auth)';

/** Field names: the keys above, and the headers whose whole value is a credential. */
const SECRET_KEY_NAME = new RegExp(`(?:${SECRET_KEY_SOURCE}|authorization|cookie)$`, 'i');

/** True for a field or attribute name whose value is a secret whatever it looks like (`password`, `apiKey`). */
export function isSecretKeyName(key: string): boolean {
  return key.length <= 256 && SECRET_KEY_NAME.test(key);
}
