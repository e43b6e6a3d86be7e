import { quoteArgv } from './command-line.js';
import { elsewhere } from './project-escape.js';

/**
 * Settings a shell tool takes next to the command (`{ command: 'make', cwd: '/tmp/x' }`,
 * `{ command: 'ls', env: { LD_PRELOAD: '...' } }`), written as the shell text that has the
 * same effect (`cd -- '/tmp/x' && make`, `LD_PRELOAD='...'; ls`), so the checks of a cd out
 * of the project and of code-loading variables apply to them.
 */

const DIRECTORY_PROPERTIES = ['cwd', 'workdir', 'working_directory', 'workingDirectory', 'dir', 'directory'];
const ENVIRONMENT_PROPERTIES = ['env', 'environment'];
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export type InputSettings = { readonly prefix: string } | { readonly problem: string };

/** The `NAME=value` pairs of an environment given as an object or as a list of `NAME=value` strings. */
function pairsOf(value: unknown): [string, string][] | undefined {
  if (Array.isArray(value)) {
    if (!value.every((item) => typeof item === 'string')) return undefined;
    return value.map((item: string) => {
      const equals = item.indexOf('=');
      return equals < 0 ? [item, ''] : [item.slice(0, equals), item.slice(equals + 1)];
    });
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const pairs: [string, string][] = [];
  for (const key of Object.keys(value)) {
    const entry = (value as Record<string, unknown>)[key];
    if (typeof entry !== 'string' && typeof entry !== 'number' && typeof entry !== 'boolean')
      return undefined;
    pairs.push([key, String(entry)]);
  }
  return pairs;
}

/** The shell text to put before each command line of `record`, or why its settings cannot be verified. */
export function inputSettingsOf(record: Record<string, unknown>): InputSettings {
  let prefix = '';
  for (const name of ENVIRONMENT_PROPERTIES) {
    if (!Object.hasOwn(record, name) || record[name] === undefined || record[name] === null) continue;
    const pairs = pairsOf(record[name]);
    if (pairs === undefined) return { problem: `the input's ${name} is not a map of names to text` };
    for (const [key, value] of pairs) {
      // `BASH_FUNC_ls%%` and other names the shell cannot assign define functions or are not variables.
      if (!NAME.test(key)) return { problem: `the input's ${name} sets a name that is not a variable` };
      prefix += `${key}=${quoteArgv([value])}; `;
    }
  }
  for (const name of DIRECTORY_PROPERTIES) {
    if (!Object.hasOwn(record, name) || record[name] === undefined || record[name] === null) continue;
    const directory = record[name];
    if (typeof directory !== 'string') return { problem: `the input's ${name} is not text` };
    // An absolute working directory is how tools name the project itself (`/repo`): only a
    // temporary, system or home directory is known to lie elsewhere.
    if (directory.startsWith('/') && !elsewhere(directory)) continue;
    prefix += `cd -- ${quoteArgv([directory])} && `;
  }
  return { prefix };
}
