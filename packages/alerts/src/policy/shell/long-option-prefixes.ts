import { basename } from './program-names.js';

/**
 * Long options spelled as unambiguous prefixes (`git log --outp=...`, `sort --o=...`,
 * `make --ev=...`): git, GNU getopt, npm and argparse accept them, so the checks are run
 * on the argument vector with these prefixes written out.
 */

type Argv = readonly string[];

/** Per program, the long options the checks look for that its parser accepts abbreviated. */
const OPTIONS: ReadonlyMap<string, readonly string[]> = new Map([
  [
    'git',
    [
      'output',
      'open-files-in-pager',
      'upload-pack',
      'receive-pack',
      'exec',
      'exec-path',
      'config-env',
      'discard-changes',
      'orphan',
      'force',
      'force-create',
      'delete',
      'mirror',
      'hard',
    ],
  ],
  ['sort', ['output', 'compress-program']],
  ['make', ['eval', 'file', 'makefile', 'directory', 'include-dir']],
  ['gmake', ['eval', 'file', 'makefile', 'directory', 'include-dir']],
  ['sed', ['in-place', 'expression', 'file']],
  [
    'tar',
    [
      'to-command',
      'checkpoint-action',
      'use-compress-program',
      'info-script',
      'new-volume-script',
      'rsh-command',
      'extract',
    ],
  ],
  ['rsync', ['rsh', 'rsync-path']],
  ['date', ['set']],
  [
    'npm',
    ['script-shell', 'node-options', 'userconfig', 'globalconfig', 'prefix', 'registry', 'workspace', 'call'],
  ],
  [
    'pytest',
    ['override-ini', 'basetemp', 'rootdir', 'confcutdir', 'pdbcls', 'config-file', 'junit-xml', 'debug'],
  ],
]);
const LONG = /^--([A-Za-z][\w-]*)(=[\s\S]*)?$/;

/** `argv` with abbreviated long options written out, or `argv` itself when there are none. */
export function expandLongOptionPrefixes(argv: Argv): Argv {
  const program = basename(argv[0] ?? '');
  const names = OPTIONS.get(program === 'py.test' ? 'pytest' : program);
  if (names === undefined) return argv;
  let changed = false;
  const expanded = argv.map((arg, index) => {
    if (index === 0 || arg === '--') return arg;
    const match = LONG.exec(arg);
    if (match === null || names.includes(match[1]!)) return arg;
    const candidates = names.filter((name) => name.startsWith(match[1]!));
    // An ambiguous prefix is refused by the program's own parser.
    if (candidates.length !== 1) return arg;
    const full = candidates[0]!;
    changed = true;
    return `--${full}${match[2] ?? ''}`;
  });
  return changed ? expanded : argv;
}
