export type { AlertHoldTarget, AlertWebhookSettings } from './alert-webhook/alert-webhook.js';
export { ConfigurationError, isConfigurationError } from './config/configuration-error.js';
export type { EnvVariable } from './config/env-variables.js';
export { ENV_VARIABLES } from './config/env-variables.js';
export type { EnvironmentDefaults } from './config/environments.js';
export { DEFAULTS, ENVIRONMENT_DEFAULTS } from './config/environments.js';
export { resolveConfig } from './config/resolve-config.js';
export type { Environment, LogLevel, OtlpProtocol, ShutdownSignal } from './config/schema.js';
export { ENVIRONMENTS, LOG_LEVELS, OTLP_PROTOCOLS, SHUTDOWN_SIGNALS } from './config/schema.js';
export {
  METRIC_AGENT_PROCESS_HEARTBEAT_TIMESTAMP,
  METRIC_NODEJS_EVENTLOOP_DELAY_P99,
  METRIC_PROCESS_CPU_UTILIZATION,
  METRIC_PROCESS_MEMORY_USAGE,
  PROCESS_METRIC_NAMES,
} from './metrics/process-metrics.js';
export { start } from './start.js';
export type { AgentVitalsNode, PrometheusEndpoint, ResolvedConfig, StartOptions } from './types.js';
