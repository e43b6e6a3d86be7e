/**
 * How a scripting language or shell is told what code to run: inline on its command line
 * (`python3 -c`, `node --eval=`, `perl -e`), from standard input (no script operand, `-`,
 * `/dev/stdin`), or from a script file. Inline and standard-input code cannot be checked
 * by a shell policy; a script file is as trusted as the program that runs it.
 */

/** What an interpreter invocation runs. */
export interface InterpreterUse {
  /** The option that carries inline code (`-c`, `--eval`, `-e`), when there is one. */
  readonly inline?: string;
  /** True when the code is read from standard input (or the interpreter starts interactively). */
  readonly readsStdin: boolean;
  /** For a POSIX shell given `-c`: the script, which the policy parses in turn. */
  readonly shellScript?: string;
  /** The script file it runs, when it runs one. */
  readonly script?: string;
  /** False for programs that, given no input, do nothing (database shells); otherwise they start interactively. */
  readonly interactive?: boolean;
}

interface Family {
  /** Options that print something and exit (`--version`, `--help`). */
  readonly infoOptions?: readonly string[];
  /** Options that make it find files of its own to run (`node --test`): no script operand then means no stdin. */
  readonly ownFilesOptions?: readonly string[];
  /** Single-letter options that carry inline code (attached or as the next argument). */
  readonly inlineLetters: string;
  /** Long options that carry inline code (`--eval`, `--eval=...`). */
  readonly inlineLong: readonly string[];
  /** Single-letter options that take a value (attached or as the next argument). */
  readonly valueLetters: string;
  /** Long options that take a value as the next argument when written without `=`. */
  readonly valueLong: readonly string[];
  /** Options whose value is code when it is a data: URL or a stdin path (`node --import`). */
  readonly loaders?: readonly string[];
  /** Single-letter options after which the next operand is a module, not a script file. */
  readonly moduleLetters?: string;
  /** Words that act as a subcommand taking inline code (`deno eval`). */
  readonly inlineSubcommands?: readonly string[];
  /** Options may start with `/` (cmd.exe) or are case-insensitive (PowerShell). */
  readonly caseInsensitive?: boolean;
}

const PYTHON: Family = {
  infoOptions: ['-V', '-VV', '--version', '-h', '--help', '-?'],
  inlineLetters: 'c',
  inlineLong: [],
  valueLetters: 'WXQ',
  valueLong: ['check-hash-based-pycs'],
  moduleLetters: 'm',
};
const NODE: Family = {
  infoOptions: ['-v', '--version', '-h', '--help', '--v8-options'],
  ownFilesOptions: ['--test', '--run'],
  inlineLetters: 'ep',
  inlineLong: ['eval', 'print'],
  valueLetters: 'rC',
  valueLong: [
    'require',
    'import',
    'loader',
    'experimental-loader',
    'input-type',
    'env-file',
    'conditions',
    'title',
    'inspect-port',
    'redirect-warnings',
    'disable-warning',
    'watch-path',
    'test-name-pattern',
    'test-reporter',
    'test-reporter-destination',
    'cpu-prof-dir',
    'heap-prof-dir',
    'diagnostic-dir',
    'report-dir',
  ],
  loaders: ['r', 'require', 'import', 'loader', 'experimental-loader', 'test-reporter'],
  inlineSubcommands: ['eval'],
};
const PERL: Family = {
  infoOptions: ['-v', '-V', '--version', '-h', '--help'],
  inlineLetters: 'eE',
  inlineLong: [],
  valueLetters: 'IMmCdDxil0',
  valueLong: [],
};
const RUBY: Family = {
  infoOptions: ['-v', '--version', '-h', '--help'],
  inlineLetters: 'e',
  inlineLong: [],
  valueLetters: 'IrCEFx0',
  valueLong: [],
};
const PHP: Family = { inlineLetters: 'rBRFE', inlineLong: [], valueLetters: 'cdzt', valueLong: [] };
const LUA: Family = { inlineLetters: 'e', inlineLong: [], valueLetters: 'l', valueLong: [] };
const R_LANG: Family = { inlineLetters: 'e', inlineLong: [], valueLetters: '', valueLong: [] };
const JULIA: Family = {
  inlineLetters: 'eE',
  inlineLong: ['eval', 'print'],
  valueLetters: 'LJCp',
  valueLong: [],
};
const OSASCRIPT: Family = { inlineLetters: 'e', inlineLong: [], valueLetters: 'lis', valueLong: [] };
const EXPECT: Family = { inlineLetters: 'c', inlineLong: [], valueLetters: '', valueLong: [] };
const DC: Family = { inlineLetters: 'e', inlineLong: ['expression'], valueLetters: 'f', valueLong: ['file'] };
const VIM: Family = {
  inlineLetters: 'cSs',
  inlineLong: ['cmd', 'eval'],
  valueLetters: 'uUiTwWr',
  valueLong: [],
};
const POWERSHELL: Family = {
  inlineLetters: 'c',
  inlineLong: ['command', 'encodedcommand', 'ec', 'e', 'en', 'enc', 'c', 'commandwithargs', 'cwa'],
  valueLetters: '',
  valueLong: ['executionpolicy', 'ex', 'ep', 'configurationname', 'workingdirectory', 'wd', 'settingsfile'],
  caseInsensitive: true,
};

const FAMILIES: ReadonlyMap<string, Family> = new Map<string, Family>([
  ...['python', 'python2', 'python3', 'pypy', 'pypy3', 'ipython', 'ipython3'].map(
    (n) => [n, PYTHON] as const,
  ),
  ...['node', 'nodejs', 'bun', 'deno', 'tsx', 'ts-node'].map((n) => [n, NODE] as const),
  ['perl', PERL],
  ['ruby', RUBY],
  ['irb', RUBY],
  ['php', PHP],
  ...['lua', 'luajit'].map((n) => [n, LUA] as const),
  ...['rscript', 'r'].map((n) => [n, R_LANG] as const),
  ['julia', JULIA],
  ['osascript', OSASCRIPT],
  ...['expect', 'tclsh', 'wish'].map((n) => [n, EXPECT] as const),
  ['dc', DC],
  ...['vim', 'vi', 'nvim', 'view', 'ex', 'vimdiff', 'emacs'].map((n) => [n, VIM] as const),
  ...['pwsh', 'powershell'].map((n) => [n, POWERSHELL] as const),
]);

const POSIX_SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'mksh', 'ash', 'rbash', 'posh', 'yash']);
const OTHER_SHELLS = new Set(['fish', 'csh', 'tcsh', 'xonsh', 'nu', 'elvish', 'busybox-sh']);
/** Programs that read commands from standard input only (line editors, REPLs, database shells). */
const STDIN_ONLY = new Set([
  'ed',
  'red',
  'jshell',
  'ghci',
  'gdb',
  'lldb',
  'sqlite3',
  'psql',
  'mysql',
  'mariadb',
]);
const DATABASE_SHELLS = new Set(['sqlite3', 'psql', 'mysql', 'mariadb']);

/** Paths that name standard input or another already-open descriptor. */
export const STDIN_PATH = /^(?:-|\/dev\/(?:stdin|fd\/\d+|tcp\/|udp\/)|\/proc\/[^/]+\/fd\/\d+)/;

/** Lower-cased program name without directory, `.exe` suffix or version (`python3.12` → `python3`). */
export const interpreterKey = (name: string): string => {
  const base = name
    .slice(name.lastIndexOf('/') + 1)
    .toLowerCase()
    .replace(/\.exe$/, '');
  if (FAMILIES.has(base) || POSIX_SHELLS.has(base)) return base;
  const unversioned = base.replace(/[-.]?\d+(?:\.\d+)*$/, '');
  return FAMILIES.has(unversioned) || POSIX_SHELLS.has(unversioned) ? unversioned : base;
};

export const isPosixShell = (name: string): boolean => POSIX_SHELLS.has(interpreterKey(name));

/** True for a program this module knows to run code (shell, scripting language, editor, REPL). */
export const isInterpreter = (name: string): boolean => {
  const key = interpreterKey(name);
  return FAMILIES.has(key) || POSIX_SHELLS.has(key) || OTHER_SHELLS.has(key) || STDIN_ONLY.has(key);
};

function posixShellUse(argv: readonly string[]): InterpreterUse {
  for (let index = 1; index < argv.length; index += 1) {
    const arg = argv[index]!;
    if (arg === '--version' || arg === '--help') return { readsStdin: false };
    if (arg === '--' || arg === '-') return { readsStdin: arg === '-' || argv[index + 1] === undefined };
    if (arg === '--command' || arg.startsWith('--command=')) {
      const script = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[index + 1];
      return { inline: '--command', readsStdin: false, shellScript: script ?? '' };
    }
    if (arg.startsWith('--')) {
      if (['--rcfile', '--init-file'].includes(arg)) index += 1;
      continue;
    }
    if (/^[-+]/.test(arg) && arg.length > 1) {
      const letters = arg.slice(1);
      if (letters.includes('c')) {
        const script = argv[index + 1 + (letters.includes('o') || letters.includes('O') ? 1 : 0)];
        return { inline: `${arg[0]}c`, readsStdin: false, shellScript: script ?? '' };
      }
      if (letters.includes('s')) return { readsStdin: true };
      if (/[oO]/.test(letters)) index += 1;
      continue;
    }
    return STDIN_PATH.test(arg) ? { readsStdin: true } : { readsStdin: false, script: arg };
  }
  return { readsStdin: true };
}

function familyUse(family: Family, argv: readonly string[]): InterpreterUse {
  let ownFiles = false;
  for (let index = 1; index < argv.length; index += 1) {
    let arg = argv[index]!;
    if (family.caseInsensitive) arg = arg.toLowerCase().replace(/^\//, '-');
    if (arg === '--') {
      const script = argv[index + 1];
      if (script === undefined || STDIN_PATH.test(script)) return { readsStdin: true };
      return { readsStdin: false, script };
    }
    if (arg === '-') return { readsStdin: true };
    if (family.infoOptions?.includes(arg)) return { readsStdin: false };
    if (family.ownFilesOptions?.includes(arg)) {
      ownFiles = true;
      continue;
    }
    if (family.inlineSubcommands?.includes(arg)) return { inline: arg, readsStdin: false };
    if (arg.startsWith('--') || (family.caseInsensitive && arg.startsWith('-') && arg.length > 2)) {
      const equals = arg.indexOf('=');
      const name = arg
        .replace(/^--?/, '')
        .slice(0, equals === -1 ? undefined : equals - (arg.startsWith('--') ? 2 : 1));
      if (family.inlineLong.includes(name)) return { inline: `--${name}`, readsStdin: false };
      const value = equals === -1 ? argv[index + 1] : arg.slice(equals + 1);
      if (
        family.loaders?.includes(name) &&
        value !== undefined &&
        /^(?:data:|https?:|\/dev\/|\/proc\/|-$)/.test(value)
      )
        return { inline: `--${name}`, readsStdin: false };
      if (equals === -1 && family.valueLong.includes(name)) index += 1;
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      for (let letter = 1; letter < arg.length; letter += 1) {
        const char = arg[letter]!;
        if (family.inlineLetters.includes(char)) return { inline: `-${char}`, readsStdin: false };
        if (family.moduleLetters?.includes(char)) return { readsStdin: false };
        if (family.valueLetters.includes(char)) {
          const attached = arg.slice(letter + 1);
          const value = attached === '' ? argv[index + 1] : attached;
          if (
            family.loaders?.includes(char) &&
            value !== undefined &&
            /^(?:data:|\/dev\/|\/proc\/)/.test(value)
          )
            return { inline: `-${char}`, readsStdin: false };
          if (attached === '') index += 1;
          break;
        }
      }
      continue;
    }
    return STDIN_PATH.test(arg) ? { readsStdin: true } : { readsStdin: false, script: argv[index]! };
  }
  return { readsStdin: !ownFiles };
}

/** Database shells and line editors: shell escapes in their arguments count as inline code. */
const SHELL_ESCAPE = /\\!|^\s*!|\.(?:shell|system|once|output|excel|import|load|read)\b|\bsystem\b/;

/**
 * What `argv` runs when it is a known interpreter, `undefined` for any other program.
 */
export function interpreterUse(argv: readonly string[]): InterpreterUse | undefined {
  const key = interpreterKey(argv[0] ?? '');
  if (POSIX_SHELLS.has(key)) return posixShellUse(argv);
  if (key === 'cmd') {
    const flag = argv.slice(1).find((arg) => /^\/[ck]$/i.test(arg));
    return flag === undefined ? { readsStdin: true } : { inline: flag, readsStdin: false };
  }
  if (OTHER_SHELLS.has(key)) {
    const flag = argv.slice(1).find((arg) => /^-[a-z]*c/.test(arg) || arg === '--command');
    if (flag !== undefined) return { inline: flag, readsStdin: false };
    const script = argv.slice(1).find((arg) => !arg.startsWith('-'));
    return { readsStdin: script === undefined || STDIN_PATH.test(script) };
  }
  if (STDIN_ONLY.has(key)) {
    const inline = argv
      .slice(1)
      .find((arg) => SHELL_ESCAPE.test(arg) || /^-(?:ex|x|batch|cmd|c|e)$/.test(arg));
    const interactive = !DATABASE_SHELLS.has(key);
    return inline === undefined
      ? { readsStdin: true, interactive }
      : { inline, readsStdin: true, interactive };
  }
  const family = FAMILIES.get(key);
  return family === undefined ? undefined : familyUse(family, argv);
}
