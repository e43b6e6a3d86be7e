import { formatConfigPath } from '../config-path.js';
import { type CompiledGlob, compileGlob } from '../glob.js';
import type { ShellPolicy } from '../policy-types.js';
import { compileCommandAllowList } from './command-allow-list.js';
import { commandLinesOf } from './shell-input.js';
import { createShellVerifier } from './verify-shell.js';

/** A role's shell policy, compiled once. */
export interface CompiledShellPolicy {
  /** True when `toolName` (canonical) is one of the policy's shell tools. */
  appliesTo(toolName: string): boolean;
  /** Why the call's decoded input is denied (`rule` is a configuration path), or undefined. */
  check(input: unknown): { readonly rule: string; readonly reason: string } | undefined;
}

export function compileShellPolicy(
  policy: ShellPolicy,
  path: readonly (string | number)[],
): CompiledShellPolicy {
  const tools: readonly CompiledGlob[] = policy.tools.map(compileGlob);
  const argument = policy.argument?.split('.');
  const verifier = createShellVerifier({
    ...(policy.commands === undefined ? {} : { commands: compileCommandAllowList(policy.commands) }),
    ...(policy.allow === undefined ? {} : { allow: policy.allow }),
  });
  const rule = (check: string): string => formatConfigPath([...path, check]);
  return {
    appliesTo: (toolName) => tools.some((glob) => glob.matches(toolName)),
    check(input) {
      const found = commandLinesOf(input, argument);
      if ('problem' in found)
        return { rule: rule('input'), reason: `${found.problem}, so it cannot be verified` };
      for (const line of found.lines) {
        const denial = verifier.verify(line);
        if (denial !== undefined) return { rule: rule(denial.check), reason: denial.reason };
      }
      return undefined;
    },
  };
}
