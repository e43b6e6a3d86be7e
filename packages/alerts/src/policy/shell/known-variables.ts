/**
 * Variables whose value a shell policy can vouch for: system paths (`$HOME`, `$PWD`),
 * plain values assigned earlier on the same line, and `for` variables over static paths
 * used inside double quotes. Any other variable may expand to options or several words.
 */

/** Variables whose value is a plain path or name set by the system, never options. */
const SAFE_VARIABLES = new Set([
  'HOME',
  'PWD',
  'OLDPWD',
  'USER',
  'LOGNAME',
  'TMPDIR',
  'HOSTNAME',
  'LANG',
  'TERM',
  '?',
  '$',
  '!',
  '#',
  'RANDOM',
  'SECONDS',
  'LINENO',
]);
const VARIABLE_REFERENCE = /\$(?:\{#?([^}]*)\}|([A-Za-z_][A-Za-z0-9_]*)|([0-9@*#?$!-]))/g;

/** The value recorded for a `for` variable over static paths: safe only inside double quotes. */
export const LOOP_ITEM = '\u0000loop item';

/** True when every variable `raw` reads is a system path or a value assigned earlier on the line that cannot be an option. */
export function variablesAreSafe(raw: string, variables: ReadonlyMap<string, string | undefined>): boolean {
  for (const match of raw.matchAll(VARIABLE_REFERENCE)) {
    const name = match[1] ?? match[2] ?? match[3] ?? '';
    if (SAFE_VARIABLES.has(name)) continue;
    const value = variables.get(name);
    if (value === LOOP_ITEM) {
      if (/^"(?:[^"\\]|\\.)*"$/.test(raw)) continue;
      return false;
    }
    if (value === undefined || value === '' || /^[-+]|[\s*?[\]{}]/.test(value)) return false;
  }
  return true;
}
