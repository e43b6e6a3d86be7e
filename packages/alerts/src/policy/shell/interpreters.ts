import type { UnwrapStep } from './unwrap-step.js';

/**
 * Inline code given to a scripting language (`python -c`, `perl -e`, `node -e`, an `awk`
 * program) cannot be judged by a shell parser. What can be seen are the string literals
 * it holds: `os.system('rm -rf /')` or `system("rm -rf /")` carry the command as text, so
 * each literal is checked as a shell script. Code that builds its command, or deletes
 * through the language's own file API (`shutil.rmtree('/')`), is not caught.
 */

/** Flags after which the next argument (or the rest of the same one) is inline code. */
const INLINE_CODE: ReadonlyMap<string, RegExp> = new Map([
  ...['python', 'python2', 'python3', 'pypy', 'pypy3'].map((name) => [name, /^-[a-zA-Z]*c$/] as const),
  ...['perl', 'ruby'].map((name) => [name, /^-[a-zA-Z]*[eE]$/] as const),
  ...['node', 'nodejs', 'bun', 'deno'].map((name) => [name, /^(?:-[ep]|--eval|--print|eval)$/] as const),
  ['php', /^-r$/],
  ['lua', /^-e$/],
  ['tclsh', /^-c$/],
]);
const AWKS = new Set(['awk', 'gawk', 'mawk', 'nawk', 'busybox-awk']);
const STRING_LITERAL = /"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|`((?:[^`\\]|\\.)*)`/g;
/** At most this many literals are checked per program. */
const MAX_LITERALS = 64;

function literalsOf(code: string): string[] {
  const literals: string[] = [];
  for (const match of code.matchAll(STRING_LITERAL)) {
    const text = (match[1] ?? match[2] ?? match[3] ?? '').replace(/\\(["'`\\])/g, '$1');
    if (text.trim() !== '') literals.push(text);
    if (literals.length >= MAX_LITERALS) break;
  }
  return literals;
}

/** The inline programs of `argv` when it is a scripting language given code on its command line. */
function inlineCode(name: string, argv: readonly string[]): string[] {
  if (AWKS.has(name)) {
    for (let index = 1; index < argv.length; index += 1) {
      const arg = argv[index]!;
      if (arg === '-f') return [];
      if (arg === '-v' || arg === '-F') index += 1;
      else if (!arg.startsWith('-')) return [arg];
    }
    return [];
  }
  const flag = INLINE_CODE.get(name);
  if (flag === undefined) return [];
  const code: string[] = [];
  for (let index = 1; index < argv.length - 1; index += 1) {
    if (flag.test(argv[index]!)) code.push(argv[index + 1]!);
  }
  return code;
}

/** The string literals of inline code, to be checked as shell scripts; `undefined` for other commands. */
export function unwrapInterpreter(name: string, argv: readonly string[]): UnwrapStep | undefined {
  const known = INLINE_CODE.has(name) || AWKS.has(name);
  const code = inlineCode(known ? name : name.replace(/[\d.]+$/, ''), argv);
  if (code.length === 0) return undefined;
  return { scripts: code.flatMap(literalsOf) };
}
