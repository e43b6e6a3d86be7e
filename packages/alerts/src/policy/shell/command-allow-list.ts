import type { WordToken } from './tokens.js';

/**
 * The allow list of a fail-closed shell policy: programs and subcommands written as they
 * are typed (`git status`, `npm run build`, `ls`). An entry allows a command whose first
 * words are exactly the entry's words; later words are free. An entry word may hold `*`
 * (any run of characters) or `?` (one character), but never matches an option (`-x`)
 * unless it starts with `-` itself, so `python3 *.py` does not allow `python3 -c...py`.
 */

export interface CommandAllowList {
  readonly entries: readonly string[];
  /** The entry allowing `words`, or undefined. Words used for matching must be static. */
  match(words: readonly Pick<WordToken, 'value' | 'dynamic' | 'pattern'>[]): string | undefined;
}

/** Characters an entry may not hold: they would mean something else to the shell. */
export const ENTRY_FORBIDDEN = /[;&|<>()$`"'\\\n{}!#~]/;

type WordMatcher = (word: string) => boolean;

function compileWord(word: string): WordMatcher {
  if (!/[*?]/.test(word)) return (candidate) => candidate === word;
  const source = [...word]
    .map((char) =>
      char === '*' ? '[\\s\\S]*' : char === '?' ? '[\\s\\S]' : char.replace(/[\\^$.+()[\]{}|/]/g, '\\$&'),
    )
    .join('');
  const expression = new RegExp(`^${source}$`, 'u');
  const option = word.startsWith('-');
  return (candidate) => (option || !candidate.startsWith('-')) && expression.test(candidate);
}

/** Problems with one entry, for configuration errors; empty when the entry is valid. */
export function entryProblems(entry: string): string[] {
  const words = entry.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return ['must name a program'];
  const problems: string[] = [];
  if (ENTRY_FORBIDDEN.test(entry))
    problems.push('must be plain words (no quotes, operators, redirections, expansions or braces)');
  if (/[*?]/.test(words[0]!)) problems.push('the program name must be written out, without * or ?');
  return problems;
}

export function compileCommandAllowList(entries: readonly string[]): CommandAllowList {
  const compiled = entries.map((entry) => ({
    entry,
    words: entry.trim().split(/\s+/).filter(Boolean).map(compileWord),
  }));
  return {
    entries,
    match(words) {
      for (const { entry, words: matchers } of compiled) {
        if (words.length < matchers.length) continue;
        let matched = true;
        for (let index = 0; index < matchers.length && matched; index += 1) {
          const word = words[index]!;
          matched = word.dynamic !== true && word.pattern !== true && matchers[index]!(word.value);
        }
        if (matched) return entry;
      }
      return undefined;
    },
  };
}
