import { diag } from '@opentelemetry/api';
import { parseKeyValueList } from './key-value-list.js';

const log = diag.createComponentLogger({ namespace: '@agentvitals/node' });

/**
 * OTEL_SDK_DISABLED as the OpenTelemetry specification reads it: only `true` (any case)
 * disables; any other value is false, with a warning for one that is not `false` either
 * (`1`, `yes`), since whoever set it most likely meant to disable the SDK.
 */
function sdkDisabledFrom(text: string): { value: boolean } {
  const lower = text.toLowerCase();
  if (lower !== 'true' && lower !== 'false') {
    log.warn(
      `OTEL_SDK_DISABLED=${JSON.stringify(text.slice(0, 20))} is read as false, as the OpenTelemetry specification says: only "true" disables the SDK`,
    );
  }
  return { value: lower === 'true' };
}

/** The environment variables `start()` reads, as a partial options object plus one reason per bad variable. */
export interface EnvReading {
  readonly options: Record<string, unknown>;
  /** Path in the options object (`prometheus.port`) → the variable it came from. */
  readonly sources: ReadonlyMap<string, string>;
  readonly issues: readonly string[];
  readonly sdkDisabled: boolean;
}

type Parsed = { value: unknown } | { error: string };

export interface EnvVariable {
  readonly name: string;
  /** Option path(s) it sets; documentation only for multi-target variables. */
  readonly path: string;
  readonly description: string;
  readonly parse: (text: string) => Parsed | Array<{ path: string; value: unknown }>;
}

const TRUE = new Set(['true', '1', 'yes', 'on']);
const FALSE = new Set(['false', '0', 'no', 'off']);

const asString = (text: string): Parsed => ({ value: text });
const asBoolean = (text: string): Parsed => {
  const lower = text.toLowerCase();
  if (TRUE.has(lower)) return { value: true };
  if (FALSE.has(lower)) return { value: false };
  return { error: `"${text}" is not a boolean (use true or false)` };
};
const asInteger = (text: string): Parsed =>
  /^-?\d+$/.test(text) ? { value: Number(text) } : { error: `"${text}" is not an integer` };
const asKeyValues = (text: string): Parsed => {
  const result = parseKeyValueList(text);
  return 'error' in result ? result : { value: result.entries };
};
const asSecretKeyValues = (text: string): Parsed => {
  const result = parseKeyValueList(text, { secretValues: true });
  return 'error' in result ? result : { value: result.entries };
};

const exporterList = (
  text: string,
  allowed: readonly string[],
): { names: Set<string> } | { error: string } => {
  const names = new Set(
    text
      .split(',')
      .map((name) => name.trim().toLowerCase())
      .filter(Boolean),
  );
  for (const name of names) {
    if (!allowed.includes(name)) {
      return {
        error: `"${name}" is not supported here (use ${allowed.join(', ')}; for stdout output set AGENTVITALS_CONSOLE_EXPORTER=true)`,
      };
    }
  }
  return { names };
};

const signalExporter =
  (path: string) =>
  (text: string): Parsed | Array<{ path: string; value: unknown }> => {
    const list = exporterList(text, ['otlp', 'none']);
    if ('error' in list) return list;
    return [{ path, value: list.names.has('otlp') }];
  };

/** Every variable, in documentation order. Options passed to `start()` win over all of them. */
export const ENV_VARIABLES: readonly EnvVariable[] = [
  {
    name: 'OTEL_SDK_DISABLED',
    path: 'disabled',
    description:
      '`true` (any case) starts without exporting anything; `av.vitals` still works. Any other value is false, with a warning unless it is `false`.',
    parse: sdkDisabledFrom,
  },
  { name: 'OTEL_SERVICE_NAME', path: 'serviceName', description: '`service.name`.', parse: asString },
  {
    name: 'OTEL_RESOURCE_ATTRIBUTES',
    path: 'resourceAttributes',
    description:
      'Extra resource attributes, `key=value,key2=value2` (percent-encoded values). `deployment.environment.name` here sets the environment when nothing more specific does (`production` and `development` read as prod and dev) and must agree with AGENTVITALS_ENVIRONMENT and the `environment` option.',
    parse: asKeyValues,
  },
  {
    name: 'OTEL_EXPORTER_OTLP_ENDPOINT',
    path: 'otlp.endpoint',
    description:
      'Base URL of the OTLP/HTTP receiver; `/v1/traces`, `/v1/metrics` and `/v1/logs` are appended. Setting it turns OTLP export on.',
    parse: asString,
  },
  ...(['traces', 'metrics', 'logs'] as const).map(
    (signal): EnvVariable => ({
      name: `OTEL_EXPORTER_OTLP_${signal.toUpperCase()}_ENDPOINT`,
      path: `otlp.${signal}Endpoint`,
      description: `Full URL for ${signal}, used as-is (no \`/v1/${signal}\` appended); wins over OTEL_EXPORTER_OTLP_ENDPOINT and turns ${signal} export on.`,
      parse: asString,
    }),
  ),
  {
    name: 'OTEL_EXPORTER_OTLP_HEADERS',
    path: 'otlp.headers',
    description: 'Export headers, `key=value,key2=value2` (percent-encoded values).',
    parse: asSecretKeyValues,
  },
  {
    name: 'OTEL_EXPORTER_OTLP_PROTOCOL',
    path: 'otlp.protocol',
    description: '`http/protobuf` or `http/json` (gRPC is not supported).',
    parse: asString,
  },
  {
    name: 'OTEL_EXPORTER_OTLP_TIMEOUT',
    path: 'otlp.timeoutMs',
    description: 'Export request timeout in ms.',
    parse: asInteger,
  },
  {
    name: 'OTEL_TRACES_EXPORTER',
    path: 'otlp.traces',
    description: '`otlp` or `none`.',
    parse: signalExporter('otlp.traces'),
  },
  {
    name: 'OTEL_LOGS_EXPORTER',
    path: 'otlp.logs',
    description: '`otlp` or `none`.',
    parse: signalExporter('otlp.logs'),
  },
  {
    name: 'OTEL_METRICS_EXPORTER',
    path: 'otlp.metrics, prometheus.enabled',
    description:
      'Comma list of `otlp`, `prometheus`, or `none`: switches OTLP metric export and the Prometheus endpoint.',
    parse: (text) => {
      const list = exporterList(text, ['otlp', 'prometheus', 'none']);
      if ('error' in list) return list;
      return [
        { path: 'otlp.metrics', value: list.names.has('otlp') },
        { path: 'prometheus.enabled', value: list.names.has('prometheus') },
      ];
    },
  },
  {
    name: 'OTEL_METRIC_EXPORT_INTERVAL',
    path: 'metrics.exportIntervalMs',
    description: 'OTLP metric export interval in ms.',
    parse: asInteger,
  },
  {
    name: 'AGENTVITALS_ENVIRONMENT',
    path: 'environment',
    description: '`dev`, `staging` or `prod`.',
    parse: asString,
  },
  {
    name: 'AGENTVITALS_AGENT_NAME',
    path: 'agentName',
    description: '`gen_ai.agent.name` of `av.vitals`.',
    parse: asString,
  },
  {
    name: 'AGENTVITALS_AGENT_ID',
    path: 'agentId',
    description: '`gen_ai.agent.id` on the resource.',
    parse: asString,
  },
  {
    name: 'AGENTVITALS_SERVICE_VERSION',
    path: 'serviceVersion',
    description: '`service.version`.',
    parse: asString,
  },
  {
    name: 'AGENTVITALS_PROMETHEUS',
    path: 'prometheus.enabled',
    description: '`false` turns the Prometheus endpoint off.',
    parse: asBoolean,
  },
  {
    name: 'AGENTVITALS_PROMETHEUS_HOST',
    path: 'prometheus.host',
    description: 'Interface the Prometheus endpoint binds.',
    parse: asString,
  },
  {
    name: 'AGENTVITALS_PROMETHEUS_PORT',
    path: 'prometheus.port',
    description: 'Port of the Prometheus endpoint (0: any free port).',
    parse: asInteger,
  },
  {
    name: 'AGENTVITALS_PROMETHEUS_PATH',
    path: 'prometheus.path',
    description: 'Path of the Prometheus endpoint.',
    parse: asString,
  },
  {
    name: 'AGENTVITALS_LOG_LEVEL',
    path: 'logger.level',
    description: 'pino level: `fatal` … `trace`, or `silent`.',
    parse: asString,
  },
  {
    name: 'AGENTVITALS_CAPTURE_THOUGHTS',
    path: 'thoughts.enabled',
    description: 'Record chain-of-thought log records.',
    parse: asBoolean,
  },
  {
    name: 'AGENTVITALS_REDACT_THOUGHTS',
    path: 'thoughts.redact',
    description: 'Redact thoughts (`false` is refused in prod).',
    parse: asBoolean,
  },
  {
    name: 'AGENTVITALS_THOUGHTS_TO_LOGGER',
    path: 'thoughts.toLogger',
    description: 'Also write thoughts to `av.logger`.',
    parse: asBoolean,
  },
  {
    name: 'AGENTVITALS_CONSOLE_EXPORTER',
    path: 'console',
    description: 'Print spans, metrics and log records to stdout (refused in prod).',
    parse: asBoolean,
  },
  {
    name: 'AGENTVITALS_METRIC_CARDINALITY_LIMIT',
    path: 'metrics.cardinalityLimit',
    description: 'Series per instrument, the overflow series included.',
    parse: asInteger,
  },
  {
    name: 'AGENTVITALS_PROCESS_METRICS',
    path: 'metrics.processMetrics',
    description: 'Record process CPU, memory, event-loop delay and heartbeat.',
    parse: asBoolean,
  },
  {
    name: 'AGENTVITALS_GEN_AI_STREAMS',
    path: 'metrics.genAiStreams',
    description:
      'Also record durations under their GenAI semantic-convention names (`gen_ai.client.operation.duration`, ...).',
    parse: asBoolean,
  },
  {
    name: 'AGENTVITALS_HEARTBEAT_INTERVAL_MS',
    path: 'metrics.heartbeatIntervalMs',
    description: 'Process heartbeat interval in ms.',
    parse: asInteger,
  },
  {
    name: 'AGENTVITALS_SHUTDOWN_TIMEOUT_MS',
    path: 'shutdownTimeoutMs',
    description: 'Longest time shutdown may take, in ms.',
    parse: asInteger,
  },
];

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (typeof next === 'object' && next !== null) node = next as Record<string, unknown>;
    else {
      const created: Record<string, unknown> = {};
      node[key] = created;
      node = created;
    }
  }
  node[keys[keys.length - 1]!] = value;
}

/** Reads every known variable from `env`; empty values count as unset (as the OTel specification says). */
export function readEnv(env: Readonly<Record<string, string | undefined>>): EnvReading {
  const options: Record<string, unknown> = {};
  const sources = new Map<string, string>();
  const issues: string[] = [];
  let sdkDisabled = false;
  for (const variable of ENV_VARIABLES) {
    const text = env[variable.name]?.trim();
    if (text === undefined || text === '') continue;
    const parsed = variable.parse(text);
    if (Array.isArray(parsed)) {
      for (const { path, value } of parsed) {
        setPath(options, path, value);
        sources.set(path, variable.name);
      }
    } else if ('error' in parsed) {
      issues.push(`${variable.name}: ${parsed.error}`);
    } else if (variable.name === 'OTEL_SDK_DISABLED') {
      sdkDisabled = parsed.value === true;
    } else {
      setPath(options, variable.path, parsed.value);
      sources.set(variable.path, variable.name);
    }
  }
  return { options, sources, issues, sdkDisabled };
}
