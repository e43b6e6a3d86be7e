import { z } from 'zod';

/** Deployment environments; each has its own defaults (see `ENVIRONMENT_DEFAULTS`). */
export const ENVIRONMENTS = ['dev', 'staging', 'prod'] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const OTLP_PROTOCOLS = ['http/protobuf', 'http/json'] as const;
export type OtlpProtocol = (typeof OTLP_PROTOCOLS)[number];

/** Signals `start()` can handle; others are refused because their default action is not termination. */
export const SHUTDOWN_SIGNALS = ['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGQUIT', 'SIGUSR2', 'SIGBREAK'] as const;
export type ShutdownSignal = (typeof SHUTDOWN_SIGNALS)[number];

const nonEmpty = z.string().trim().min(1, 'must be a non-empty string');
const positiveMs = (max: number) =>
  z
    .number()
    .int('must be an integer number of milliseconds')
    .positive('must be greater than 0')
    .max(max, `must be at most ${max}`);

const attributeValue = z.union([z.string(), z.number().finite(), z.boolean()]);

const isWritable = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && typeof (value as { write?: unknown }).write === 'function';

const isGuard = (value: unknown): boolean =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { check?: unknown }).check === 'function' &&
  typeof (value as { attach?: unknown }).attach === 'function';

const GUARD_MESSAGE = 'must be a Guard (an object with check() and attach()) or a list of them';
const guardSchema = z.custom<unknown>(isGuard, GUARD_MESSAGE);

export const envOptionSchema = z
  .record(z.string(), z.string().optional())
  .optional()
  .describe('The environment variables to read. Default process.env.');

export const prometheusSchema = z
  .strictObject({
    enabled: z.boolean().optional().describe('Serve metrics for Prometheus to scrape. Default true.'),
    host: nonEmpty
      .optional()
      .describe('Interface to bind. Default 127.0.0.1 (loopback); use 0.0.0.0 to be scraped from outside.'),
    port: z
      .number()
      .int('must be an integer')
      .min(0, 'must be between 0 and 65535')
      .max(65535, 'must be between 0 and 65535')
      .optional()
      .describe('Port to bind. Default 9464; 0 picks a free port (read it from `av.prometheus.port`).'),
    path: z
      .string()
      .regex(/^\/[^\s?#]*$/, 'must start with / and contain no spaces, ? or #')
      .optional()
      .describe('Path of the metrics endpoint. Default /metrics.'),
  })
  .describe('The Prometheus endpoint.');

const httpUrl = () => z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' });
const signalEndpoint = (what: string, signal: string) =>
  httpUrl()
    .optional()
    .describe(
      `Full URL ${what} are sent to, used as-is (e.g. http://tempo:4318/v1/${signal}); wins over \`endpoint\`.`,
    );

export const otlpSchema = z
  .strictObject({
    endpoint: httpUrl()
      .optional()
      .describe(
        'Base URL of an OTLP/HTTP receiver, e.g. http://collector:4318; `/v1/traces`, `/v1/metrics` and `/v1/logs` are appended.',
      ),
    tracesEndpoint: signalEndpoint('spans', 'traces'),
    metricsEndpoint: signalEndpoint('metrics', 'metrics'),
    logsEndpoint: signalEndpoint('log records', 'logs'),
    headers: z
      .record(z.string(), z.string())
      .optional()
      .describe('Headers sent with every export (e.g. authorization).'),
    protocol: z
      .enum(OTLP_PROTOCOLS)
      .optional()
      .describe('Wire format: http/protobuf (default) or http/json.'),
    traces: z
      .boolean()
      .optional()
      .describe('Export spans. Default: true when an endpoint is configured, false otherwise.'),
    metrics: z
      .boolean()
      .optional()
      .describe('Export metrics. Default: true when an endpoint is configured, false otherwise.'),
    logs: z
      .boolean()
      .optional()
      .describe(
        'Export log records (thoughts). Default: true when an endpoint is configured, false otherwise.',
      ),
    timeoutMs: positiveMs(120_000).optional().describe('Timeout of one export request. Default 10000.'),
  })
  .describe('OTLP/HTTP export of traces, metrics and logs.');

export const metricsSchema = z
  .strictObject({
    exportIntervalMs: positiveMs(3_600_000)
      .optional()
      .describe('Interval of the OTLP metric export. Default 10000 in dev, 60000 otherwise.'),
    cardinalityLimit: z
      .number()
      .int('must be an integer')
      .min(2, 'must be at least 2')
      .max(1_000_000, 'must be at most 1000000')
      .optional()
      .describe(
        'Series kept per instrument, the overflow series included: the first limit − 1 attribute sets get their own series, further ones share one series with `otel.metric.overflow=true`. Default 2000.',
      ),
    processMetrics: z
      .boolean()
      .optional()
      .describe('Record CPU, memory, event-loop delay and the process heartbeat. Default true.'),
    heartbeatIntervalMs: positiveMs(3_600_000)
      .optional()
      .describe('Interval of the process heartbeat (`agent.process.heartbeat.timestamp`). Default 10000.'),
    genAiStreams: z
      .boolean()
      .optional()
      .describe(
        'Also record run, model-call and tool durations under their GenAI semantic-convention names (`gen_ai.invoke_agent.duration`, `gen_ai.client.operation.duration`, `gen_ai.execute_tool.duration`). Default true.',
      ),
  })
  .describe('Metric pipeline settings.');

export const loggerSchema = z
  .strictObject({
    level: z.enum(LOG_LEVELS).optional().describe('pino level. Default debug in dev, info otherwise.'),
    destination: z
      .custom<unknown>(isWritable, 'must be a writable stream (an object with write())')
      .optional()
      .describe('Where JSON lines go: any object with `write(line)`. Default stdout.'),
  })
  .describe('The pino logger `av.logger`.');

export const thoughtsSchema = z
  .strictObject({
    enabled: z.boolean().optional().describe('Record chain-of-thought as OTel log records. Default true.'),
    redact: z
      .boolean()
      .optional()
      .describe('Redact secrets and personal data from thoughts. Default true; false is refused in prod.'),
    patterns: z
      .array(z.unknown())
      .optional()
      .describe('Redaction patterns added to the built-in ones (see @agentvitals/core).'),
    maxBytes: z
      .number()
      .int('must be an integer')
      .min(16, 'must be at least 16')
      .max(1_048_576, 'must be at most 1048576')
      .optional()
      .describe('Longest thought recorded, in UTF-8 bytes. Default 8192.'),
    toLogger: z
      .boolean()
      .optional()
      .describe(
        'Also write thoughts (redacted) to `av.logger` at debug level. Default true in dev, false otherwise.',
      ),
  })
  .describe('Chain-of-thought capture.');

const isHoldTarget = (value: unknown): boolean =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { hold?: unknown }).hold === 'function' &&
  typeof (value as { release?: unknown }).release === 'function';

export const alertWebhookSchema = z
  .strictObject({
    path: z
      .string()
      .regex(/^\/[^\s?#]*$/, 'must start with / and contain no spaces, ? or #')
      .optional()
      .describe('Path of the webhook on the Prometheus endpoint server. Default /alerts.'),
    token: z
      .string()
      .min(16, 'must be at least 16 characters')
      .max(4096, 'must be at most 4096 characters')
      .regex(/^\S+$/, 'must contain no whitespace')
      .describe(
        'Bearer token Alertmanager presents (`http_config.authorization.credentials_file`). Required, at least 16 characters.',
      ),
    hold: z
      .custom<unknown>(
        isHoldTarget,
        'must have hold() and release() (createFleetHold() of @agentvitals/alerts)',
      )
      .describe(
        'What holds and releases agents: `createFleetHold({ guard })` of @agentvitals/alerts, also listed in `guard`.',
      ),
    alertNames: z
      .array(nonEmpty)
      .min(1, 'must name at least one alert')
      .max(100, 'must name at most 100 alerts')
      .optional()
      .describe('Alerts that hold the agent named in their labels. Default [AgentFleetCostSpike].'),
    agentLabel: nonEmpty.optional().describe('Label naming the agent. Default gen_ai_agent_name.'),
    maxBodyBytes: z
      .number()
      .int('must be an integer')
      .min(1024, 'must be at least 1024')
      .max(16_777_216, 'must be at most 16777216')
      .optional()
      .describe('Largest notification accepted; larger ones get 413. Default 1048576 (1 MiB).'),
  })
  .describe(
    "Serve Alertmanager's webhook (payload v4) on the Prometheus endpoint server: a firing fleet alert holds its agent, the resolved one releases it. Off by default.",
  );

export const startOptionsSchema = z.strictObject({
  serviceName: nonEmpty
    .optional()
    .describe(
      '`service.name`. Default: `service.name` in `resourceAttributes`, then OTEL_SERVICE_NAME, then `service.name` in OTEL_RESOURCE_ATTRIBUTES, then agentName.',
    ),
  serviceVersion: nonEmpty.optional().describe('`service.version`.'),
  serviceInstanceId: nonEmpty
    .optional()
    .describe('`service.instance.id`. Default: a random UUID per process start.'),
  agentName: nonEmpty
    .max(128, 'at most 128 characters')
    .optional()
    .describe('`gen_ai.agent.name` of `av.vitals`. Default: the service name. One of the two is required.'),
  agentId: nonEmpty.optional().describe('`gen_ai.agent.id` on the resource. Default: the agent name.'),
  environment: z
    .enum(ENVIRONMENTS)
    .optional()
    .describe(
      'dev, staging or prod. Default: `deployment.environment.name` in `resourceAttributes`, then AGENTVITALS_ENVIRONMENT, then `deployment.environment.name` in OTEL_RESOURCE_ATTRIBUTES, then prod if NODE_ENV=production, else dev. A `deployment.environment.name` that disagrees with another source is a configuration error.',
    ),
  resourceAttributes: z
    .record(z.string().min(1, 'keys must be non-empty'), attributeValue)
    .optional()
    .describe('Extra resource attributes; they win over OTEL_RESOURCE_ATTRIBUTES.'),
  prometheus: prometheusSchema.optional(),
  otlp: otlpSchema.optional(),
  metrics: metricsSchema.optional(),
  logger: loggerSchema.optional(),
  thoughts: thoughtsSchema.optional(),
  alertWebhook: alertWebhookSchema.optional(),
  console: z
    .boolean()
    .optional()
    .describe(
      'Also print spans, metrics and log records to stdout (debugging only; refused in prod). Default false.',
    ),
  tracing: z
    .boolean()
    .optional()
    .describe(
      'Record spans of runs, model calls and tool calls. Default true; false is metrics-only mode (`createVitals({ tracing: false })`): every metric and event, no span and no context switch per call.',
    ),
  guard: z
    .union([guardSchema, z.array(guardSchema)], { error: GUARD_MESSAGE })
    .optional()
    .describe('Guards for `av.vitals` (e.g. from `createGuard()` in @agentvitals/alerts).'),
  vitals: z
    .record(z.string(), z.unknown())
    .optional()
    .describe('Further `createVitals()` options for `av.vitals` (pricing, sentiment, limits, clock, ...).'),
  shutdownTimeoutMs: positiveMs(600_000)
    .optional()
    .describe('Longest time shutdown may take to flush everything. Default 5000.'),
  signals: z
    .union([z.literal(false), z.array(z.enum(SHUTDOWN_SIGNALS))], {
      error: `must be false or a list of ${SHUTDOWN_SIGNALS.join(', ')}`,
    })
    .optional()
    .describe('Signals that trigger a graceful shutdown, or false for none. Default [SIGTERM, SIGINT].'),
  disabled: z
    .boolean()
    .optional()
    .describe('Start without exporting anything (like OTEL_SDK_DISABLED=true). Default false.'),
  env: envOptionSchema,
});
