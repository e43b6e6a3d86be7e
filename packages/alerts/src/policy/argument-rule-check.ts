import { diag } from '@opentelemetry/api';
import { collectValues, readArgument, splitArgumentPath } from './argument-values.js';
import type { ArgumentRule } from './policy-types.js';
import { normalizeShellCommand, quoteArgv } from './shell/command-line.js';

const logger = diag.createComponentLogger({ namespace: '@agentvitals/alerts/policy' });

/** Why an argument rule denied a call, or `undefined` when it did not. */
export type ArgumentDenial = string | undefined;

/** Per-evaluation memo of parsed command lines, shared by every shell rule of one call. */
export type ShellMemo = Map<string, readonly (readonly string[])[]>;

export interface CompiledArgumentRule {
  /** The rule identifier reported in a denial. */
  readonly id: string;
  check(args: readonly unknown[], memo: ShellMemo): ArgumentDenial;
}

/** A copy of `pattern` without the `g` and `y` flags, whose `lastIndex` state would make `test()` flaky. */
function compilePattern(pattern: RegExp | string | undefined): RegExp | undefined {
  if (pattern === undefined) return undefined;
  if (typeof pattern === 'string') return new RegExp(pattern);
  return new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ''));
}

function describe(rule: ArgumentRule, pattern: RegExp | undefined): string {
  if (rule.reason !== undefined) return rule.reason;
  const subject = rule.argument === undefined ? 'an argument' : `argument "${rule.argument}"`;
  if (pattern !== undefined) return `${subject} matches ${String(pattern)}`;
  return `${subject} is rejected by ${rule.name === undefined ? 'a predicate' : `predicate "${rule.name}"`}`;
}

function parseShell(line: string, memo: ShellMemo): readonly (readonly string[])[] {
  let commands = memo.get(line);
  if (commands === undefined) {
    commands = normalizeShellCommand(line);
    memo.set(line, commands);
  }
  return commands;
}

/** Compiles one validated rule: its pattern, its argument path and its reason, once. */
export function compileArgumentRule(rule: ArgumentRule, id: string): CompiledArgumentRule {
  const pattern = compilePattern(rule.pattern);
  const predicate = rule.predicate;
  const path = rule.argument === undefined ? undefined : splitArgumentPath(rule.argument);
  const reason = describe(rule, pattern);
  const shell = rule.shell === true;

  const runPredicate = (value: unknown, args: readonly unknown[]): ArgumentDenial => {
    if (predicate === undefined) return undefined;
    let verdict: unknown;
    try {
      verdict = predicate(value, args);
    } catch (error) {
      logger.warn(`argument rule ${id} threw; denying the call`, error);
      return `${reason} (the rule's predicate threw: ${error instanceof Error ? error.message : String(error)})`;
    }
    return verdict === true ? reason : undefined;
  };

  const checkText = (text: string, args: readonly unknown[], memo: ShellMemo, withPredicate: boolean) => {
    if (!shell) {
      if (pattern?.test(text)) return reason;
      return withPredicate ? runPredicate(text, args) : undefined;
    }
    for (const argv of parseShell(text, memo)) {
      if (pattern?.test(argv.join(' '))) return reason;
      const denial = runPredicate(argv, args);
      if (denial !== undefined) return denial;
    }
    return undefined;
  };

  return {
    id,
    check(args, memo) {
      let target: unknown = args;
      if (path !== undefined) {
        const read = readArgument(args, path);
        if (!read.found) return undefined;
        target = read.value;
        if (!shell) {
          const denial = runPredicate(target, args);
          if (denial !== undefined) return denial;
        }
        if (typeof target === 'number' || typeof target === 'boolean' || typeof target === 'bigint') {
          target = String(target);
        }
      }
      const values = collectValues(target);
      if (values.truncated) return `${reason} (the arguments are too large or too deeply nested to inspect)`;
      const predicateOnText = path === undefined || shell;
      for (const text of values.strings) {
        const denial = checkText(text, args, memo, predicateOnText);
        if (denial !== undefined) return denial;
      }
      if (shell) {
        for (const argv of values.argvs) {
          const denial = checkText(quoteArgv(argv), args, memo, true);
          if (denial !== undefined) return denial;
        }
      }
      return undefined;
    },
  };
}
