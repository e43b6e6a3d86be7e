/** Shell builtins that run text as commands or change what later command names mean. */

type Argv = readonly string[];

/** Builtins that change what later command names run, or run text as commands. */
const REDEFINING = new Map<string, string>([
  ['eval', 'eval runs text as commands'],
  ['source', 'source runs the commands of a file the policy cannot read'],
  ['.', '. (source) runs the commands of a file the policy cannot read'],
  ['alias', 'alias changes what a command name runs'],
  ['unalias', 'unalias changes what a command name runs'],
  ['enable', 'enable loads or disables shell builtins'],
  ['bind', 'bind can attach commands to keys'],
  ['complete', 'complete can register commands to run'],
  ['compgen', 'compgen can run commands'],
  ['shopt', 'shopt changes how the shell reads commands (aliases, globs)'],
  ['fc', 'fc re-runs commands from the history'],
  ['history', 'history can change what fc re-runs'],
  ['mapfile', 'mapfile -C runs a callback'],
  ['readarray', 'readarray -C runs a callback'],
]);

/** Why a builtin runs text or redefines names, or undefined. `hash -p`, `set -o`, `mapfile -C`; plain `hash`, `set -e` are fine. */
export function redefinesNames(argv: Argv): string | undefined {
  const name = argv[0] ?? '';
  if (name === 'hash')
    return argv.some((arg) => /^-[a-zA-Z]*p/.test(arg))
      ? 'hash -p makes a command name run another program'
      : undefined;
  if (name === 'mapfile' || name === 'readarray')
    return argv.some((arg) => /^-[a-zA-Z]*C/.test(arg)) ? REDEFINING.get(name) : undefined;
  if (name === 'history')
    return argv.some((arg) => /^-[a-zA-Z]*[sr]/.test(arg)) ? REDEFINING.get(name) : undefined;
  if (
    ['export', 'declare', 'typeset', 'local', 'readonly'].includes(name) &&
    argv.some((arg) => /^-[a-zA-Z]*[fn]/.test(arg))
  )
    return `${name} -f/-n exports functions or creates references`;
  return REDEFINING.get(name);
}
