import { isCriticalPath, normalizePath } from './critical-paths.js';
import { isSystemFile } from './destructive-programs.js';
import { shownName as short } from './shown-name.js';

/**
 * Options that point a write somewhere it should not go (`--outDir=/`, `--outFile
 * ~/.bashrc`, `go build -o /usr/bin/ls`), and script operands from outside the project.
 */

/** Programs that only read what they are given, so reading standard input as a file (`-`, `/dev/stdin`) is data. */
export const TEXT_READERS = new Set([
  'ls',
  'cat',
  'head',
  'tail',
  'wc',
  'grep',
  'egrep',
  'fgrep',
  'rg',
  'sort',
  'uniq',
  'cut',
  'tr',
  'diff',
  'cmp',
  'jq',
  'sed',
  'awk',
  'gawk',
  'mawk',
  'tee',
  'base64',
  'xxd',
  'od',
  'hexdump',
  'less',
  'more',
  'md5sum',
  'sha1sum',
  'sha256sum',
  'sha512sum',
  'file',
  'strings',
  'column',
  'paste',
  'join',
  'comm',
  'nl',
  'fold',
  'fmt',
  'iconv',
  'git',
  'curl',
  'echo',
  'printf',
  'yq',
  'xmllint',
  'tac',
  'rev',
]);
/** Option names that choose where a program writes, empties or looks for code. */
const OUTPUT_OPTION =
  /out|dir|file|dest|target|prefix|report|log|cache|te?mp|root|path|base|xml|html|json|debug|trace|junit|dump|save|export|write|profile|hsts|etag|alt-svc/i;
const COMPILERS = new Set([
  'go',
  'gcc',
  'cc',
  'clang',
  'clang++',
  'g++',
  'c++',
  'rustc',
  'ld',
  'as',
  'zig',
  'nasm',
]);

/** True when writing to `path` reaches outside the working directory (absolute outside /tmp, ~, ..). */
function outsideWorkingDirectory(path: string): boolean {
  if (path === '' || /^\/dev\/(?:null|stdout|stderr)$/.test(path)) return false;
  const { path: normalized } = normalizePath(path);
  if (normalized.startsWith('/')) return !/^\/tmp\/./.test(normalized);
  return (
    normalized.startsWith('~') || normalized === '..' || normalized.startsWith('../') || /[$`]/.test(path)
  );
}

/** Why an option of `argv` points a write at a system, home or outside directory, or undefined. */
export function optionWritesOutside(argv: readonly string[]): string | undefined {
  const program = (argv[0] ?? '').slice((argv[0] ?? '').lastIndexOf('/') + 1);
  const reader = TEXT_READERS.has(program);
  for (let index = 1; index < argv.length; index += 1) {
    const arg = argv[index]!;
    const attachedOutput = /^-o([/~.][\s\S]*)$/.exec(arg);
    if (attachedOutput !== null && !reader && outsideWorkingDirectory(attachedOutput[1]!))
      return `${short(program)} -o writes outside the working directory`;
    const long = /^--?([A-Za-z][\w.-]*)(?:=([\s\S]*))?$/.exec(arg);
    if (long === null) continue;
    const [, name, attached] = long;
    // `--name value` and Go-style `-name value`, for names that choose an output.
    const spaced =
      attached === undefined && name!.length >= 3 && OUTPUT_OPTION.test(name!) ? argv[index + 1] : undefined;
    const value = attached ?? spaced;
    if (value === undefined) {
      // `-o VALUE` is an output file for compilers, linters and most tools (`eslint -o`).
      const next = argv[index + 1] ?? '';
      if (
        arg === '-o' &&
        !reader &&
        (COMPILERS.has(program) || /^[/~]|\.\./.test(next)) &&
        outsideWorkingDirectory(next)
      )
        return `${short(program)} -o writes outside the working directory`;
      continue;
    }
    if (
      value !== '' &&
      !/^[-.]$/.test(value) &&
      isCriticalPath(value) &&
      (OUTPUT_OPTION.test(name!) || /^[/~]/.test(value))
    )
      return `option --${short(name!)} points at a root, system or home directory`;
    if (isSystemFile(value)) return `option --${short(name!)} points at a system file`;
    if (!reader && OUTPUT_OPTION.test(name!) && outsideWorkingDirectory(value))
      return `option --${short(name!)} writes outside the working directory`;
  }
  return undefined;
}

/** True when a script operand lies outside the project (absolute, ~, .., node_modules). */
export function outsideScript(script: string): boolean {
  if (script.includes('node_modules/') || script.startsWith('~')) return true;
  const { path } = normalizePath(script);
  return path.startsWith('/') || path === '..' || path.startsWith('../');
}
