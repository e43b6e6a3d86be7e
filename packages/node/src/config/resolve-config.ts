import { randomUUID } from 'node:crypto';
import {
  ATTR_GEN_AI_AGENT_ID,
  ATTR_SERVICE_INSTANCE_ID,
  ATTR_SERVICE_NAME,
  ATTR_SERVICE_VERSION,
} from '@agentvitals/core';
import type { z } from 'zod';
import type { ResolvedConfig, StartOptions } from '../types.js';
import { ConfigurationError } from './configuration-error.js';
import { readEnv } from './env-variables.js';
import { DEFAULTS, ENVIRONMENT_DEFAULTS } from './environments.js';
import { hasOtlpEndpoint, type OtlpSignal, resolveOtlpEndpoints } from './otlp-endpoints.js';
import { checkProduction } from './production-checks.js';
import { resolveEnvironment } from './resolve-environment.js';
import { type Environment, envOptionSchema, startOptionsSchema } from './schema.js';

type Plain = Record<string, unknown>;

const isPlain = (value: unknown): value is Plain =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null);

/** `over` wins; plain objects merge key by key, anything else is replaced. */
function merge(under: Plain, over: Plain): Plain {
  const result: Plain = { ...under };
  for (const [key, value] of Object.entries(over)) {
    if (value === undefined) continue;
    const below = result[key];
    result[key] = isPlain(value) && isPlain(below) ? merge(below, value) : value;
  }
  return result;
}

function describeIssues(error: z.ZodError, label: (path: string) => string): string[] {
  return error.issues.flatMap((issue) => {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => `${label(path ? `${path}.${key}` : key)}: is not a known option`);
    }
    return [`${label(path || '(options)')}: ${issue.message}`];
  });
}

function sourceOf(sources: ReadonlyMap<string, string>, path: string): string | undefined {
  for (let cut = path; cut !== ''; cut = cut.includes('.') ? cut.slice(0, cut.lastIndexOf('.')) : '') {
    const name = sources.get(cut);
    if (name) return name;
  }
  return undefined;
}

/** `gen_ai.agent.name` is at most this long (`createVitals` refuses longer names). */
const MAX_AGENT_NAME_LENGTH = 128;

/**
 * Validates `options`, reads the environment variables and merges both over the
 * environment's defaults. Throws one `ConfigurationError` listing every bad field, or every
 * production check that failed.
 */
export function resolveConfig(options: StartOptions = {}): ResolvedConfig {
  const issues: string[] = [];
  const checked = startOptionsSchema.safeParse(options);
  if (!checked.success) issues.push(...describeIssues(checked.error, (path) => path));

  const givenEnv = envOptionSchema.safeParse((options as { env?: unknown } | null)?.env);
  const env = givenEnv.success && givenEnv.data ? givenEnv.data : process.env;
  const reading = readEnv(env);
  issues.push(...reading.issues);
  const fromEnv = startOptionsSchema.safeParse(reading.options);
  if (!fromEnv.success) {
    issues.push(
      ...describeIssues(
        fromEnv.error,
        (path) => `${sourceOf(reading.sources, path) ?? 'environment'} (${path})`,
      ),
    );
  }
  if (issues.length > 0) throw new ConfigurationError('Invalid Agent Vitals configuration:', issues);

  const { env: _env, ...given } = options as StartOptions;
  const merged = merge(reading.options, given as Plain) as StartOptions;
  const envOptions = reading.options as StartOptions;
  const environment: Environment = resolveEnvironment(given, envOptions, env);
  const defaults = ENVIRONMENT_DEFAULTS[environment];
  const attributes = { ...(merged.resourceAttributes ?? {}) };
  const attributeOf = (source: StartOptions, key: string): string | undefined => {
    const value = source.resourceAttributes?.[key];
    return value === undefined ? undefined : String(value);
  };
  // The options (the field, then its resource attribute) win over the environment (OTEL_SERVICE_NAME
  // and friends, then OTEL_RESOURCE_ATTRIBUTES).
  type IdentityField = 'serviceName' | 'serviceVersion' | 'serviceInstanceId' | 'agentId';
  const identity = (field: IdentityField, key: string): string | undefined =>
    given[field] ?? attributeOf(given, key) ?? envOptions[field] ?? attributeOf(envOptions, key);

  const serviceName = identity('serviceName', ATTR_SERVICE_NAME) ?? merged.agentName;
  const agentName = merged.agentName ?? serviceName;
  if (serviceName === undefined || agentName === undefined) {
    throw new ConfigurationError('Invalid Agent Vitals configuration:', [
      'agentName: is required (set agentName or serviceName, or AGENTVITALS_AGENT_NAME or OTEL_SERVICE_NAME)',
    ]);
  }
  const vitalsTracing = (merged.vitals as { tracing?: unknown } | undefined)?.tracing;
  if (merged.tracing !== undefined && vitalsTracing !== undefined && vitalsTracing !== merged.tracing) {
    throw new ConfigurationError('Invalid Agent Vitals configuration:', [
      `tracing: is ${merged.tracing} but vitals.tracing is ${String(vitalsTracing)}; set one of them`,
    ]);
  }
  if (agentName.length > MAX_AGENT_NAME_LENGTH) {
    throw new ConfigurationError('Invalid Agent Vitals configuration:', [
      `agentName: at most ${MAX_AGENT_NAME_LENGTH} characters; it defaults to the service name, which has ${serviceName.length}: set agentName (or AGENTVITALS_AGENT_NAME)`,
    ]);
  }
  const envOtlp = reading.options.otlp as StartOptions['otlp'];
  const endpointSources = [given.otlp, envOtlp];
  const endpointFor = (signal: OtlpSignal) => hasOtlpEndpoint(endpointSources, signal);
  const config: ResolvedConfig = {
    environment,
    disabled: merged.disabled === true || reading.sdkDisabled,
    serviceName,
    serviceVersion: identity('serviceVersion', ATTR_SERVICE_VERSION),
    serviceInstanceId: identity('serviceInstanceId', ATTR_SERVICE_INSTANCE_ID) ?? randomUUID(),
    agentName,
    agentId: identity('agentId', ATTR_GEN_AI_AGENT_ID) ?? agentName,
    resourceAttributes: attributes,
    prometheus: {
      enabled: merged.prometheus?.enabled ?? true,
      host: merged.prometheus?.host ?? DEFAULTS.prometheusHost,
      port: merged.prometheus?.port ?? DEFAULTS.prometheusPort,
      path: merged.prometheus?.path ?? DEFAULTS.prometheusPath,
    },
    otlp: {
      endpoint: (merged.otlp?.endpoint ?? DEFAULTS.otlpEndpoint).replace(/\/+$/, ''),
      urls: resolveOtlpEndpoints(given.otlp, envOtlp, DEFAULTS.otlpEndpoint),
      headers: { ...(merged.otlp?.headers ?? {}) },
      protocol: merged.otlp?.protocol ?? DEFAULTS.otlpProtocol,
      traces: merged.otlp?.traces ?? endpointFor('traces'),
      metrics: merged.otlp?.metrics ?? endpointFor('metrics'),
      logs: merged.otlp?.logs ?? endpointFor('logs'),
      timeoutMs: merged.otlp?.timeoutMs ?? DEFAULTS.otlpTimeoutMs,
    },
    metrics: {
      exportIntervalMs: merged.metrics?.exportIntervalMs ?? defaults.metricExportIntervalMs,
      cardinalityLimit: merged.metrics?.cardinalityLimit ?? DEFAULTS.cardinalityLimit,
      processMetrics: merged.metrics?.processMetrics ?? true,
      heartbeatIntervalMs: merged.metrics?.heartbeatIntervalMs ?? DEFAULTS.heartbeatIntervalMs,
      genAiStreams: merged.metrics?.genAiStreams ?? true,
    },
    logger: { level: merged.logger?.level ?? defaults.logLevel, destination: merged.logger?.destination },
    thoughts: {
      enabled: merged.thoughts?.enabled ?? true,
      redact: merged.thoughts?.redact ?? true,
      patterns: merged.thoughts?.patterns,
      maxBytes: merged.thoughts?.maxBytes ?? DEFAULTS.thoughtMaxBytes,
      toLogger: merged.thoughts?.toLogger ?? defaults.thoughtsToLogger,
    },
    console: merged.console ?? false,
    tracing: merged.tracing ?? vitalsTracing !== false,
    guard: merged.guard,
    alertWebhook: resolveAlertWebhook(given.alertWebhook),
    vitals: merged.vitals,
    shutdownTimeoutMs: merged.shutdownTimeoutMs ?? DEFAULTS.shutdownTimeoutMs,
    signals: merged.signals === false ? [] : [...new Set(merged.signals ?? DEFAULTS.signals)],
  };

  const webhook = config.alertWebhook;
  if (webhook !== undefined && !config.disabled) {
    const problems: string[] = [];
    if (!config.prometheus.enabled)
      problems.push('alertWebhook: is served on the Prometheus endpoint server; enable prometheus');
    if (webhook.path === config.prometheus.path)
      problems.push(`alertWebhook.path: must differ from prometheus.path (${config.prometheus.path})`);
    if (problems.length > 0) throw new ConfigurationError('Invalid Agent Vitals configuration:', problems);
  }

  const refused = checkProduction(config, (path) => sourceOf(reading.sources, path));
  if (refused.length > 0) {
    throw new ConfigurationError(
      'Refusing to start in prod with settings that are only safe in dev (change them, or set environment to dev or staging):',
      refused,
    );
  }
  return config;
}

function resolveAlertWebhook(options: StartOptions['alertWebhook']): ResolvedConfig['alertWebhook'] {
  if (options === undefined) return undefined;
  return {
    path: options.path ?? '/alerts',
    token: options.token,
    hold: options.hold,
    alertNames: [...(options.alertNames ?? ['AgentFleetCostSpike'])],
    agentLabel: options.agentLabel ?? 'gen_ai_agent_name',
    maxBodyBytes: options.maxBodyBytes ?? 1_048_576,
  };
}
