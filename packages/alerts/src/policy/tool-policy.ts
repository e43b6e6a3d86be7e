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
import { parseToolPolicyConfig } from './tool-policy-schema.js';

export type {
  ArgumentRule,
  PolicyVerdict,
  RolePolicy,
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
  };
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
 * Allow globs match tool names exactly (case-sensitive); deny globs and argument-rule
 * globs also match names differing only in case, compatibility form, invisible
 * characters or surrounding whitespace (`Shell`, `ＳＨＥＬＬ`, `shell​` all meet `shell`).
 */
export function createToolPolicy(config: ToolPolicyConfig): ToolPolicy {
  const parsed = parseToolPolicyConfig(config);
  const defaultAction = parsed.defaultAction ?? 'allow';
  const roles = new Map<string, CompiledRole>(
    Object.entries(parsed.roles ?? {}).map(([name, role]) => [name, compileRole(name, role)]),
  );
  const agents = new Map<string, string>(Object.entries(parsed.agents ?? {}));
  const defaultRole = parsed.defaultRole;

  const evaluateRole = (role: CompiledRole, toolName: string, args: readonly unknown[]): PolicyVerdict => {
    const denied = role.deny.findIndex((glob) => glob.matchesLoosely(toolName));
    if (denied !== -1) {
      return deny(
        formatConfigPath(['roles', role.name, 'deny', denied]),
        `tool "${toolName}" matches deny glob "${role.deny[denied]!.glob}" of role "${role.name}"`,
      );
    }
    if (role.allow !== undefined && !role.allow.some((glob) => glob.matches(toolName))) {
      return deny(
        formatConfigPath(['roles', role.name, 'allow']),
        `tool "${toolName}" is not in the allow list of role "${role.name}"`,
      );
    }
    if (role.allow === undefined && defaultAction === 'deny') {
      return deny(
        'defaultAction',
        `tool "${toolName}" is not allowed for role "${role.name}" and the default action is deny`,
      );
    }
    const memo: ShellMemo = new Map();
    for (const group of role.argumentGroups) {
      if (!group.glob.matchesLoosely(toolName)) continue;
      for (const rule of group.rules) {
        const reason = rule.check(args, memo);
        if (reason !== undefined) return deny(rule.id, `tool "${toolName}": ${reason}`);
      }
    }
    return ALLOWED;
  };

  return {
    evaluate(request: ToolPolicyRequest): PolicyVerdict {
      try {
        const agentName = String(request.agentName);
        const toolName = String(request.toolName);
        const args: readonly unknown[] = Array.isArray(request.args) ? request.args : [];
        const roleName = agents.get(agentName) ?? defaultRole;
        const role = roleName === undefined ? undefined : roles.get(roleName);
        if (role !== undefined) return evaluateRole(role, toolName, args);
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
