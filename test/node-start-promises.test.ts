// Promises of docs/node.md, checked through the public package as a user would.
import { createServer, type Server } from 'node:net';
import { createGuard } from '@agentvitals/alerts';
import { isPolicyDeniedError } from '@agentvitals/core';
import { type AgentVitalsNode, isConfigurationError, start } from '@agentvitals/node';
import { afterEach, describe, expect, it } from 'vitest';

const started: AgentVitalsNode[] = [];
const quiet = { write() {} };
type Options = NonNullable<Parameters<typeof start>[0]>;

async function boot(options: Options): Promise<AgentVitalsNode> {
  const av = await start({
    signals: false,
    env: {},
    prometheus: { port: 0 },
    logger: { destination: quiet },
    ...options,
  });
  started.push(av);
  return av;
}
afterEach(async () => {
  await Promise.all(started.splice(0).map((av) => av.shutdown()));
});

async function refusal(options: Options): Promise<Error> {
  const outcome = await boot(options).then(
    () => undefined,
    (error: unknown) => error as Error,
  );
  if (outcome === undefined) throw new Error(`start() accepted ${JSON.stringify(options)}`);
  return outcome;
}

async function listening(): Promise<{ server: Server; port: number }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as { port: number }).port };
}

describe('start(): a bad option rejects with one ConfigurationError', () => {
  it.each([
    ['an agent name over 128 characters', { agentName: 'a'.repeat(129) }, 'agentName'],
    [
      'an agent name defaulted from a service name over 128 characters',
      { serviceName: 's'.repeat(129) },
      'agentName',
    ],
    [
      'AGENTVITALS_AGENT_NAME over 128 characters',
      { env: { AGENTVITALS_AGENT_NAME: 'e'.repeat(129) } },
      'AGENTVITALS_AGENT_NAME',
    ],
    [
      'a bad createVitals limit',
      { agentName: 'bot', vitals: { limits: { maxToolNames: -1 } } },
      'vitals.limits.maxToolNames',
    ],
    [
      'a negative price',
      { agentName: 'bot', vitals: { pricing: { 'my-model': { input: -1, output: 1 } } } },
      'vitals.pricing',
    ],
    [
      'a sentiment threshold outside -1..1',
      { agentName: 'bot', vitals: { sentiment: { negativeAtOrBelow: 5 } } },
      'vitals.sentiment.negativeAtOrBelow',
    ],
    [
      'a redaction pattern that is not one',
      { agentName: 'bot', thoughts: { patterns: ['not a pattern'] } },
      'thoughts.patterns[0]',
    ],
  ] as Array<[string, Options, string]>)('%s', async (_what, options, field) => {
    const error = await refusal(options);
    expect(isConfigurationError(error), error.message).toBe(true);
    expect(error.message).toContain(field);
  });

  it('lists every bad environment variable in the one error', async () => {
    const error = await refusal({
      agentName: 'bot',
      env: {
        AGENTVITALS_PROMETHEUS_PORT: 'abc',
        AGENTVITALS_METRIC_CARDINALITY_LIMIT: 'NaN',
        AGENTVITALS_SHUTDOWN_TIMEOUT_MS: 'Infinity',
        AGENTVITALS_HEARTBEAT_INTERVAL_MS: '1e400',
        OTEL_EXPORTER_OTLP_TIMEOUT: '-5',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
        AGENTVITALS_LOG_LEVEL: 'verbose',
      },
    });
    expect(isConfigurationError(error)).toBe(true);
    for (const name of [
      'AGENTVITALS_PROMETHEUS_PORT',
      'AGENTVITALS_METRIC_CARDINALITY_LIMIT',
      'AGENTVITALS_SHUTDOWN_TIMEOUT_MS',
      'AGENTVITALS_HEARTBEAT_INTERVAL_MS',
      'OTEL_EXPORTER_OTLP_TIMEOUT',
      'OTEL_EXPORTER_OTLP_PROTOCOL',
      'AGENTVITALS_LOG_LEVEL',
    ]) {
      expect(error.message).toContain(name);
    }
  });

  it('does not echo a malformed OTEL_EXPORTER_OTLP_HEADERS entry: it holds a credential', async () => {
    const token = 'sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz0123';
    const error = await refusal({
      agentName: 'bot',
      env: { OTEL_EXPORTER_OTLP_HEADERS: `authorization: Bearer ${token}` },
    });
    expect(isConfigurationError(error)).toBe(true);
    expect(error.message).toContain('OTEL_EXPORTER_OTLP_HEADERS');
    expect(error.message).not.toContain(token);
  });

  it.each([
    { shutdownTimeoutMs: Number.NaN },
    { shutdownTimeoutMs: Number.POSITIVE_INFINITY },
    { shutdownTimeoutMs: -1 },
    { prometheus: { port: 65_536 } },
    { prometheus: { port: 1.5 } },
    { otlp: { timeoutMs: Number.NaN } },
    { prometheus: { path: 'metrics' } },
    { otlp: { endpoint: 'ftp://collector' } },
  ] as Options[])('refuses %j', async (options) => {
    expect(isConfigurationError(await refusal({ agentName: 'bot', ...options }))).toBe(true);
  });

  it('leaves nothing running: the same port binds again after a refusal found past the bind', async () => {
    const { server, port } = await listening();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const error = await refusal({ agentName: 'bot', prometheus: { port }, vitals: { clock: 5 as never } });
    expect(isConfigurationError(error)).toBe(true);
    const av = await boot({ agentName: 'bot', prometheus: { port } });
    expect(av.prometheus?.port).toBe(port);
  });
});

describe('start(): environment', () => {
  it('rejects AGENTVITALS_ENVIRONMENT and OTEL_RESOURCE_ATTRIBUTES that disagree, naming both', async () => {
    const error = await refusal({
      agentName: 'bot',
      env: {
        AGENTVITALS_ENVIRONMENT: 'prod',
        OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment.name=staging',
      },
    });
    expect(isConfigurationError(error)).toBe(true);
    expect(error.message).toContain('AGENTVITALS_ENVIRONMENT');
    expect(error.message).toContain('OTEL_RESOURCE_ATTRIBUTES');
  });

  it('reads production and development in OTEL_RESOURCE_ATTRIBUTES as prod and dev', async () => {
    const prod = await boot({
      agentName: 'bot',
      env: { OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment.name=production' },
    });
    expect(prod.config.environment).toBe('prod');
    await prod.shutdown();
    const dev = await boot({
      agentName: 'bot',
      env: { OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment.name=development' },
    });
    expect(dev.config.environment).toBe('dev');
  });

  it('refuses any other environment name', async () => {
    const error = await refusal({
      agentName: 'bot',
      env: { OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment.name=qa' },
    });
    expect(isConfigurationError(error)).toBe(true);
  });

  it('counts empty variables as unset', async () => {
    const av = await boot({
      agentName: 'bot',
      env: { OTEL_SERVICE_NAME: '', AGENTVITALS_ENVIRONMENT: '', AGENTVITALS_PROMETHEUS_PORT: '' },
    });
    expect(av.config.serviceName).toBe('bot');
    expect(av.config.environment).toBe('dev');
  });

  it('takes service.name from resourceAttributes over OTEL_SERVICE_NAME', async () => {
    const av = await boot({
      agentName: 'bot',
      resourceAttributes: { 'service.name': 'from-options' },
      env: { OTEL_SERVICE_NAME: 'from-env' },
    });
    expect(av.config.serviceName).toBe('from-options');
  });

  it('refuses in prod, in one error, each dev-only setting', async () => {
    const error = await refusal({
      agentName: 'bot',
      environment: 'prod',
      console: true,
      thoughts: { redact: false, toLogger: true },
      logger: { level: 'debug', destination: quiet },
    });
    expect(isConfigurationError(error)).toBe(true);
    expect(error.message).toMatch(/thoughts\.redact/);
    expect(error.message).toMatch(/console/);
    expect(error.message).toMatch(/thoughts\.toLogger/);
  });
});

describe('start(): metrics.cardinalityLimit', () => {
  it('keeps at most that many series per instrument, the overflow series included', async () => {
    const av = await boot({ agentName: 'bot', metrics: { cardinalityLimit: 3 } });
    for (let index = 0; index < 10; index++) await av.vitals.tool(`tool_${index}`, () => index)();
    const text = await (await fetch(av.prometheus!.url)).text();
    const series = text.split('\n').filter((line) => line.startsWith('agent_tool_calls_total{'));
    expect(series).toHaveLength(3);
    expect(series.filter((line) => line.includes('otel_metric_overflow="true"'))).toEqual([
      expect.stringMatching(/ 8$/),
    ]);
  });
});

describe('start(): av.createVitals', () => {
  it("records into the same endpoint; start()'s guard guards av.vitals only, a guard passed guards the new agent", async () => {
    const guard = createGuard({
      rules: [],
      policy: { roles: { bot: { deny: ['shell'] } }, defaultRole: 'bot' },
    });
    try {
      const av = await boot({ agentName: 'support-bot', guard });
      const shell = async (_command: string) => 'ran';
      await expect(av.vitals.tool('shell', shell)('ls')).rejects.toSatisfy(isPolicyDeniedError);
      const unguarded = av.createVitals({ agentName: 'billing-bot' });
      await expect(unguarded.tool('shell', shell)('ls')).resolves.toBe('ran');
      const guarded = av.createVitals({ agentName: 'refund-bot', guard });
      await expect(guarded.tool('shell', shell)('ls')).rejects.toSatisfy(isPolicyDeniedError);
      const text = await (await fetch(av.prometheus!.url)).text();
      for (const agent of ['support-bot', 'billing-bot', 'refund-bot']) {
        expect(text).toMatch(new RegExp(`^agent_tool_calls_total\\{gen_ai_agent_name="${agent}"`, 'm'));
      }
    } finally {
      await guard.shutdown();
    }
  });
});

describe('start(): one SDK per process, shutdown', () => {
  it('a port in use rejects naming the port, and nothing is left running', async () => {
    const { server, port } = await listening();
    try {
      const error = await refusal({ agentName: 'bot', prometheus: { port } });
      expect(error.message).toContain(String(port));
      const av = await boot({ agentName: 'bot' });
      expect(av.prometheus?.port).toBeGreaterThan(0);
    } finally {
      server.close();
    }
  });

  it('a host that is not an address of this machine rejects naming the host setting, not the port', async () => {
    // 192.0.2.1 is TEST-NET-1: binding it fails locally (EADDRNOTAVAIL), nothing is sent.
    const error = await refusal({ agentName: 'bot', prometheus: { port: 0, host: '192.0.2.1' } });
    expect(error.message).toContain('192.0.2.1');
    expect(error.message).toContain('prometheus.host');
    expect(error.message).not.toContain('to a free port');
    const av = await boot({ agentName: 'bot' });
    expect(av.prometheus?.port).toBeGreaterThan(0);
  });

  it('of two concurrent starts exactly one wins', async () => {
    const results = await Promise.allSettled([boot({ agentName: 'a' }), boot({ agentName: 'b' })]);
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
  });

  it('shutdown is idempotent, and the vitals and logger keep working after it', async () => {
    const av = await boot({ agentName: 'bot' });
    const first = av.shutdown();
    expect(av.shutdown()).toBe(first);
    await expect(first).resolves.toBeUndefined();
    const result = await av.vitals.run(async () => av.vitals.tool('kb.search', () => 'hit')());
    expect(result).toBe('hit');
    av.logger.info('after shutdown');
    await av.flush();
    expect(av.shutdown()).toBe(first);
    const again = await boot({ agentName: 'bot' });
    expect(again.prometheus).toBeDefined();
  });

  it('disabled starts no endpoint and claims nothing, and the vitals still run', async () => {
    const av = await boot({ agentName: 'bot', env: { OTEL_SDK_DISABLED: 'true' } });
    expect(av.prometheus).toBeUndefined();
    expect(await av.vitals.run(async () => 42)).toBe(42);
    const live = await boot({ agentName: 'bot' });
    expect(live.prometheus).toBeDefined();
  });
});
