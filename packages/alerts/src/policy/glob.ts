/**
 * Tool-name globs: `*` matches any run of characters (dots included), `?` exactly one,
 * everything else itself. `fs.*` matches `fs.read` and `fs.dir.list`; `shell` only `shell`.
 */
export interface CompiledGlob {
  readonly glob: string;
  matches(name: string): boolean;
}

export function compileGlob(glob: string): CompiledGlob {
  if (!/[*?]/.test(glob)) return { glob, matches: (name) => name === glob };
  const source = glob
    .split(/(?:)/u)
    .map((char) =>
      char === '*' ? '[\\s\\S]*' : char === '?' ? '[\\s\\S]' : char.replace(/[\\^$.+()[\]{}|/]/g, '\\$&'),
    )
    .join('')
    .replace(/(?:\[\\s\\S\]\*)+/g, '[\\s\\S]*');
  const expression = new RegExp(`^${source}$`, 'u');
  return { glob, matches: (name) => expression.test(name) };
}
