/**
 * The plugin's configuration as TypeScript types, written out so the published declarations
 * do not depend on zod's (which need a newer TypeScript than 5.0). `plugin-config.ts` checks
 * at compile time that its schema and these types are assignable both ways.
 */

export interface ModelPriceConfig {
  /** USD per million uncached input tokens. */
  input: number;
  /** USD per million output tokens. */
  output: number;
  /** USD per million cached input tokens; `input` when absent. */
  cachedInput?: number;
  provider?: string;
}

export interface ArgumentRuleConfig {
  argument?: string;
  /** A regular expression source; a match denies the call. */
  pattern: string;
  shell?: boolean;
  reason?: string;
  name?: string;
}

export interface RoleConfig {
  allow?: string[];
  deny?: string[];
  arguments?: Record<string, ArgumentRuleConfig[]>;
}

export interface PolicyConfig {
  defaultAction?: 'allow' | 'deny';
  roles?: Record<string, RoleConfig>;
  /** OpenClaw agent id → role name. */
  agents?: Record<string, string>;
  defaultRole?: string;
}

export interface GuardConfig {
  enabled?: boolean;
  policy?: PolicyConfig;
  shellTools?: string[];
  dangerousShellRules?: boolean;
  costCap?: false | { usdPerHour?: number; usdPerDay?: number };
  loops?: {
    maxIdenticalCalls?: number;
    maxSameResults?: number;
    maxConsecutiveFailures?: number;
    maxToolCallsPerRun?: number;
  };
  staleHeartbeatMs?: false | number;
  breakerCoolDownMs?: number;
  evaluationIntervalMs?: number;
  blockRunsWhenStopped?: boolean;
  webhookUrl?: string;
  alertmanagerUrl?: string;
}

/** `plugins.entries.agentvitals.config` in `openclaw.json` (see docs/openclaw.md). */
export interface PluginConfig {
  serviceName?: string;
  environment?: 'dev' | 'staging' | 'prod';
  defaultAgentName?: string;
  prometheus?: { enabled?: boolean; host?: string; port?: number; path?: string };
  otlp?: {
    endpoint?: string;
    protocol?: 'http/protobuf' | 'http/json';
    headers?: Record<string, string>;
    traces?: boolean;
    metrics?: boolean;
    logs?: boolean;
  };
  metrics?: { exportIntervalMs?: number; heartbeatIntervalMs?: number };
  pricing?: Record<string, ModelPriceConfig>;
  sentiment?: boolean;
  thoughts?: boolean;
  guard?: GuardConfig;
}

/** What `configSchema.safeParse` answers, in the shape OpenClaw reads. */
export type ConfigParseResult =
  | { readonly success: true; readonly data: PluginConfig }
  | {
      readonly success: false;
      readonly error: {
        readonly issues: readonly { readonly path: PropertyKey[]; readonly message: string }[];
      };
    };
