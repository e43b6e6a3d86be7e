import { z } from 'zod';
import { formatConfigPath } from './config-path.js';
import type { ToolPolicyConfig } from './policy-types.js';
import { entryProblems } from './shell/command-allow-list.js';
import { SHELL_CONSTRUCTS } from './shell/construct-kinds.js';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Run cross-field checks even when other fields failed, so one error lists every problem. */
const isObjectPayload = (payload: { readonly value: unknown }): boolean => isObject(payload.value);

const globSchema = z.string().min(1, 'must be a non-empty tool-name glob');

const argumentPathSchema = z
  .string()
  .regex(/^[^.]+(?:\.[^.]+)*$/, 'must be an argument name or a dotted path without empty segments');

const argumentRuleSchema = z
  .strictObject({
    argument: argumentPathSchema.optional(),
    pattern: z.union([z.instanceof(RegExp), z.string().min(1, 'must not be empty')]).optional(),
    predicate: z
      .custom<(value: unknown, args: readonly unknown[]) => boolean>(
        (value) => typeof value === 'function',
        'must be a function (value, args) => boolean',
      )
      .optional(),
    shell: z.boolean().optional(),
    reason: z.string().min(1, 'must not be empty').optional(),
    name: z.string().min(1, 'must not be empty').optional(),
  })
  .superRefine(
    (rule, context) => {
      if (rule.pattern === undefined && rule.predicate === undefined) {
        context.addIssue({ code: 'custom', message: 'needs a pattern or a predicate' });
      }
      if (typeof rule.pattern === 'string') {
        try {
          new RegExp(rule.pattern);
        } catch (error) {
          context.addIssue({
            code: 'custom',
            path: ['pattern'],
            message: `is not a valid regular expression (${(error as Error).message})`,
          });
        }
      }
    },
    { when: isObjectPayload },
  );

const commandEntrySchema = z.string().superRefine((entry, context) => {
  for (const problem of entryProblems(entry)) context.addIssue({ code: 'custom', message: problem });
});

const shellPolicySchema = z.strictObject({
  tools: z.array(globSchema).min(1, 'must name at least one shell tool glob'),
  argument: argumentPathSchema.optional(),
  commands: z
    .array(commandEntrySchema)
    .min(1, 'must list at least one command (omit `commands` for the deny-rules mode)')
    .optional(),
  allow: z
    .array(
      z.enum(SHELL_CONSTRUCTS, {
        error: () => `must be one of ${SHELL_CONSTRUCTS.map((kind) => `"${kind}"`).join(', ')}`,
      }),
    )
    .optional(),
});

const rolePolicySchema = z.strictObject({
  allow: z.array(globSchema).optional(),
  deny: z.array(globSchema).optional(),
  arguments: z.record(globSchema, z.array(argumentRuleSchema)).optional(),
  shell: shellPolicySchema.optional(),
});

/** The zod schema of `ToolPolicyConfig`, including cross-references (agents → roles). */
export const toolPolicySchema = z
  .strictObject({
    defaultAction: z.enum(['allow', 'deny']).optional(),
    roles: z.record(z.string().min(1, 'role names must not be empty'), rolePolicySchema).optional(),
    agents: z
      .record(z.string().min(1, 'agent names must not be empty'), z.string().min(1, 'must name a role'))
      .optional(),
    defaultRole: z.string().min(1, 'must name a role').optional(),
  })
  .superRefine(
    (config, context) => {
      const roles = isObject(config.roles) ? config.roles : {};
      const agents = isObject(config.agents) ? config.agents : {};
      for (const [agent, role] of Object.entries(agents)) {
        if (typeof role === 'string' && role !== '' && !Object.hasOwn(roles, role)) {
          context.addIssue({
            code: 'custom',
            path: ['agents', agent],
            message: `names an undefined role "${role}"`,
          });
        }
      }
      const defaultRole: unknown = config.defaultRole;
      if (typeof defaultRole === 'string' && defaultRole !== '' && !Object.hasOwn(roles, defaultRole)) {
        context.addIssue({
          code: 'custom',
          path: ['defaultRole'],
          message: `names an undefined role "${defaultRole}"`,
        });
      }
    },
    { when: isObjectPayload },
  );

/** Validates a configuration; throws one Error listing every problem with its field path. */
export function parseToolPolicyConfig(config: unknown): ToolPolicyConfig {
  const result = toolPolicySchema.safeParse(config);
  if (result.success) return result.data;
  const problems = result.error.issues.map(
    (issue) => `  - ${formatConfigPath(issue.path)}: ${issue.message}`,
  );
  throw new Error(`Invalid tool policy configuration:\n${problems.join('\n')}`);
}
