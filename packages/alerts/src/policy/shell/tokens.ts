/** Tokens and limits of the shell lexer. */

/** A shell word after quote removal. `raw` is the source text; `quoted` if any quoting or escaping was used. */
export interface WordToken {
  readonly kind: 'word';
  readonly value: string;
  readonly raw: string;
  readonly quoted: boolean;
  /** Holds an expansion whose value is known only at run time (`$x`, `${x}`, `$(...)`, backticks). */
  readonly dynamic?: boolean;
  /** Holds an unquoted glob character (`*`, `?`, `[`) or brace (`{`, `}`): the shell may turn it into other words. */
  readonly pattern?: boolean;
}

/** A control operator: `;` `&` `&&` `||` `|` `|&` `(` `)` `;;` `;&` `;;&` or a newline. */
export interface OperatorToken {
  readonly kind: 'operator';
  readonly operator: string;
}

/** A redirection with its target; a here-document or here-string carries the text it feeds. */
export interface RedirectToken {
  readonly kind: 'redirect';
  readonly operator: string;
  readonly target: string;
  /** Text fed on standard input by `<<`, `<<-` or `<<<`. */
  input?: string;
}

export type ShellToken = WordToken | OperatorToken | RedirectToken;

/**
 * A construct whose effect the text alone does not tell: a command, process or backtick
 * substitution, arithmetic (which can run commands through array subscripts), a parameter
 * expansion with an operator (`${x:-...}`, `${!x}`, `${x@P}`), or text the lexer could not
 * close (an unterminated quote or substitution).
 */
export interface ShellConstruct {
  readonly kind: 'command-substitution' | 'arithmetic' | 'parameter-expansion' | 'unterminated';
  readonly text: string;
}

export interface LexResult {
  readonly tokens: readonly ShellToken[];
  /** Token lists of every command, process and backtick substitution, at any depth. */
  readonly substitutions: readonly (readonly ShellToken[])[];
  /** Index just past the closing `)` when lexing a `$(...)` body, else the source length. */
  readonly end: number;
  /** Dynamic constructs found anywhere in the text, substitution bodies and expanding here-documents included. */
  readonly constructs: readonly ShellConstruct[];
}

/** Substitutions nested deeper than this are refused rather than risking the stack. */
export const MAX_SUBSTITUTION_NESTING = 64;

/** Thrown by `lexShell` for input nested beyond `MAX_SUBSTITUTION_NESTING`. */
export class ShellNestingError extends Error {
  override readonly name = 'ShellNestingError';
  constructor() {
    super(`shell substitutions nested deeper than ${MAX_SUBSTITUTION_NESTING} levels`);
  }
}
