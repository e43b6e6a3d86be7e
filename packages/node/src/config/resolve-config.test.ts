import { DiagLogLevel, diag } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import type { StartOptions } from '../types.js';
import { isConfigurationError } from './configuration-error.js';
import { resolveConfig } from './resolve-config.js';

const base = { agentName: 'support-bot', env: {} } satisfies StartOptions;

function failure(options: unknown): { message: string; issues: readonly string[] } {
  try {
    resolveConfig(options as StartOptions);
  } catch (error) {
    if (isConfigurationError(error)) return { message: error.message, issues: error.issues };
    throw error;
  }
  throw new Error('expected a ConfigurationError');
}

describe('resolveConfig: validation', () => {
  it('lists every bad field, with its path and reason, in one error', () => {
    const { message, issues } = failure({
      ...base,
      environment: 'production',
      prometheus: { port: 70000, path: 'metrics' },
      otlp: { endpoint: 'ftp://collector', protocol: 'grpc' },
      metrics: {
        cardinalityLimit: Number.NaN,
        heartbeatIntervalMs: -5,
        exportIntervalMs: Number.POSITIVE_INFINITY,
      },
      thoughts: { maxBytes: 2 ** 40, redact: 'no' },
      shutdownTimeoutMs: 1.5,
      signals: ['SIGKILL'],
      logger: { level: 'verbose', destination: {} },
      guard: { check: 1 },
      colour: true,
    });
    expect(message).toMatch(/^Invalid Agent Vitals configuration:/);
    for (const path of [
      'environment',
      'prometheus.port',
      'prometheus.path',
      'otlp.endpoint',
      'otlp.protocol',
      'metrics.cardinalityLimit',
      'metrics.heartbeatIntervalMs',
      'metrics.exportIntervalMs',
      'thoughts.maxBytes',
      'thoughts.redact',
      'shutdownTimeoutMs',
      'signals',
      'logger.level',
      'logger.destination',
      'guard',
      'colour',
    ]) {
      expect(
        issues.some((issue) => issue.startsWith(`${path}:`)),
        path,
      ).toBe(true);
      expect(message).toContain(`  - ${path}:`);
    }
    expect(issues.find((issue) => issue.startsWith('colour:'))).toBe('colour: is not a known option');
    expect(issues.find((issue) => issue.startsWith('prometheus.port:'))).toMatch(/between 0 and 65535/);
  });

  it.each([null, 42, 'dev', []])('rejects a non-object options value %j', (options) => {
    expect(failure(options).issues[0]).toMatch(/^\(options\):/);
  });

  it('names the environment variable behind a bad value, together with bad options', () => {
    const { issues } = failure({
      agentName: '',
      env: {
        AGENTVITALS_PROMETHEUS_PORT: 'ninety',
        AGENTVITALS_PROMETHEUS_HOST: 'localhost',
        AGENTVITALS_ENVIRONMENT: 'qa',
        AGENTVITALS_CAPTURE_THOUGHTS: 'maybe',
        OTEL_EXPORTER_OTLP_HEADERS: 'broken',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
        OTEL_TRACES_EXPORTER: 'zipkin',
        AGENTVITALS_HEARTBEAT_INTERVAL_MS: '0',
      },
    });
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^agentName: must be a non-empty string/),
        expect.stringMatching(/^AGENTVITALS_PROMETHEUS_PORT: "ninety" is not an integer/),
        expect.stringMatching(/^AGENTVITALS_ENVIRONMENT \(environment\): /),
        expect.stringMatching(/^AGENTVITALS_CAPTURE_THOUGHTS: "maybe" is not a boolean/),
        expect.stringMatching(/^OTEL_EXPORTER_OTLP_HEADERS: entry \d+ .* is not a key=value pair/),
        expect.stringMatching(/^OTEL_EXPORTER_OTLP_PROTOCOL \(otlp.protocol\): /),
        expect.stringMatching(/^OTEL_TRACES_EXPORTER: "zipkin" is not supported/),
        expect.stringMatching(
          /^AGENTVITALS_HEARTBEAT_INTERVAL_MS \(metrics.heartbeatIntervalMs\): must be greater than 0/,
        ),
      ]),
    );
    expect(issues).toHaveLength(8);
  });

  it('requires an agent or service name', () => {
    expect(failure({ env: {} }).issues).toEqual([expect.stringMatching(/^agentName: is required/)]);
  });
});

describe('resolveConfig: precedence', () => {
  it('applies dev defaults when nothing is set', () => {
    const config = resolveConfig(base);
    expect(config).toMatchObject({
      environment: 'dev',
      disabled: false,
      serviceName: 'support-bot',
      agentName: 'support-bot',
      agentId: 'support-bot',
      prometheus: { enabled: true, host: '127.0.0.1', port: 9464, path: '/metrics' },
      otlp: { traces: false, metrics: false, logs: false, protocol: 'http/protobuf' },
      metrics: {
        cardinalityLimit: 2000,
        processMetrics: true,
        heartbeatIntervalMs: 10_000,
        exportIntervalMs: 10_000,
      },
      logger: { level: 'debug' },
      thoughts: { enabled: true, redact: true, toLogger: true, maxBytes: 8192 },
      console: false,
      shutdownTimeoutMs: 5000,
      signals: ['SIGTERM', 'SIGINT'],
    });
    expect(config.serviceInstanceId).toMatch(/^[0-9a-f-]{36}$/);
    expect(resolveConfig(base).serviceInstanceId).not.toBe(config.serviceInstanceId);
  });

  it('reads the environment variables', () => {
    const config = resolveConfig({
      env: {
        OTEL_SERVICE_NAME: 'support',
        AGENTVITALS_AGENT_NAME: 'triage',
        AGENTVITALS_ENVIRONMENT: 'staging',
        OTEL_RESOURCE_ATTRIBUTES: 'service.version=1.2.3,team=care%20ops,service.instance.id=pod-7',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/',
        OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Bearer%20abc',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_LOGS_EXPORTER: 'none',
        OTEL_METRICS_EXPORTER: 'otlp',
        AGENTVITALS_PROMETHEUS_PORT: '0',
        AGENTVITALS_LOG_LEVEL: 'warn',
        AGENTVITALS_SHUTDOWN_TIMEOUT_MS: '2500',
        AGENTVITALS_THOUGHTS_TO_LOGGER: 'true',
        OTEL_METRIC_EXPORT_INTERVAL: '',
      },
    });
    expect(config).toMatchObject({
      environment: 'staging',
      serviceName: 'support',
      agentName: 'triage',
      serviceVersion: '1.2.3',
      serviceInstanceId: 'pod-7',
      resourceAttributes: { team: 'care ops' },
      otlp: {
        endpoint: 'http://collector:4318',
        headers: { authorization: 'Bearer abc' },
        protocol: 'http/json',
        traces: true,
        metrics: true,
        logs: false,
      },
      prometheus: { enabled: false, port: 0 },
      metrics: { exportIntervalMs: 60_000 },
      logger: { level: 'warn' },
      thoughts: { toLogger: true },
      shutdownTimeoutMs: 2500,
    });
  });

  it('lets options win over the environment, key by key', () => {
    const config = resolveConfig({
      agentName: 'billing',
      serviceName: 'billing-svc',
      environment: 'dev',
      otlp: { headers: { 'x-tenant': 'a' }, logs: true },
      prometheus: { port: 9999 },
      resourceAttributes: { team: 'finance', 'service.version': '2.0.0' },
      env: {
        OTEL_SERVICE_NAME: 'support',
        AGENTVITALS_AGENT_NAME: 'triage',
        AGENTVITALS_ENVIRONMENT: 'prod',
        OTEL_EXPORTER_OTLP_HEADERS: 'authorization=t,x-tenant=b',
        OTEL_LOGS_EXPORTER: 'none',
        AGENTVITALS_PROMETHEUS_PORT: '1234',
        AGENTVITALS_PROMETHEUS_HOST: '0.0.0.0',
        OTEL_RESOURCE_ATTRIBUTES: 'team=care,region=eu',
      },
    });
    expect(config).toMatchObject({
      environment: 'dev',
      serviceName: 'billing-svc',
      agentName: 'billing',
      serviceVersion: '2.0.0',
      resourceAttributes: { team: 'finance', region: 'eu' },
      otlp: { headers: { authorization: 't', 'x-tenant': 'a' }, logs: true, traces: false },
      prometheus: { port: 9999, host: '0.0.0.0' },
    });
  });

  it('lets resource attributes given as options win over the identity variables', () => {
    const config = resolveConfig({
      agentName: 'billing',
      resourceAttributes: { 'service.name': 'billing-svc', 'gen_ai.agent.id': 'agent-7' },
      env: {
        OTEL_SERVICE_NAME: 'support',
        AGENTVITALS_AGENT_ID: 'agent-1',
        AGENTVITALS_SERVICE_VERSION: '1.0.0',
        OTEL_RESOURCE_ATTRIBUTES: 'service.version=0.9.0,service.instance.id=pod-3',
      },
    });
    expect(config).toMatchObject({
      serviceName: 'billing-svc',
      agentId: 'agent-7',
      serviceVersion: '1.0.0',
      serviceInstanceId: 'pod-3',
    });
  });

  it('takes prod from NODE_ENV=production when nothing else names the environment', () => {
    expect(resolveConfig({ ...base, env: { NODE_ENV: 'production' } }).environment).toBe('prod');
    expect(resolveConfig({ ...base, env: { NODE_ENV: 'test' } }).environment).toBe('dev');
  });

  it('turns OTLP on for every signal when an endpoint is configured, and respects per-signal switches', () => {
    const config = resolveConfig({
      ...base,
      otlp: { endpoint: 'https://otlp.example:4318', metrics: false },
    });
    expect(config.otlp).toMatchObject({
      traces: true,
      metrics: false,
      logs: true,
      endpoint: 'https://otlp.example:4318',
    });
    expect(resolveConfig({ ...base, otlp: { traces: true } }).otlp).toMatchObject({
      traces: true,
      endpoint: 'http://localhost:4318',
    });
  });

  it('reads per-signal OTLP endpoints as-is, turning on only the signals that have one', () => {
    const config = resolveConfig({
      ...base,
      env: {
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://tempo:4318/v1/traces',
        OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: 'http://loki:3100/otlp/v1/logs',
      },
    });
    expect(config.otlp).toMatchObject({
      traces: true,
      metrics: false,
      logs: true,
      urls: {
        traces: 'http://tempo:4318/v1/traces',
        metrics: 'http://localhost:4318/v1/metrics',
        logs: 'http://loki:3100/otlp/v1/logs',
      },
    });
    const mixed = resolveConfig({
      ...base,
      env: {
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
        OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: 'http://mimir:9009/otlp',
      },
    });
    expect(mixed.otlp.urls).toEqual({
      traces: 'http://collector:4318/v1/traces',
      metrics: 'http://mimir:9009/otlp',
      logs: 'http://collector:4318/v1/logs',
    });
    const overridden = resolveConfig({
      ...base,
      otlp: { endpoint: 'http://from-code:4318' },
      env: { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://tempo:4318/v1/traces' },
    });
    expect(overridden.otlp.urls.traces).toBe('http://from-code:4318/v1/traces');
  });

  it('names a bad per-signal endpoint variable', () => {
    expect(failure({ ...base, env: { OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: 'loki:3100' } }).issues).toEqual([
      expect.stringMatching(/^OTEL_EXPORTER_OTLP_LOGS_ENDPOINT \(otlp.logsEndpoint\): must be an http/),
    ]);
  });

  it('honours OTEL_SDK_DISABLED=true (case-insensitive) and nothing else', () => {
    expect(resolveConfig({ ...base, env: { OTEL_SDK_DISABLED: 'TRUE' } }).disabled).toBe(true);
    expect(resolveConfig({ ...base, env: { OTEL_SDK_DISABLED: '1' } }).disabled).toBe(false);
    expect(resolveConfig({ ...base, disabled: true }).disabled).toBe(true);
  });

  it('warns when OTEL_SDK_DISABLED holds a value that is neither true nor false', () => {
    const warnings: string[] = [];
    diag.setLogger(
      {
        error: () => {},
        warn: (...args) => warnings.push(args.join(' ')),
        info: () => {},
        debug: () => {},
        verbose: () => {},
      },
      DiagLogLevel.WARN,
    );
    try {
      resolveConfig({ ...base, env: { OTEL_SDK_DISABLED: 'false' } });
      resolveConfig({ ...base, env: { OTEL_SDK_DISABLED: 'True' } });
      expect(warnings).toEqual([]);
      expect(resolveConfig({ ...base, env: { OTEL_SDK_DISABLED: 'yes' } }).disabled).toBe(false);
      expect(warnings).toEqual([expect.stringContaining('OTEL_SDK_DISABLED="yes" is read as false')]);
    } finally {
      diag.disable();
    }
  });

  it('maps signals: false to no signals', () => {
    expect(resolveConfig({ ...base, signals: false }).signals).toEqual([]);
  });

  it('records spans unless tracing: false (or vitals.tracing: false) asks for metrics-only mode', () => {
    expect(resolveConfig(base).tracing).toBe(true);
    expect(resolveConfig({ ...base, tracing: false }).tracing).toBe(false);
    expect(resolveConfig({ ...base, tracing: true }).tracing).toBe(true);
    expect(resolveConfig({ ...base, vitals: { tracing: false } }).tracing).toBe(false);
    expect(resolveConfig({ ...base, tracing: false, vitals: { tracing: false } }).tracing).toBe(false);
  });

  it('refuses a tracing option that is not a boolean, or that disagrees with vitals.tracing', () => {
    expect(failure({ ...base, tracing: 'no' }).issues).toEqual([expect.stringMatching(/^tracing: /)]);
    expect(failure({ ...base, tracing: 0 }).issues).toEqual([expect.stringMatching(/^tracing: /)]);
    expect(failure({ ...base, tracing: true, vitals: { tracing: false } }).issues).toEqual([
      'tracing: is true but vitals.tracing is false; set one of them',
    ]);
  });
});

describe('resolveConfig: environments', () => {
  const promotable: StartOptions = {
    serviceName: 'support',
    agentName: 'support-bot',
    otlp: { protocol: 'http/json' },
  };

  it('promotes the same options from dev to prod through the environment variable', () => {
    const dev = resolveConfig({ ...promotable, env: { AGENTVITALS_ENVIRONMENT: 'dev' } });
    const prod = resolveConfig({ ...promotable, env: { AGENTVITALS_ENVIRONMENT: 'prod' } });
    expect(dev).toMatchObject({
      environment: 'dev',
      logger: { level: 'debug' },
      thoughts: { toLogger: true },
    });
    expect(prod).toMatchObject({
      environment: 'prod',
      logger: { level: 'info' },
      thoughts: { toLogger: false, redact: true },
      metrics: { exportIntervalMs: 60_000 },
    });
  });

  it('refuses prod with dev-only settings, listing each', () => {
    const { message, issues } = failure({
      ...base,
      environment: 'prod',
      console: true,
      thoughts: { redact: false, toLogger: true },
      logger: { level: 'debug' },
    });
    expect(message).toMatch(/^Refusing to start in prod/);
    expect(issues).toHaveLength(3);
    expect(issues[0]).toMatch(/^thoughts.redact is false: /);
    expect(issues[1]).toMatch(/^console is true: /);
    expect(issues[2]).toMatch(/^thoughts.toLogger is true with logger.level=debug: /);
  });

  it('names the environment variables behind refused prod settings', () => {
    const { issues } = failure({
      ...base,
      env: {
        AGENTVITALS_ENVIRONMENT: 'prod',
        AGENTVITALS_REDACT_THOUGHTS: 'false',
        AGENTVITALS_CONSOLE_EXPORTER: '1',
      },
    });
    expect(issues).toEqual([
      expect.stringMatching(/^thoughts.redact is false \(from AGENTVITALS_REDACT_THOUGHTS\)/),
      expect.stringMatching(/^console is true \(from AGENTVITALS_CONSOLE_EXPORTER\)/),
    ]);
  });

  it('allows the same settings outside prod, and thoughts to the logger at info in prod', () => {
    const risky = {
      ...base,
      console: true,
      thoughts: { redact: false },
      logger: { level: 'debug' as const },
    };
    expect(resolveConfig({ ...risky, environment: 'staging' }).console).toBe(true);
    expect(
      resolveConfig({ ...base, environment: 'prod', thoughts: { toLogger: true } }).thoughts.toLogger,
    ).toBe(true);
    expect(
      resolveConfig({ ...base, environment: 'prod', thoughts: { enabled: false, redact: false } })
        .environment,
    ).toBe('prod');
  });
});
