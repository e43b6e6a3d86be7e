import { createServer } from 'node:net';
import {
  METRIC_AGENT_RUNS,
  METRIC_AGENT_TOOL_CALLS,
  METRIC_CATALOG,
  PROCESS_METRIC_CATALOG,
} from '@agentvitals/core';
import { trace } from '@opentelemetry/api';
import { afterEach, describe, expect, it } from 'vitest';
import { isConfigurationError } from './config/configuration-error.js';
import { start } from './start.js';
import { captureLines, TEST_OPTIONS } from './test-support.js';
import type { AgentVitalsNode } from './types.js';

const started: AgentVitalsNode[] = [];
async function startForTest(options: Parameters<typeof start>[0] = {}): Promise<AgentVitalsNode> {
  const av = await start({ ...TEST_OPTIONS, agentName: 'support-bot', ...options });
  started.push(av);
  return av;
}
afterEach(async () => {
  await Promise.all(started.splice(0).map((av) => av.shutdown()));
});

async function scrape(av: AgentVitalsNode): Promise<string> {
  const response = await fetch(av.prometheus!.url);
  expect(response.status).toBe(200);
  return response.text();
}

describe('start(): Prometheus', () => {
  it('serves the catalog series on 127.0.0.1 after vitals calls', async () => {
    const av = await startForTest({ serviceName: 'support', metrics: { heartbeatIntervalMs: 20 } });
    expect(av.prometheus).toMatchObject({ host: '127.0.0.1', path: '/metrics' });
    expect(av.prometheus!.port).toBeGreaterThan(0);
    expect(av.prometheus!.url).toBe(`http://127.0.0.1:${av.prometheus!.port}/metrics`);

    const search = av.vitals.tool('kb.search', async (query: string) => `found ${query}`);
    await av.vitals.run(async () => {
      await av.vitals.reasoning(async () => 'plan', { model: 'gpt-4o', provider: 'openai' });
      await search('refund');
      av.vitals.usage({ inputTokens: 120, outputTokens: 30, model: 'gpt-4o', provider: 'openai' });
      av.vitals.action();
      av.vitals.sentiment(-0.5);
      av.vitals.heartbeat();
    });

    const text = await scrape(av);
    const runs = METRIC_CATALOG.find((m) => m.name === METRIC_AGENT_RUNS.name)!;
    const tools = METRIC_CATALOG.find((m) => m.name === METRIC_AGENT_TOOL_CALLS.name)!;
    expect(text).toMatch(
      new RegExp(
        `${runs.prometheusName}\\{[^}]*gen_ai_agent_name="support-bot"[^}]*agent_run_outcome="success"[^}]*\\} 1`,
      ),
    );
    expect(text).toMatch(new RegExp(`${tools.prometheusName}\\{[^}]*gen_ai_tool_name="kb.search"[^}]*\\} 1`));
    const families = new Set([...text.matchAll(/^# TYPE (\S+) /gm)].map((match) => match[1]));
    for (const name of [
      'agent_reasoning_duration_seconds',
      'gen_ai_client_token_usage',
      'agent_actions_total',
      'agent_heartbeat_timestamp_seconds',
      'agent_run_duration_seconds',
      'agent_tool_duration_seconds',
      // The GenAI semantic-convention streams of the same measurements.
      'gen_ai_client_operation_duration_seconds',
      'gen_ai_invoke_agent_duration_seconds',
      'gen_ai_execute_tool_duration_seconds',
    ]) {
      expect(families, name).toContain(name);
    }
    for (const metric of PROCESS_METRIC_CATALOG) expect(families).toContain(metric.prometheusName);
    expect(text).toMatch(
      /^gen_ai_execute_tool_duration_seconds_count\{[^}]*gen_ai_tool_name="kb.search"[^}]*gen_ai_operation_name="execute_tool"[^}]*\} 1$/m,
    );
    expect(text).toMatch(/target_info\{[^}]*service_name="support"/);
    expect((await fetch(`http://127.0.0.1:${av.prometheus!.port}/other`)).status).toBe(404);
  });

  it('keeps the process heartbeat fresh while a stuck agent loop’s heartbeat goes stale', async () => {
    let now = 1_800_000_000_000;
    const av = await startForTest({ metrics: { heartbeatIntervalMs: 10 }, vitals: { clock: () => now } });
    av.vitals.heartbeat();
    // The agent loop is stuck from here on; the process lives on for two minutes.
    now += 120_000;
    await new Promise((resolve) => setTimeout(resolve, 60));
    const text = await scrape(av);
    const value = (name: string) => Number(new RegExp(`^${name}\\{[^}]*\\} (\\S+)$`, 'm').exec(text)?.[1]);
    expect(value('agent_heartbeat_timestamp_seconds')).toBe(1_800_000_000);
    expect(value('agent_process_heartbeat_timestamp_seconds')).toBe(1_800_000_120);
  });

  it('caps cardinality with the overflow series', async () => {
    const av = await startForTest({ metrics: { cardinalityLimit: 5 } });
    const counter = av.meterProvider.getMeter('test').createCounter('runaway.total');
    for (let i = 0; i < 50; i++) counter.add(1, { user: `user-${i}` });
    const text = await scrape(av);
    const series = text.split('\n').filter((line) => line.startsWith('runaway_total'));
    expect(series).toHaveLength(5);
    expect(series.find((line) => line.includes('otel_metric_overflow="true"'))).toMatch(/ 46$/);
  });

  it('rejects with a clear error when the port is in use, leaving nothing behind and no unhandled rejection', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    const sigtermListeners = process.listenerCount('SIGTERM');
    try {
      // Default signals: a failed start must not leave its handlers installed.
      const failed = start({ agentName: 'support-bot', env: {}, prometheus: { port } });
      await expect(failed).rejects.toThrow(
        new RegExp(
          `Prometheus endpoint on 127.0.0.1:${port}: port ${port} is already in use \\(EADDRINUSE\\)`,
        ),
      );
      // Rejections are reported as unhandled after the microtask queue drains: give them a turn.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(unhandled).toEqual([]);
      expect(process.listenerCount('SIGTERM')).toBe(sigtermListeners);
      expect(trace.getTracer('x').startSpan('after a failed start').isRecording()).toBe(false);
      const av = await startForTest();
      expect(av.prometheus!.port).not.toBe(port);
    } finally {
      process.off('unhandledRejection', onUnhandled);
      blocker.close();
    }
  });

  it('can be switched off', async () => {
    const av = await startForTest({ prometheus: { enabled: false } });
    expect(av.prometheus).toBeUndefined();
  });
});

describe('start(): lifecycle', () => {
  it('refuses a second start while one is running, and allows one after shutdown', async () => {
    const first = await startForTest();
    await expect(startForTest()).rejects.toThrow(/already started in this process .*av.createVitals/);
    await first.shutdown();
    await expect(startForTest()).resolves.toBeDefined();
  });

  it('rejects a bad configuration with a ConfigurationError before binding anything', async () => {
    const error = await startForTest({ prometheus: { port: -1 }, logger: { level: 'loud' as never } }).catch(
      (e: unknown) => e,
    );
    expect(isConfigurationError(error)).toBe(true);
    await expect(startForTest()).resolves.toBeDefined();
  });

  it('shuts down idempotently, closing the endpoint and unregistering the globals', async () => {
    const av = await startForTest();
    expect(trace.getTracer('x').startSpan('before').isRecording()).toBe(true);
    const url = av.prometheus!.url;
    const first = av.shutdown();
    expect(av.shutdown()).toBe(first);
    await first;
    await av.shutdown();
    await expect(fetch(url)).rejects.toThrow();
    expect(trace.getTracer('x').startSpan('after').isRecording()).toBe(false);
  });

  it('works without exporting anything when disabled (OTEL_SDK_DISABLED)', async () => {
    const { stream, lines } = captureLines();
    const av = await startForTest({ env: { OTEL_SDK_DISABLED: 'true' }, logger: { destination: stream } });
    expect(av.config.disabled).toBe(true);
    expect(av.prometheus).toBeUndefined();
    const requestId = await av.vitals.run(async () => av.vitals.currentRequestId(), { requestId: 'r-1' });
    expect(requestId).toBe('r-1');
    // No real provider behind the vitals: spans do not record.
    const recording = await av.vitals.run(async () => trace.getActiveSpan()?.isRecording() ?? false);
    expect(recording).toBe(false);
    av.logger.info('still logging');
    expect(lines.at(-1)).toMatchObject({ msg: 'still logging' });
    const other = await start({ ...TEST_OPTIONS, agentName: 'second', disabled: true });
    await other.shutdown();
  });

  it('records metrics but no spans in metrics-only mode (tracing: false), for more vitals too', async () => {
    const av = await startForTest({ tracing: false });
    expect(av.config.tracing).toBe(false);
    const inTool = av.vitals.tool('kb.search', () => trace.getActiveSpan()?.isRecording() ?? false);
    expect(inTool()).toBe(false);
    const billing = av.createVitals({ agentName: 'billing-bot' });
    expect(billing.tool('kb.search', () => trace.getActiveSpan() !== undefined)()).toBe(false);
    // An instance may still ask for spans of its own.
    const traced = av.createVitals({ agentName: 'traced-bot', tracing: true });
    expect(traced.tool('kb.search', () => trace.getActiveSpan()?.isRecording() ?? false)()).toBe(true);
    expect(await scrape(av)).toMatch(
      /agent_tool_calls_total\{[^}]*gen_ai_agent_name="support-bot"[^}]*gen_ai_tool_name="kb.search"/,
    );
  });

  it('records spans by default', async () => {
    const av = await startForTest();
    expect(av.config.tracing).toBe(true);
    expect(av.vitals.tool('kb.search', () => trace.getActiveSpan()?.isRecording() ?? false)()).toBe(true);
  });

  it('creates more vitals on the same providers, refusing unredacted thoughts in prod', async () => {
    const av = await startForTest({ environment: 'prod' });
    const billing = av.createVitals({ agentName: 'billing-bot' });
    billing.action();
    expect(await scrape(av)).toMatch(/agent_actions_total\{[^}]*gen_ai_agent_name="billing-bot"/);
    expect(() => av.createVitals({ agentName: 'leaky', thoughts: { redact: false } })).toThrow(
      /refused in prod/,
    );
  });
});

describe('start(): logger', () => {
  it('writes JSON lines with trace, span and request ids inside a run and a span', async () => {
    const { stream, lines } = captureLines();
    const av = await startForTest({ serviceName: 'support', logger: { destination: stream, level: 'info' } });
    av.logger.info('outside');
    await av.vitals.run(
      async () => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        av.logger.info({ ticket: 7 }, 'inside');
      },
      { requestId: 'req-42' },
    );
    const outside = lines.find((line) => line.msg === 'outside')!;
    const inside = lines.find((line) => line.msg === 'inside')!;
    expect(outside).toMatchObject({
      level: 'info',
      'service.name': 'support',
      'gen_ai.agent.name': 'support-bot',
    });
    expect(outside.trace_id).toBeUndefined();
    expect(outside.request_id).toBeUndefined();
    expect(inside).toMatchObject({ ticket: 7, request_id: 'req-42', trace_flags: '01' });
    expect(inside.trace_id).toMatch(/^[0-9a-f]{32}$/);
    expect(inside.span_id).toMatch(/^[0-9a-f]{16}$/);
    expect(typeof inside.time).toBe('string');
  });

  it('writes thoughts, redacted, to the logger when thoughts.toLogger is on', async () => {
    const { stream, lines } = captureLines();
    const av = await startForTest({ logger: { destination: stream }, thoughts: { toLogger: true } });
    await av.vitals.run(async () => av.vitals.thought('mail jane.doe@example.com about the refund'), {
      requestId: 'req-7',
    });
    const thought = lines.find((line) => line.msg === 'agent.thought')!;
    expect(thought).toMatchObject({ level: 'debug', request_id: 'req-7' });
    expect(thought.thought).toMatch(/refund/);
    expect(thought.thought).not.toContain('jane.doe@example.com');
    expect(thought.trace_id).toMatch(/^[0-9a-f]{32}$/);
  });

  it('keeps thoughts out of the logger by default outside dev', async () => {
    const { stream, lines } = captureLines();
    const av = await startForTest({
      environment: 'staging',
      logger: { destination: stream, level: 'debug' },
    });
    av.vitals.thought('secret plan');
    expect(lines.filter((line) => line.msg === 'agent.thought')).toEqual([]);
  });
});
