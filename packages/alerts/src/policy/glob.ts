/**
 * Tool-name globs: `*` matches any run of characters (dots included), `?` exactly one,
 * everything else itself. `fs.*` matches `fs.read` and `fs.dir.list`; `shell` only `shell`.
 *
 * `matches` is exact and case-sensitive (allow lists). `matchesLoosely` also matches
 * names that differ only in case, Unicode compatibility form (fullwidth letters),
 * invisible characters or surrounding whitespace (deny lists and argument rules, where
 * matching more is the safe side).
 */
export interface CompiledGlob {
  readonly glob: string;
  matches(name: string): boolean;
  matchesLoosely(name: string): boolean;
}

const INVISIBLE = /[\u00ad\u180e\u200b-\u200d\u2060\ufeff]/g;

/** A tool name as `matchesLoosely` compares it: NFKC, invisible characters dropped, trimmed, lower case. */
export const foldToolName = (name: string): string =>
  name.normalize('NFKC').replace(INVISIBLE, '').trim().toLowerCase();

function toExpression(glob: string, flags: string): RegExp {
  const source = glob
    .split(/(?:)/u)
    .map((char) =>
      char === '*' ? '[\\s\\S]*' : char === '?' ? '[\\s\\S]' : char.replace(/[\\^$.+()[\]{}|/]/g, '\\$&'),
    )
    .join('')
    .replace(/(?:\[\\s\\S\]\*)+/g, '[\\s\\S]*');
  return new RegExp(`^${source}$`, flags);
}

export function compileGlob(glob: string): CompiledGlob {
  const folded = foldToolName(glob);
  const loose = toExpression(folded, 'u');
  const matchesLoosely = (name: string) => loose.test(foldToolName(name));
  if (!/[*?]/.test(glob)) return { glob, matches: (name) => name === glob, matchesLoosely };
  const expression = toExpression(glob, 'u');
  return { glob, matches: (name) => expression.test(name), matchesLoosely };
}
