import { z } from 'zod';
import type { RestartActionOptions } from './breaker/restart.js';
import { labelsSchema, positiveDurationMs, positiveInteger } from './config/common-schemas.js';
import type { ToolPolicy, ToolPolicyConfig } from './policy/policy-types.js';
import type { AlertRule } from './rules/alert-rule.js';
import type { AlertSink } from './sinks/alert-sink.js';

export interface GuardBreakerOptions {
  /** Open → half-open after this many ms; default 30 000. */
  readonly coolDownMs?: number;
  /** A half-open trial with no result by then counts as failed, in ms; default 60 000. */
  readonly trialTimeoutMs?: number;
  /** Also keep one breaker per tool (`tool:<name>`), tripped by rules about one tool; default false. */
  readonly perTool?: boolean;
  /** Most per-tool breakers per agent; tools beyond share none; default 100. */
  readonly maxToolBreakers?: number;
  /**
   * What to do when a rule or `guard.trip()` opens an agent breaker: `true` flushes the
   * sinks and telemetry and exits with `RESTART_EXIT_CODE` (75); options tune that; a
   * function is called with the reason instead. Default: no restart.
   */
  readonly restart?: boolean | RestartActionOptions | ((reason: string) => void | Promise<void>);
}

export interface GuardOptions {
  /** Alert rules; `defaultRules()` when omitted, none with `[]`. */
  readonly rules?: readonly AlertRule<string, object>[];
  /** Where notifications go. */
  readonly sinks?: readonly AlertSink[];
  /** Circuit breaker settings, or `false` for none (`trip` rules then only alert). */
  readonly breaker?: GuardBreakerOptions | false;
  /** A tool policy, or its configuration (see `createToolPolicy`). */
  readonly policy?: ToolPolicy | ToolPolicyConfig;
  /** Wall clock in ms since the epoch; `Date.now` by default. */
  readonly clock?: () => number;
  /** Labels added to every alert (e.g. `{ service: 'support', env: 'prod' }`). */
  readonly labels?: Readonly<Record<string, string>>;
  /** How often every rule is evaluated on a timer, in ms (besides after each event); default 5000. */
  readonly evaluationIntervalMs?: number;
  /** Re-notify sinks about a still-firing alert this often, in ms (sinks may override); default 4 h. */
  readonly repeatIntervalMs?: number;
  /** Most agents one guard watches; default 1000. */
  readonly maxAgents?: number;
}

const fn = (message: string) =>
  z.custom<(...args: any[]) => any>((value) => typeof value === 'function', { message });

const ruleSchema = z.object(
  {
    name: z.string().min(1),
    kind: z.string().min(1),
    forMs: z.number().finite().nonnegative(),
    action: z.enum(['alert', 'trip']),
    events: z.array(z.string()),
    create: fn('must be a function'),
  },
  { message: 'must be a rule (from defaultRules(), a rule factory or defineRule())' },
);

const sinkSchema = z.object(
  { name: z.string().min(1), send: fn('must be a function') },
  {
    message:
      'must be a sink (callbackSink(), loggerSink(), webhookSink(), alertmanagerSink() or { name, send })',
  },
);

export const guardOptionsSchema = z
  .object({
    rules: z
      .array(ruleSchema)
      .superRefine((rules, context) => {
        const seen = new Set<string>();
        rules.forEach((rule, index) => {
          if (seen.has(rule.name)) {
            context.addIssue({
              code: 'custom',
              path: [index, 'name'],
              message: `duplicate rule name '${rule.name}'`,
            });
          }
          seen.add(rule.name);
        });
      })
      .optional(),
    sinks: z.array(sinkSchema).optional(),
    breaker: z
      .union([
        z.literal(false),
        z
          .object({
            coolDownMs: z.number().finite().nonnegative().optional(),
            trialTimeoutMs: positiveDurationMs.optional(),
            perTool: z.boolean().optional(),
            maxToolBreakers: positiveInteger.optional(),
            restart: z
              .union([z.boolean(), fn('must be a function'), z.record(z.string(), z.unknown())], {
                message: 'must be a boolean, restart options or a function (reason) => void',
              })
              .optional(),
          })
          .strict(),
      ])
      .optional(),
    policy: z
      .custom<ToolPolicy | ToolPolicyConfig>((value) => typeof value === 'object' && value !== null, {
        message: 'must be a tool policy (createToolPolicy()) or its configuration',
      })
      .optional(),
    clock: fn('must be a function returning ms since the epoch').optional(),
    labels: labelsSchema.optional(),
    evaluationIntervalMs: z.number().finite().min(10).optional(),
    repeatIntervalMs: positiveDurationMs.optional(),
    maxAgents: positiveInteger.optional(),
  })
  .strict();
