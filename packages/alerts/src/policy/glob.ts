import { canonicalToolName } from '@agentvitals/core';

/**
 * Tool-name globs: `*` matches any run of characters (dots included), `?` exactly one,
 * everything else itself. `fs.*` matches `fs.read` and `fs.dir.list`; `shell` only `shell`.
 *
 * Globs and names are compared in canonical form (`canonicalToolName` from
 * `@agentvitals/core`: Unicode NFKC, invisible characters and surrounding whitespace or
 * quotes removed, case folded), the same form for allow lists, deny lists and argument
 * rules: `Shell`, `ＳＨＥＬＬ` and `shell\u200b` are all `shell`. Look-alike letters of
 * other alphabets are not folded: `shеll` with a Cyrillic `е` is another name.
 */
export interface CompiledGlob {
  readonly glob: string;
  /** True when the canonical form of `name` matches. */
  matches(name: string): boolean;
}

function toExpression(glob: string): RegExp {
  const source = glob
    .split(/(?:)/u)
    .map((char) =>
      char === '*' ? '[\\s\\S]*' : char === '?' ? '[\\s\\S]' : char.replace(/[\\^$.+()[\]{}|/]/g, '\\$&'),
    )
    .join('')
    .replace(/(?:\[\\s\\S\]\*)+/g, '[\\s\\S]*');
  return new RegExp(`^${source}$`, 'u');
}

export function compileGlob(glob: string): CompiledGlob {
  const canonical = canonicalToolName(glob);
  if (!/[*?]/.test(canonical)) return { glob, matches: (name) => canonicalToolName(name) === canonical };
  const expression = toExpression(canonical);
  return { glob, matches: (name) => expression.test(canonicalToolName(name)) };
}
