import { readAnsiCString } from './text.js';
import {
  type LexResult,
  MAX_SUBSTITUTION_NESTING,
  type RedirectToken,
  type ShellConstruct,
  ShellNestingError,
  type ShellToken,
  type WordToken,
} from './tokens.js';

export type {
  LexResult,
  OperatorToken,
  RedirectToken,
  ShellConstruct,
  ShellToken,
  WordToken,
} from './tokens.js';
export { MAX_SUBSTITUTION_NESTING, ShellNestingError } from './tokens.js';

const OPERATORS = [
  ';;&',
  '&>>',
  '<<<',
  '<<-',
  '&&',
  '||',
  ';;',
  ';&',
  '|&',
  '&>',
  '>>',
  '>|',
  '>&',
  '<<',
  '<>',
  '<&',
];
const SINGLE_OPERATORS = new Set([';', '&', '|', '(', ')', '<', '>']);
const REDIRECTS = new Set(['&>>', '<<<', '<<-', '&>', '>>', '>|', '>&', '<<', '<>', '<&', '<', '>']);
const BLANK = new Set([' ', '\t', '\v', '\f', '\r']);
const WORD_BREAK = new Set([' ', '\t', '\v', '\f', '\r', '\n', ';', '&', '|', '(', ')', '<', '>']);
/** Marks where an unquoted `$IFS` splits a word (the shell splits its expansion into separate words). */
const FIELD_SPLIT = '\u0000';
/** `$IFS`, `${IFS}`, `${IFS:0:1}`, `${IFS%?}` ... at the start of the text. */
const IFS_EXPANSION = /^\$(?:IFS(?![A-Za-z0-9_])|\{IFS(?![A-Za-z0-9_]))/;
/** `${name}`, `${1}`, `${#name}`, `${@}`: a parameter expansion without an operator. */
const PLAIN_BRACED = /^\$\{#?(?:[A-Za-z_][A-Za-z0-9_]*|[0-9]+|[@*#?$!-])\}$/;
/** Unquoted characters that make a word a pattern (pathname or brace expansion). */
const GLOB_CHARS = new Set(['*', '?']);
/** Constructs recorded per lexed text, at most. */
const MAX_CONSTRUCTS = 64;

interface PendingHeredoc {
  readonly token: RedirectToken;
  readonly delimiter: string;
  readonly stripTabs: boolean;
  readonly expand: boolean;
}

/**
 * A POSIX/bash lexer sufficient for policy checks: quotes (single, double, `$'...'`,
 * `$"..."`), backslash escapes and line continuations, comments, operators,
 * redirections, here-documents, and `$(...)`, backtick and `<(...)` substitutions, whose
 * bodies are lexed as well (the commands inside them run too).
 */
export function lexShell(source: string, start = 0, insideSubstitution = false, nesting = 0): LexResult {
  if (nesting > MAX_SUBSTITUTION_NESTING) throw new ShellNestingError();
  const lexer = new Lexer(source, start, nesting);
  return lexer.run(insideSubstitution);
}

class Lexer {
  readonly #source: string;
  #index: number;
  readonly #tokens: ShellToken[] = [];
  readonly #substitutions: (readonly ShellToken[])[] = [];
  #pending: PendingHeredoc[] = [];
  readonly #nesting: number;
  readonly #constructs: ShellConstruct[] = [];
  /** Set by `#readExpansion` when it read a real expansion; read and reset per word. */
  #sawExpansion = false;
  #closed = false;

  constructor(source: string, start: number, nesting: number) {
    this.#source = source;
    this.#index = start;
    this.#nesting = nesting;
  }

  run(insideSubstitution: boolean): LexResult & { readonly closed: boolean } {
    const source = this.#source;
    let depth = 0;
    while (this.#index < source.length) {
      const char = source[this.#index]!;
      if (BLANK.has(char)) {
        this.#index += 1;
      } else if (char === '\\' && source[this.#index + 1] === '\n') {
        this.#index += 2;
      } else if (char === '\n') {
        this.#index += 1;
        this.#tokens.push({ kind: 'operator', operator: '\n' });
        this.#readHeredocBodies();
      } else if (char === '#') {
        while (this.#index < source.length && source[this.#index] !== '\n') this.#index += 1;
      } else if ((char === '<' || char === '>') && source[this.#index + 1] === '(') {
        const start = this.#index;
        this.#index = this.#substitute(this.#index + 2);
        const text = source.slice(start, this.#index);
        this.#tokens.push({ kind: 'word', value: text, raw: text, quoted: false });
      } else if (SINGLE_OPERATORS.has(char)) {
        if (char === ')' && insideSubstitution && depth === 0) {
          this.#index += 1;
          this.#closed = true;
          return this.#result();
        }
        if (char === '(' && source[this.#index + 1] === '(') this.#record('arithmetic', '((');
        if (char === '(') depth += 1;
        if (char === ')' && depth > 0) depth -= 1;
        this.#readOperator();
      } else {
        this.#readWordOrRedirect();
      }
    }
    return this.#result();
  }

  #result(): LexResult & { readonly closed: boolean } {
    return {
      tokens: this.#tokens,
      substitutions: this.#substitutions,
      end: this.#index,
      constructs: this.#constructs,
      closed: this.#closed,
    };
  }

  #record(kind: ShellConstruct['kind'], text: string): void {
    if (this.#constructs.length < MAX_CONSTRUCTS) this.#constructs.push({ kind, text: text.slice(0, 200) });
  }

  #readOperator(): void {
    const source = this.#source;
    const operator =
      OPERATORS.find((candidate) => source.startsWith(candidate, this.#index)) ?? source[this.#index]!;
    this.#index += operator.length;
    if (REDIRECTS.has(operator)) {
      this.#readRedirect(operator);
    } else {
      this.#tokens.push({ kind: 'operator', operator });
    }
  }

  #readRedirect(operator: string): void {
    while (BLANK.has(this.#source[this.#index] ?? '')) this.#index += 1;
    const target = this.#readWord();
    const value = (target?.value ?? '').replaceAll(FIELD_SPLIT, ' ');
    const token: RedirectToken = { kind: 'redirect', operator, target: value };
    if (operator === '<<<') token.input = target?.value ?? '';
    if ((operator === '<<' || operator === '<<-') && target !== undefined) {
      this.#pending.push({
        token,
        delimiter: value,
        stripTabs: operator === '<<-',
        expand: !target.quoted,
      });
    }
    this.#tokens.push(token);
  }

  #readHeredocBodies(): void {
    const source = this.#source;
    for (const heredoc of this.#pending) {
      const lines: string[] = [];
      while (this.#index < source.length) {
        let lineEnd = source.indexOf('\n', this.#index);
        if (lineEnd === -1) lineEnd = source.length;
        let line = source.slice(this.#index, lineEnd);
        this.#index = Math.min(lineEnd + 1, source.length);
        if (heredoc.stripTabs) line = line.replace(/^\t+/, '');
        if (line === heredoc.delimiter) break;
        lines.push(line);
      }
      const body = lines.join('\n');
      heredoc.token.input = body;
      if (heredoc.expand) this.#collectSubstitutions(body);
    }
    this.#pending = [];
  }

  /** Finds `$(...)` and backtick substitutions in expanding text (an unquoted here-document). */
  #collectSubstitutions(text: string): void {
    const inner = new Lexer(text, 0, this.#nesting);
    while (inner.#index < text.length) {
      const char = text[inner.#index];
      if (char === '\\') inner.#index += 2;
      else if (char === '$' || char === '`') inner.#readExpansion();
      else inner.#index += 1;
    }
    this.#substitutions.push(...inner.#substitutions);
    for (const construct of inner.#constructs) this.#record(construct.kind, construct.text);
  }

  #readWordOrRedirect(): void {
    const word = this.#readWord();
    if (word === undefined) {
      this.#index += 1;
      return;
    }
    const next = this.#source[this.#index];
    if (/^\d+$/.test(word.raw) && (next === '<' || next === '>')) return;
    if (!word.value.includes(FIELD_SPLIT)) {
      this.#tokens.push(word);
      return;
    }
    for (const part of word.value.split(FIELD_SPLIT)) {
      if (part !== '') this.#tokens.push({ ...word, value: part });
    }
  }

  #readWord(): WordToken | undefined {
    const source = this.#source;
    const start = this.#index;
    let value = '';
    let quoted = false;
    let pattern = false;
    let bracket = false;
    let brace = 0;
    this.#sawExpansion = false;
    while (this.#index < source.length) {
      const char = source[this.#index]!;
      if (WORD_BREAK.has(char)) break;
      // `*` and `?` always glob; `[` only with a later `]`; `{` only as a brace list (`{a,b}`, `{1..3}`).
      if (GLOB_CHARS.has(char)) pattern = true;
      else if (char === '[') bracket = true;
      else if (char === ']' && bracket) pattern = true;
      else if (char === '{') brace = 1;
      else if ((char === ',' || (char === '.' && source[this.#index + 1] === '.')) && brace > 0) brace = 2;
      else if (char === '}' && brace === 2) pattern = true;
      if (char === '\\') {
        quoted = true;
        if (source[this.#index + 1] !== '\n') value += source[this.#index + 1] ?? '';
        this.#index += 2;
      } else if (char === "'") {
        quoted = true;
        const close = source.indexOf("'", this.#index + 1);
        if (close === -1) this.#record('unterminated', source.slice(this.#index));
        const end = close === -1 ? source.length : close;
        value += source.slice(this.#index + 1, end);
        this.#index = end + 1;
      } else if (char === '"') {
        quoted = true;
        value += this.#readDoubleQuoted(this.#index + 1);
      } else if (char === '$' && source[this.#index + 1] === "'") {
        quoted = true;
        const decoded = readAnsiCString(source, this.#index + 2);
        if (source[decoded.end - 1] !== "'" || decoded.end <= this.#index + 2)
          this.#record('unterminated', source.slice(this.#index));
        value += decoded.value;
        this.#index = decoded.end;
      } else if (char === '$' && source[this.#index + 1] === '"') {
        quoted = true;
        value += this.#readDoubleQuoted(this.#index + 2);
      } else if (char === '$' && IFS_EXPANSION.test(source.slice(this.#index, this.#index + 6))) {
        const expansion = this.#readExpansion();
        if (expansion === '$') this.#index += 3;
        this.#sawExpansion = true;
        value += FIELD_SPLIT;
      } else if (char === '$' || char === '`') {
        value += this.#readExpansion();
      } else {
        value += char;
        this.#index += 1;
      }
    }
    this.#index = Math.min(this.#index, source.length);
    if (this.#index === start) return undefined;
    const word: WordToken = { kind: 'word', value, raw: source.slice(start, this.#index), quoted };
    if (!this.#sawExpansion && !pattern) return word;
    return { ...word, dynamic: this.#sawExpansion, pattern };
  }

  /** Reads a double-quoted body starting after the quote; substitutions inside still run. */
  #readDoubleQuoted(start: number): string {
    const source = this.#source;
    let value = '';
    this.#index = start;
    while (this.#index < source.length) {
      const char = source[this.#index]!;
      if (char === '"') {
        this.#index += 1;
        return value;
      }
      if (char === '\\' && '$`"\\\n'.includes(source[this.#index + 1] ?? '')) {
        if (source[this.#index + 1] !== '\n') value += source[this.#index + 1];
        this.#index += 2;
      } else if (char === '$' || char === '`') {
        value += this.#readExpansion();
      } else {
        value += char;
        this.#index += 1;
      }
    }
    this.#record('unterminated', source.slice(start - 1));
    return value;
  }

  /** Reads `$(...)`, `$((...))`, `${...}`, `$name` or a backtick substitution; returns its source text. */
  #readExpansion(): string {
    const source = this.#source;
    const start = this.#index;
    const next = source[start + 1] ?? '';
    if (source[start] === '`') {
      this.#index = this.#backtick(start);
    } else if (source.startsWith('$((', start)) {
      this.#index = this.#skipBalanced(start + 1, '(', ')');
      this.#expandingBody('arithmetic', start, 3, ')');
    } else if (source.startsWith('$(', start)) {
      this.#index = this.#substitute(start + 2);
    } else if (source.startsWith('${', start)) {
      this.#index = this.#skipBalanced(start + 1, '{', '}');
      const text = source.slice(start, this.#index);
      if (!PLAIN_BRACED.test(text)) this.#expandingBody('parameter-expansion', start, 2, '}');
    } else if (source.startsWith('$[', start)) {
      this.#index = this.#skipBalanced(start + 1, '[', ']');
      this.#expandingBody('arithmetic', start, 2, ']');
    } else if (/[A-Za-z_]/.test(next)) {
      this.#index = start + 1 + /^[A-Za-z0-9_]*/.exec(source.slice(start + 1, start + 257))![0].length;
    } else if (/[0-9@*#?$!-]/.test(next)) {
      this.#index = start + 2;
    } else {
      this.#index = start + 1;
      return '$';
    }
    this.#sawExpansion = true;
    return source.slice(start, this.#index);
  }

  /** Records a construct and finds the substitutions inside its body (they run too). */
  #expandingBody(kind: ShellConstruct['kind'], start: number, open: number, closing: string): void {
    const text = this.#source.slice(start, this.#index);
    this.#record(kind, text);
    const closed = text.length > open && text.endsWith(closing);
    if (!closed) this.#record('unterminated', text);
    this.#collectSubstitutions(text.slice(open, closed ? -1 : undefined));
  }

  /** Lexes a `$(`/`<(` body starting at `bodyStart`; returns the index past its `)`. */
  #substitute(bodyStart: number): number {
    if (this.#nesting + 1 > MAX_SUBSTITUTION_NESTING) throw new ShellNestingError();
    const inner = new Lexer(this.#source, bodyStart, this.#nesting + 1).run(true);
    this.#substitutions.push(inner.tokens, ...inner.substitutions);
    this.#record('command-substitution', this.#source.slice(bodyStart - 2, inner.end));
    if (!inner.closed) this.#record('unterminated', this.#source.slice(bodyStart - 2, inner.end));
    return inner.end;
  }

  /** Lexes a backtick body starting at the opening backtick; returns the index past the closing one. */
  #backtick(open: number): number {
    const source = this.#source;
    let body = '';
    let index = open + 1;
    while (index < source.length && source[index] !== '`') {
      if (source[index] === '\\' && '`$\\'.includes(source[index + 1] ?? '')) {
        body += source[index + 1];
        index += 2;
      } else {
        body += source[index];
        index += 1;
      }
    }
    const inner = lexShell(body, 0, false, this.#nesting + 1);
    this.#substitutions.push(inner.tokens, ...inner.substitutions);
    this.#record('command-substitution', source.slice(open, index + 1));
    if (index >= source.length) this.#record('unterminated', source.slice(open));
    return Math.min(index + 1, source.length);
  }

  #skipBalanced(open: number, opening: string, closing: string): number {
    const source = this.#source;
    let depth = 0;
    for (let index = open; index < source.length; index += 1) {
      const char = source[index];
      if (char === '\\') index += 1;
      else if (char === opening) depth += 1;
      else if (char === closing) {
        depth -= 1;
        if (depth === 0) return index + 1;
      }
    }
    return source.length;
  }
}
