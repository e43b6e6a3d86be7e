import { z } from 'zod';
import type { ConfigParseResult, PluginConfig } from './plugin-config-types.js';

export type { GuardConfig, PluginConfig, PolicyConfig } from './plugin-config-types.js';

const positiveInteger = z.number().int().positive();
/** At least a second: agent-activity heartbeats are recorded at most every 100 ms. */
const durationMs = z
  .number()
  .int()
  .min(1_000)
  .max(30 * 24 * 3_600_000);
const usd = z.number().finite().nonnegative();
const nonEmpty = z.string().min(1, 'must not be empty');
const httpUrl = z.string().refine((value) => {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}, 'must be an http(s) URL');

const priceSchema = z.strictObject({
  input: usd.describe('USD per million uncached input tokens'),
  output: usd.describe('USD per million output tokens'),
  cachedInput: usd.optional().describe('USD per million cached input tokens; `input` when absent'),
  provider: nonEmpty.optional(),
});

const argumentRuleSchema = z.strictObject({
  argument: nonEmpty.optional(),
  pattern: nonEmpty.describe('a regular expression source; a match denies the call'),
  shell: z.boolean().optional(),
  reason: nonEmpty.optional(),
  name: nonEmpty.optional(),
});

const roleSchema = z.strictObject({
  allow: z.array(nonEmpty).optional(),
  deny: z.array(nonEmpty).optional(),
  arguments: z.record(nonEmpty, z.array(argumentRuleSchema)).optional(),
});

const policySchema = z.strictObject({
  defaultAction: z.enum(['allow', 'deny']).optional(),
  roles: z.record(nonEmpty, roleSchema).optional(),
  agents: z.record(nonEmpty, nonEmpty).optional().describe('OpenClaw agent id → role name'),
  defaultRole: nonEmpty.optional(),
});

const guardSchema = z.strictObject({
  enabled: z
    .boolean()
    .optional()
    .describe('Enforce policy, breaker, loop detection and cost caps; default true'),
  policy: policySchema.optional(),
  shellTools: z
    .array(nonEmpty)
    .optional()
    .describe('Tool-name globs whose string arguments are checked as shell commands; default ["exec"]'),
  dangerousShellRules: z
    .boolean()
    .optional()
    .describe('Deny rm -rf, mkfs, curl | sh and the other built-in rules on shellTools; default true'),
  costCap: z
    .union([z.literal(false), z.strictObject({ usdPerHour: usd.optional(), usdPerDay: usd.optional() })])
    .optional(),
  loops: z
    .strictObject({
      maxIdenticalCalls: positiveInteger.optional(),
      maxSameResults: positiveInteger.optional(),
      maxConsecutiveFailures: positiveInteger.optional(),
      maxToolCallsPerRun: positiveInteger.optional(),
    })
    .optional(),
  staleHeartbeatMs: z.union([z.literal(false), durationMs]).optional(),
  breakerCoolDownMs: z
    .number()
    .int()
    .min(0)
    .max(24 * 3_600_000)
    .optional(),
  evaluationIntervalMs: z.number().int().min(10).max(3_600_000).optional(),
  blockRunsWhenStopped: z.boolean().optional(),
  webhookUrl: httpUrl.optional(),
  alertmanagerUrl: httpUrl.optional(),
});

/** The plugin's configuration (`plugins.entries.agentvitals.config` in `openclaw.json`). */
export const pluginConfigSchema = z.strictObject({
  serviceName: nonEmpty.optional(),
  environment: z.enum(['dev', 'staging', 'prod']).optional(),
  defaultAgentName: nonEmpty.optional(),
  prometheus: z
    .strictObject({
      enabled: z.boolean().optional(),
      host: nonEmpty.optional(),
      port: z.number().int().min(0).max(65_535).optional(),
      path: z.string().regex(/^\//, 'must start with /').optional(),
    })
    .optional(),
  otlp: z
    .strictObject({
      endpoint: httpUrl.optional(),
      protocol: z.enum(['http/protobuf', 'http/json']).optional(),
      headers: z.record(nonEmpty, z.string()).optional(),
      traces: z.boolean().optional(),
      metrics: z.boolean().optional(),
      logs: z.boolean().optional(),
    })
    .optional(),
  metrics: z
    .strictObject({
      exportIntervalMs: z.number().int().min(100).optional(),
      heartbeatIntervalMs: z.number().int().min(100).optional(),
    })
    .optional(),
  pricing: z.record(nonEmpty, priceSchema).optional(),
  sentiment: z.boolean().optional(),
  thoughts: z.boolean().optional(),
  guard: guardSchema.optional(),
});

type Parsed = z.infer<typeof pluginConfigSchema>;
/** Compile-time check that the schema and the published `PluginConfig` are assignable both ways. */
const sameShape: [Parsed] extends [PluginConfig] ? ([PluginConfig] extends [Parsed] ? true : false) : false =
  true;
void sameShape;

const pathOf = (path: readonly PropertyKey[]) =>
  path.length === 0 ? '(config)' : path.map((part) => String(part)).join('.');

/** Validates without throwing, in the shape OpenClaw's `configSchema.safeParse` answers. */
export function safeParsePluginConfig(value: unknown): ConfigParseResult {
  const result = pluginConfigSchema.safeParse(value ?? {});
  return result.success
    ? { success: true, data: result.data }
    : { success: false, error: { issues: result.error.issues } };
}

/**
 * Validates the plugin configuration. Throws one `TypeError` listing every problem with its
 * path, e.g. `guard.costCap.usdPerHour: Too small: expected number to be >=0`.
 */
export function parsePluginConfig(value: unknown): PluginConfig {
  const result = safeParsePluginConfig(value);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  - ${pathOf(issue.path)}: ${issue.message}`);
  throw new TypeError(`Invalid @agentvitals/openclaw configuration:\n${lines.join('\n')}`);
}

/** The JSON Schema of the configuration, as `openclaw.plugin.json` declares it. */
export function pluginConfigJsonSchema(): Record<string, unknown> {
  const { $schema: _, ...schema } = z.toJSONSchema(pluginConfigSchema, { target: 'draft-07' });
  return schema;
}
