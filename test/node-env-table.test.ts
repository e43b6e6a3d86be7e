// Every row of the environment-variable table in docs/node.md, read as a user reads it: the
// variable sets the option it names, an option given in code wins over it, and an empty value
// counts as unset.
import { readFileSync } from 'node:fs';
import { resolveConfig } from '@agentvitals/node';
import { describe, expect, it } from 'vitest';

const doc = readFileSync(new URL('../docs/node.md', import.meta.url), 'utf8');
const table = doc.split('## Environment variables')[1]!.split('\n## ')[0]!;
const rows = [...table.matchAll(/^\| `(\w+)` \| `([^`]+)` \|/gm)].map((match) => ({
  variable: match[1]!,
  sets: match[2]!.split(', '),
}));

// A value for each variable and what the option it sets then holds (read from the doc's words).
const SAMPLES: Readonly<Record<string, { value: string; expected: unknown }>> = {
  OTEL_SDK_DISABLED: { value: 'true', expected: true },
  OTEL_SERVICE_NAME: { value: 'billing', expected: 'billing' },
  OTEL_RESOURCE_ATTRIBUTES: { value: 'team=support%20desk', expected: { team: 'support desk' } },
  OTEL_EXPORTER_OTLP_ENDPOINT: { value: 'http://127.0.0.1:4318', expected: 'http://127.0.0.1:4318' },
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: {
    value: 'http://127.0.0.1:4318/t',
    expected: 'http://127.0.0.1:4318/t',
  },
  OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: {
    value: 'http://127.0.0.1:4318/m',
    expected: 'http://127.0.0.1:4318/m',
  },
  OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: { value: 'http://127.0.0.1:4318/l', expected: 'http://127.0.0.1:4318/l' },
  OTEL_EXPORTER_OTLP_HEADERS: { value: 'authorization=Bearer%20t', expected: { authorization: 'Bearer t' } },
  OTEL_EXPORTER_OTLP_PROTOCOL: { value: 'http/json', expected: 'http/json' },
  OTEL_EXPORTER_OTLP_TIMEOUT: { value: '2500', expected: 2500 },
  OTEL_TRACES_EXPORTER: { value: 'none', expected: false },
  OTEL_LOGS_EXPORTER: { value: 'none', expected: false },
  OTEL_METRICS_EXPORTER: { value: 'none', expected: false },
  OTEL_METRIC_EXPORT_INTERVAL: { value: '15000', expected: 15000 },
  AGENTVITALS_ENVIRONMENT: { value: 'staging', expected: 'staging' },
  AGENTVITALS_AGENT_NAME: { value: 'refund-bot', expected: 'refund-bot' },
  AGENTVITALS_AGENT_ID: { value: 'refund-bot-v2', expected: 'refund-bot-v2' },
  AGENTVITALS_SERVICE_VERSION: { value: '1.2.3', expected: '1.2.3' },
  AGENTVITALS_PROMETHEUS: { value: 'false', expected: false },
  AGENTVITALS_PROMETHEUS_HOST: { value: '0.0.0.0', expected: '0.0.0.0' },
  AGENTVITALS_PROMETHEUS_PORT: { value: '0', expected: 0 },
  AGENTVITALS_PROMETHEUS_PATH: { value: '/internal/metrics', expected: '/internal/metrics' },
  AGENTVITALS_LOG_LEVEL: { value: 'warn', expected: 'warn' },
  AGENTVITALS_CAPTURE_THOUGHTS: { value: 'false', expected: false },
  AGENTVITALS_REDACT_THOUGHTS: { value: 'false', expected: false },
  AGENTVITALS_THOUGHTS_TO_LOGGER: { value: 'false', expected: false },
  AGENTVITALS_CONSOLE_EXPORTER: { value: 'true', expected: true },
  AGENTVITALS_METRIC_CARDINALITY_LIMIT: { value: '500', expected: 500 },
  AGENTVITALS_PROCESS_METRICS: { value: 'false', expected: false },
  AGENTVITALS_GEN_AI_STREAMS: { value: 'false', expected: false },
  AGENTVITALS_HEARTBEAT_INTERVAL_MS: { value: '2000', expected: 2000 },
  AGENTVITALS_SHUTDOWN_TIMEOUT_MS: { value: '750', expected: 750 },
};

// Where the resolved configuration keeps an option whose path differs from the option's.
const RESOLVED_PATH: Readonly<Record<string, string>> = {
  'otlp.tracesEndpoint': 'otlp.urls.traces',
  'otlp.metricsEndpoint': 'otlp.urls.metrics',
  'otlp.logsEndpoint': 'otlp.urls.logs',
};

// Some name is required: a service name, unless that is the variable under test.
const baseEnv = (variable: string): Record<string, string> =>
  variable === 'OTEL_SERVICE_NAME' ? { AGENTVITALS_AGENT_NAME: 'bot' } : { OTEL_SERVICE_NAME: 'svc' };

const read = (config: unknown, path: string): unknown =>
  (RESOLVED_PATH[path] ?? path)
    .split('.')
    .reduce<unknown>((value, key) => (value as Record<string, unknown>)?.[key], config);

describe('docs/node.md: environment variables', () => {
  it('lists the variables this test has a sample for, and no other', () => {
    expect(rows.map((row) => row.variable).sort()).toEqual(Object.keys(SAMPLES).sort());
  });

  it.each(rows)('$variable sets $sets', ({ variable, sets }) => {
    const sample = SAMPLES[variable]!;
    const env = { ...baseEnv(variable), [variable]: sample.value };
    const config = resolveConfig({ env });
    const path = sets[0]!;
    if (path === 'resourceAttributes' || path === 'otlp.headers') {
      expect(read(config, path)).toMatchObject(sample.expected as object);
    } else if (path === 'disabled') {
      expect(config.disabled).toBe(true);
    } else {
      expect(read(config, path)).toEqual(sample.expected);
    }
    for (const other of sets.slice(1)) {
      // OTEL_METRICS_EXPORTER=none switches the Prometheus endpoint off too.
      expect(read(config, other)).toBe(false);
    }
  });

  it.each(rows)('$variable counts as unset when empty', ({ variable }) => {
    const unset = resolveConfig({ env: baseEnv(variable) });
    const empty = resolveConfig({ env: { ...baseEnv(variable), [variable]: '' } });
    const { serviceInstanceId: _a, ...expected } = unset;
    const { serviceInstanceId: _b, ...actual } = empty;
    expect(actual).toEqual(expected);
  });

  it('an option given in code wins over the variable', () => {
    const config = resolveConfig({
      agentName: 'from-code',
      logger: { level: 'error' },
      prometheus: { port: 9999 },
      env: {
        AGENTVITALS_AGENT_NAME: 'from-env',
        AGENTVITALS_LOG_LEVEL: 'warn',
        AGENTVITALS_PROMETHEUS_PORT: '1234',
      },
    });
    expect(config.agentName).toBe('from-code');
    expect(config.logger.level).toBe('error');
    expect(config.prometheus.port).toBe(9999);
  });

  it('the Environments table gives each environment its defaults', () => {
    const environments = doc.split('## Environments')[1]!.split('\n## ')[0]!;
    const cell = (setting: string) => {
      const row = new RegExp(`^\\| \`${setting.replace('.', '\\.')}\` \\| (.+) \\|$`, 'm').exec(
        environments,
      )!;
      return row[1]!.split(' | ').map((text) => text.replace(/`/g, '').split(' ')[0]);
    };
    const values = {
      'logger.level': cell('logger.level'),
      'thoughts.toLogger': cell('thoughts.toLogger').map((text) => text === 'true'),
      'metrics.exportIntervalMs': cell('metrics.exportIntervalMs').map(Number),
    };
    (['dev', 'staging', 'prod'] as const).forEach((environment, column) => {
      const config = resolveConfig({ agentName: 'bot', environment, env: {} });
      expect(config.logger.level).toBe(values['logger.level'][column]);
      expect(config.thoughts.toLogger).toBe(values['thoughts.toLogger'][column]);
      expect(config.metrics.exportIntervalMs).toBe(values['metrics.exportIntervalMs'][column]);
      expect(config.thoughts.redact).toBe(true);
      expect(config.console).toBe(false);
      expect(config.prometheus).toMatchObject({
        enabled: true,
        host: '127.0.0.1',
        port: 9464,
        path: '/metrics',
      });
    });
  });
});
