import {
  type ArgumentRule,
  DANGEROUS_SHELL_RULES,
  type RolePolicy,
  type ToolPolicyConfig,
} from '@agentvitals/alerts';
import type { GuardConfig } from '../config/plugin-config.js';

/** The role given to agents no `agents` entry names when the configuration has no `defaultRole`. */
export const IMPLICIT_ROLE = '_openclaw_default';

/** Tool-name globs checked as shell commands when `guard.shellTools` is not set. */
export const DEFAULT_SHELL_TOOLS: readonly string[] = Object.freeze(['exec']);

/**
 * The tool policy the guard enforces: the configured roles (roles per OpenClaw agent id),
 * each given the built-in dangerous-shell rules on the shell tools. Agents without a role
 * get an implicit role holding only those rules, so `defaultAction` still decides which
 * tools they may call while `rm -rf` stays denied for every agent.
 */
export function buildPolicy(guard: GuardConfig): ToolPolicyConfig {
  const configured = guard.policy ?? {};
  const shellRules: readonly ArgumentRule[] =
    guard.dangerousShellRules === false ? [] : DANGEROUS_SHELL_RULES;
  const shellTools = guard.shellTools ?? DEFAULT_SHELL_TOOLS;
  const withShellRules = (role: RolePolicy): RolePolicy => {
    if (shellRules.length === 0) return role;
    const args: Record<string, readonly ArgumentRule[]> = { ...role.arguments };
    for (const glob of shellTools) args[glob] = [...(args[glob] ?? []), ...shellRules];
    return { ...role, arguments: args };
  };
  const roles: Record<string, RolePolicy> = {};
  for (const [name, role] of Object.entries(configured.roles ?? {})) roles[name] = withShellRules(role);
  const defaultRole = configured.defaultRole ?? IMPLICIT_ROLE;
  if (configured.defaultRole === undefined) roles[IMPLICIT_ROLE] = withShellRules({});
  return {
    defaultAction: configured.defaultAction ?? 'allow',
    roles,
    agents: { ...configured.agents },
    defaultRole,
  };
}
