import { canonicalToolName, decodeToolInput, UNREADABLE_INPUT } from '@agentvitals/core';
import { diag } from '@opentelemetry/api';
import { type CompiledArgumentRule, compileArgumentRule, type ShellMemo } from './argument-rule-check.js';
import { formatConfigPath } from './config-path.js';
import { type CompiledGlob, compileGlob } from './glob.js';
import type {
  PolicyVerdict,
  RolePolicy,
  ToolPolicy,
  ToolPolicyConfig,
  ToolPolicyRequest,
} from './policy-types.js';
import { type CompiledShellPolicy, compileShellPolicy } from './shell/shell-policy.js';
import { parseToolPolicyConfig } from './tool-policy-schema.js';

export type {
  ArgumentRule,
  PolicyVerdict,
  RolePolicy,
  ShellPolicy,
  ToolPolicy,
  ToolPolicyConfig,
  ToolPolicyRequest,
} from './policy-types.js';
export { toolPolicySchema } from './tool-policy-schema.js';

const logger = diag.createComponentLogger({ namespace: '@agentvitals/alerts/policy' });

const ALLOWED: PolicyVerdict = Object.freeze({ allowed: true });

const deny = (rule: string, reason: string): PolicyVerdict => Object.freeze({ allowed: false, rule, reason });

interface CompiledRole {
  readonly name: string;
  readonly deny: readonly CompiledGlob[];
  readonly allow: readonly CompiledGlob[] | undefined;
  readonly argumentGroups: readonly {
    readonly glob: CompiledGlob;
    readonly rules: readonly CompiledArgumentRule[];
  }[];
  readonly shell: CompiledShellPolicy | undefined;
}

function compileRole(name: string, role: RolePolicy): CompiledRole {
  return {
    name,
    deny: (role.deny ?? []).map(compileGlob),
    allow: role.allow?.map(compileGlob),
    argumentGroups: Object.entries(role.arguments ?? {}).map(([glob, rules]) => ({
      glob: compileGlob(glob),
      rules: rules.map((rule, index) =>
        compileArgumentRule(
          rule,
          formatConfigPath(['roles', name, 'arguments', glob, rule.name === undefined ? index : rule.name]),
        ),
      ),
    })),
    shell: role.shell === undefined ? undefined : compileShellPolicy(role.shell, ['roles', name, 'shell']),
  };
}

/** Tool names in reasons are shown in canonical form and cut short. */
const shown = (name: string): string => (name.length > 64 ? `${name.slice(0, 63)}…` : name);

/** The argument list rules read: the decoded input as one argument, or the decoded positional arguments. */
function decodedArguments(input: unknown, args: readonly unknown[]): readonly unknown[] {
  if (input === undefined) return [];
  return args.length > 1 && Array.isArray(input) ? input : [input];
}

/**
 * Builds a tool policy. The configuration is validated once (one Error lists every bad
 * field) and compiled: globs, patterns and argument paths are prepared here, so
 * `evaluate` only runs matchers.
 *
 * Resolution for a call: the agent's role (`agents[agentName]`, else `defaultRole`); with
 * no role, `defaultAction` decides. With a role: a matching `deny` glob denies; an
 * `allow` list that does not match denies ("only these"); then every argument rule whose
 * tool glob matches may deny; a tool no allow list names falls back to `defaultAction`.
 * Every list compares canonical names (`canonicalToolName`): `Shell`, `ＳＨＥＬＬ` and
 * `shell\u200b` all meet `shell`. Arguments are decided as the tool will receive them:
 * `request.input` when given, else `decodeToolInput(request.args)`; input that cannot be
 * read is denied. A role's `shell` policy checks the command lines of its shell tools.
 */
export function createToolPolicy(config: ToolPolicyConfig): ToolPolicy {
  const parsed = parseToolPolicyConfig(config);
  const defaultAction = parsed.defaultAction ?? 'allow';
  const roles = new Map<string, CompiledRole>(
    Object.entries(parsed.roles ?? {}).map(([name, role]) => [name, compileRole(name, role)]),
  );
  const agents = new Map<string, string>(Object.entries(parsed.agents ?? {}));
  const defaultRole = parsed.defaultRole;

  const evaluateRole = (
    role: CompiledRole,
    toolName: string,
    input: unknown,
    args: readonly unknown[],
  ): PolicyVerdict => {
    const name = shown(toolName);
    const denied = role.deny.findIndex((glob) => glob.matches(toolName));
    if (denied !== -1) {
      return deny(
        formatConfigPath(['roles', role.name, 'deny', denied]),
        `tool "${name}" matches deny glob "${role.deny[denied]!.glob}" of role "${role.name}"`,
      );
    }
    if (role.allow !== undefined && !role.allow.some((glob) => glob.matches(toolName))) {
      return deny(
        formatConfigPath(['roles', role.name, 'allow']),
        `tool "${name}" is not in the allow list of role "${role.name}"`,
      );
    }
    if (role.allow === undefined && defaultAction === 'deny') {
      return deny(
        'defaultAction',
        `tool "${name}" is not allowed for role "${role.name}" and the default action is deny`,
      );
    }
    if (role.shell?.appliesTo(toolName)) {
      const denial = role.shell.check(input);
      if (denial !== undefined) return deny(denial.rule, `tool "${name}": ${denial.reason}`);
    }
    const decoded = decodedArguments(input, args);
    const readings =
      decoded.length === args.length && decoded.every((value, index) => value === args[index])
        ? [decoded]
        : [decoded, args];
    const memo: ShellMemo = new Map();
    for (const group of role.argumentGroups) {
      if (!group.glob.matches(toolName)) continue;
      for (const rule of group.rules) {
        for (const reading of readings) {
          const reason = rule.check(reading, memo);
          if (reason !== undefined) return deny(rule.id, `tool "${name}": ${reason}`);
        }
      }
    }
    return ALLOWED;
  };

  return {
    evaluate(request: ToolPolicyRequest): PolicyVerdict {
      try {
        const agentName = String(request.agentName);
        const toolName = canonicalToolName(request.toolName);
        if (toolName === '') return deny('tool-name', 'the tool name is empty or not text');
        // Arguments that are not a list are one argument: a policy fails closed, never skips them.
        const given: unknown = request.args;
        const args: readonly unknown[] = Array.isArray(given) ? given : given === undefined ? [] : [given];
        const input = request.input !== undefined ? request.input : decodeToolInput(args);
        if (input === UNREADABLE_INPUT)
          return deny('unreadable-input', `the arguments of tool "${shown(toolName)}" could not be read`);
        const roleName = agents.get(agentName) ?? defaultRole;
        const role = roleName === undefined ? undefined : roles.get(roleName);
        if (role !== undefined) return evaluateRole(role, toolName, input, args);
        if (defaultAction === 'allow') return ALLOWED;
        return deny(
          'defaultAction',
          `no role applies to agent "${agentName}" and the default action is deny`,
        );
      } catch (error) {
        logger.error('tool policy evaluation failed; denying the call', error);
        return deny('policy-error', 'the tool policy could not evaluate this call');
      }
    },
  };
}
