/**
 * E-mail addresses, found from their `@` rather than by trying a pattern at every position
 * (which cost half of all redaction time): for each `@`, the local part is read backwards
 * (at most 64 characters, stopping at a character that cannot be in one) and the domain is
 * matched forwards with a sticky pattern. Each `@` is visited once and neither scan crosses
 * another `@`, so the work is linear in the text's length.
 */

/** The same addresses as a pattern, for anyone who wants to apply it elsewhere. */
export const EMAIL_PATTERN =
  /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,8}[A-Za-z]{2,24}(?![A-Za-z0-9-])/g;

const DOMAIN = /(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,8}[A-Za-z]{2,24}(?![A-Za-z0-9-])/y;

/** `A-Z a-z 0-9 . _ % + -`: the characters of a local part. */
function isLocal(code: number): boolean {
  return (
    (code >= 97 && code <= 122) ||
    (code >= 65 && code <= 90) ||
    (code >= 48 && code <= 57) ||
    code === 46 ||
    code === 95 ||
    code === 37 ||
    code === 43 ||
    code === 45
  );
}

/** Replaces every e-mail address in `text` with `replacement`. */
export function redactEmails(text: string, replacement: string): string {
  let at = text.indexOf('@');
  if (at < 0) return text;
  let out = '';
  let copied = 0;
  while (at >= 0) {
    let start = at;
    while (start > copied && at - start <= 64 && isLocal(text.charCodeAt(start - 1))) start--;
    // A local part longer than 64 characters is none; one right after a replaced address is.
    const bounded = at - start <= 64 && (start === copied || !isLocal(text.charCodeAt(start - 1)));
    let next = at + 1;
    if (bounded && start < at) {
      DOMAIN.lastIndex = at + 1;
      if (DOMAIN.test(text)) {
        out += text.slice(copied, start) + replacement;
        copied = DOMAIN.lastIndex;
        next = copied;
      }
    }
    at = text.indexOf('@', next);
  }
  return copied === 0 ? text : out + text.slice(copied);
}
