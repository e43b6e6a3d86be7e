import { createPlugin } from './plugin.js';

export { parsePluginConfig, pluginConfigJsonSchema, safeParsePluginConfig } from './config/plugin-config.js';
export type {
  ArgumentRuleConfig,
  ConfigParseResult,
  GuardConfig,
  ModelPriceConfig,
  PluginConfig,
  PolicyConfig,
  RoleConfig,
} from './config/plugin-config-types.js';
export { COST_ALERTS, DAILY_COST_ALERT, GUARD_DEFAULTS, HOURLY_COST_ALERT } from './guard/build-guard.js';
export { DEFAULT_SHELL_TOOLS } from './guard/build-policy.js';
export type * from './openclaw-types.js';
export type { AgentVitalsPlugin, ConfigSchema } from './plugin.js';
export { configSchema, createPlugin, PLUGIN_DESCRIPTION, PLUGIN_ID, PLUGIN_NAME } from './plugin.js';
export type { RuntimeOptions } from './runtime/plugin-runtime.js';
export { releaseRuntime } from './runtime/shared-runtime.js';
export type { StartTelemetry, Telemetry, TelemetryMode } from './runtime/telemetry.js';

/** The OpenClaw plugin: `{ id, name, description, configSchema, register(api) }`. */
const plugin = createPlugin();
export default plugin;
