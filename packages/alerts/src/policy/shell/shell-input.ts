import { quoteArgv } from './command-line.js';
import { inputSettingsOf } from './input-settings.js';

/**
 * The command lines a shell tool will run, read from its decoded input: a string as is;
 * an argument vector (`['git', 'status']`) both joined with spaces and quoted word by word
 * (a tool may do either, and both readings must pass); an object's command property
 * (`{ command: 'ls' }`, or the configured `argument`), followed by the strings of an
 * `args`/`argv` array when there is one. Anything else cannot be verified.
 */

/** Properties read when the policy names no argument (`input` only when none of the others is present). */
export const COMMAND_PROPERTIES = Object.freeze([
  'command',
  'cmd',
  'script',
  'commandLine',
  'command_line',
  'input',
  'code',
]);
const ARGUMENT_PROPERTIES = ['args', 'argv', 'arguments'];

export type CommandLines = { readonly lines: readonly string[] } | { readonly problem: string };

const isStrings = (value: unknown): value is readonly string[] =>
  Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string');

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function linesOfValue(value: unknown, extra: readonly string[]): CommandLines | undefined {
  if (typeof value === 'string') {
    return {
      lines: extra.length === 0 ? [value] : [`${value} ${extra.join(' ')}`, `${value} ${quoteArgv(extra)}`],
    };
  }
  if (isStrings(value)) {
    const argv = [...value, ...extra];
    return { lines: argv.length === 1 ? [argv[0]!] : [argv.join(' '), quoteArgv(argv)] };
  }
  return undefined;
}

function readPath(record: Record<string, unknown>, path: readonly string[]): unknown {
  let current: unknown = record;
  for (const segment of path) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

function linesOfObject(record: Record<string, unknown>, path: readonly string[] | undefined): CommandLines {
  let values: unknown[];
  if (path !== undefined) values = [readPath(record, path)].filter((value) => value !== undefined);
  else {
    // Every command-like property is checked: the policy cannot know which one the tool runs.
    const present = COMMAND_PROPERTIES.filter((name) => name !== 'input' && Object.hasOwn(record, name));
    values = (
      present.length > 0 ? present : COMMAND_PROPERTIES.filter((name) => Object.hasOwn(record, name))
    ).map((name) => record[name]);
  }
  if (values.length === 0) {
    return {
      problem: `the input has no command (${path === undefined ? COMMAND_PROPERTIES.join(', ') : path.join('.')})`,
    };
  }
  const extraKey = ARGUMENT_PROPERTIES.find((name) => Object.hasOwn(record, name));
  const extraValue = extraKey === undefined ? undefined : record[extraKey];
  if (
    extraValue !== undefined &&
    !isStrings(extraValue) &&
    !(Array.isArray(extraValue) && extraValue.length === 0)
  ) {
    return { problem: `the input's ${extraKey} is not a list of strings` };
  }
  const settings = inputSettingsOf(record);
  if ('problem' in settings) return settings;
  const lines: string[] = [];
  for (const value of values) {
    const found = linesOfValue(value, isStrings(extraValue) ? extraValue : []);
    if (found === undefined || 'problem' in found)
      return { problem: 'the command is not text or a list of strings' };
    lines.push(...found.lines.map((line) => settings.prefix + line));
  }
  return { lines };
}

/** The command lines in a shell tool's decoded input, or why there are none that can be verified. */
export function commandLinesOf(input: unknown, path: readonly string[] | undefined): CommandLines {
  if (input === undefined) return { problem: 'the call carries no command' };
  if (isRecord(input)) return linesOfObject(input, path);
  const direct = linesOfValue(input, []);
  if (direct !== undefined) return direct;
  if (Array.isArray(input)) {
    const first = input[0];
    if (isRecord(first)) return linesOfObject(first, path);
    const strings = input.filter((item): item is string => typeof item === 'string');
    const direct = typeof first === 'string' ? linesOfValue(strings, []) : undefined;
    if (direct !== undefined) return direct;
  }
  return { problem: 'the input is not a command line' };
}
