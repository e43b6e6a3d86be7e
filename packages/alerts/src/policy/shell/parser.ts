import type { RedirectToken, ShellToken, WordToken } from './lexer.js';

/** A simple command as written: its words, redirections and place in a pipeline. */
export interface RawCommand {
  readonly words: readonly WordToken[];
  readonly redirects: readonly RedirectToken[];
  /** Commands joined by `|` share a pipeline id; `stage` is the position in it. */
  readonly pipeline: number;
  readonly stage: number;
  /** Ended by `&`. */
  background: boolean;
  /** The function whose body holds this command, if any. */
  readonly functionName: string | undefined;
}

export interface ParsedScript {
  readonly commands: readonly RawCommand[];
  readonly functions: readonly string[];
}

/** Reserved words that may precede a command and are dropped. */
const PREFIX_WORDS = new Set([
  '!',
  'if',
  'then',
  'else',
  'elif',
  'fi',
  'while',
  'until',
  'do',
  'done',
  'esac',
]);
/** Reserved words that start a header whose words are not a command (`for x in ...`). */
const HEADER_WORDS = new Set(['for', 'select', 'case']);

interface OpenFunction {
  readonly name: string;
  readonly closer: '}' | ')';
  readonly level: number;
}

/**
 * Splits a token stream into simple commands. Compound syntax (`if`, `while`, `{ }`,
 * `( )`, `for` and `case` headers) is flattened: the commands inside are what runs.
 * Function definitions (`name() { ...; }`, `function name { ...; }`) are recorded so
 * the commands of a body know which function they belong to.
 */
export function parseTokens(tokens: readonly ShellToken[], nextPipeline: () => number): ParsedScript {
  const commands: RawCommand[] = [];
  const functions: string[] = [];
  const open: OpenFunction[] = [];
  let words: WordToken[] = [];
  let redirects: RedirectToken[] = [];
  let pipeline = nextPipeline();
  let stage = 0;
  let braceLevel = 0;
  let parenLevel = 0;
  let pendingFunction: string | undefined;
  let skippingHeader = false;

  const finish = (): RawCommand | undefined => {
    if (words.length === 0 && redirects.length === 0) return undefined;
    const command: RawCommand = {
      words,
      redirects,
      pipeline,
      stage,
      background: false,
      functionName: open.at(-1)?.name,
    };
    commands.push(command);
    words = [];
    redirects = [];
    return command;
  };
  const newPipeline = (): void => {
    pipeline = nextPipeline();
    stage = 0;
  };
  const defineFunction = (name: string): void => {
    pendingFunction = name;
    functions.push(name);
  };

  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index]!;
    if (token.kind === 'redirect') {
      if (!skippingHeader) redirects.push(token);
      continue;
    }
    if (token.kind === 'operator') {
      const next = tokens[index + 1];
      if (token.operator === '(') {
        const first = words[0];
        if (words.length === 1 && first !== undefined && !first.quoted && isOperator(next, ')')) {
          words = [];
          defineFunction(first.value);
          index += 1;
          continue;
        }
        finish();
        newPipeline();
        parenLevel += 1;
        if (pendingFunction !== undefined)
          open.push({ name: pendingFunction, closer: ')', level: parenLevel });
        pendingFunction = undefined;
        continue;
      }
      skippingHeader = false;
      const command = finish();
      if (token.operator === ')') {
        const top = open.at(-1);
        if (top?.closer === ')' && top.level === parenLevel) open.pop();
        parenLevel = Math.max(0, parenLevel - 1);
        newPipeline();
      } else if (token.operator === '|' || token.operator === '|&') {
        stage += 1;
      } else {
        if (token.operator === '&' && command !== undefined) command.background = true;
        newPipeline();
      }
      continue;
    }
    if (skippingHeader) continue;
    if (words.length === 0 && !token.quoted) {
      const word = token.value;
      if (PREFIX_WORDS.has(word)) continue;
      if (HEADER_WORDS.has(word)) {
        skippingHeader = true;
        continue;
      }
      if (word === '{') {
        braceLevel += 1;
        if (pendingFunction !== undefined)
          open.push({ name: pendingFunction, closer: '}', level: braceLevel });
        pendingFunction = undefined;
        continue;
      }
      if (word === '}') {
        const top = open.at(-1);
        if (top?.closer === '}' && top.level === braceLevel) open.pop();
        braceLevel = Math.max(0, braceLevel - 1);
        continue;
      }
      const name = tokens[index + 1];
      if (word === 'function' && name?.kind === 'word') {
        defineFunction(name.value);
        index += 1;
        if (isOperator(tokens[index + 1], '(') && isOperator(tokens[index + 2], ')')) index += 2;
        continue;
      }
      pendingFunction = undefined;
    }
    words.push(token);
  }
  finish();
  return { commands, functions };
}

function isOperator(token: ShellToken | undefined, operator: string): boolean {
  return token?.kind === 'operator' && token.operator === operator;
}
