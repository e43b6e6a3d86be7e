import { parsePluginConfig, pluginConfigJsonSchema, safeParsePluginConfig } from './config/plugin-config.js';
import type { ConfigParseResult } from './config/plugin-config-types.js';
import { registerHooks } from './hooks/register-hooks.js';
import type { OpenClawPluginApi } from './openclaw-types.js';
import type { RuntimeOptions } from './runtime/plugin-runtime.js';
import { acquireRuntime } from './runtime/shared-runtime.js';

/** The plugin id: `plugins.entries.agentvitals` in `openclaw.json`. */
export const PLUGIN_ID = 'agentvitals';
export const PLUGIN_NAME = 'Agent Vitals';
export const PLUGIN_DESCRIPTION =
  'OpenTelemetry vitals for OpenClaw agents, with per-agent cost caps, loop breaker and tool policy enforced on before_tool_call.';

/** The configuration schema OpenClaw validates `plugins.entries.agentvitals.config` with. */
export interface ConfigSchema {
  safeParse(value: unknown): ConfigParseResult;
  /** The JSON Schema `openclaw.plugin.json` declares. */
  readonly jsonSchema: Record<string, unknown>;
}

export const configSchema: ConfigSchema = {
  safeParse: safeParsePluginConfig,
  get jsonSchema() {
    return pluginConfigJsonSchema();
  },
};

/** An OpenClaw plugin definition; `createPlugin()` is the default export's factory. */
export interface AgentVitalsPlugin {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly configSchema: ConfigSchema;
  register(api: OpenClawPluginApi): void;
}

/**
 * Creates the plugin. The default export is `createPlugin()`; pass options to record into
 * other telemetry (tests). `register()` validates the configuration and throws a
 * `TypeError` listing every problem; it starts nothing: telemetry starts in `gateway_start`.
 */
export function createPlugin(options: RuntimeOptions = {}): AgentVitalsPlugin {
  return {
    id: PLUGIN_ID,
    name: PLUGIN_NAME,
    description: PLUGIN_DESCRIPTION,
    configSchema,
    register(api) {
      const config = parsePluginConfig(api.pluginConfig);
      const runtime = acquireRuntime(config, { logger: api.logger, ...options });
      registerHooks(api, runtime);
    },
  };
}
