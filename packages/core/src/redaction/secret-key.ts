/**
 * Key names whose value is a secret, as the last part of a longer key: `password`, `DB_PASS`,
 * `client_secret`, `SessionToken`, `x-api-key`, `access_key`, `AccountKey`, `credentials`,
 * `auth`. `pass` and `pwd` only at a word's start (not `bypass`); `max_tokens` does not end in
 * `token`. A source string, to be embedded in larger patterns; the names that end alike are
 * grouped (the `...key` ones), so a lookbehind that fails tries fewer alternatives.
 */
export const SECRET_KEY_SOURCE =
  '(?:(?:api|access|secret|private)[_-]?key|(?:account|sharedaccess)key|passw(?:or)?d|passphrase|(?<![a-z])(?:pass|pwd)|secret|token|credentials?|auth)';

/** Field names: the keys above, and the headers whose whole value is a credential. */
const SECRET_KEY_NAME = new RegExp(`(?:${SECRET_KEY_SOURCE}|authorization|cookie)$`, 'i');

/** True for a field or attribute name whose value is a secret whatever it looks like (`password`, `apiKey`). */
export function isSecretKeyName(key: string): boolean {
  return key.length <= 256 && SECRET_KEY_NAME.test(key);
}
