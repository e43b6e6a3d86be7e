// docs/metrics.md read as a user reads it, checked against what a real start() serves on
// /metrics and what the test kit sees: every series recorded is documented, with the
// documented Prometheus type and only documented labels, and spans and thoughts carry what
// the doc lists.
import { readFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { callbackSink, consecutiveFailuresRule, createGuard } from '@agentvitals/alerts';
import { start } from '@agentvitals/node';
import { createTestKit } from '@agentvitals/testing';
import { SpanKind } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';

interface DocumentedInstrument {
  readonly name: string;
  readonly kind: string;
  readonly unit: string;
  readonly prometheus: string;
  readonly labels: ReadonlySet<string>;
}

const doc = readFileSync(new URL('../docs/metrics.md', import.meta.url), 'utf8');

function documentedInstruments(): DocumentedInstrument[] {
  const sections = doc.split(/^### /m).slice(1);
  return sections.map((section) => {
    const name = /^`([^`]+)`/.exec(section)![1]!;
    const row = (key: string) => new RegExp(`^\\| ${key} \\| (.+) \\|$`, 'm').exec(section)?.[1] ?? '';
    const labels = new Set([...section.matchAll(/^\| `[^`]+` \| `([^`]+)` \|/gm)].map((match) => match[1]!));
    const unit = /`([^`]+)`/.exec(row('unit'))?.[1] ?? '';
    // The first series named; for histograms, the family is its name without `_bucket`.
    const prometheus = /`([^`]+)`/.exec(row('Prometheus'))![1]!.replace(/_bucket$/, '');
    return { name, kind: row('kind'), unit, prometheus, labels };
  });
}

const PROMETHEUS_TYPE: Readonly<Record<string, string>> = {
  counter: 'counter',
  histogram: 'histogram',
  gauge: 'gauge',
  'up-down counter': 'gauge',
};
// Labels every exporter adds to every series, and the histogram bucket label.
const EXPORTER_LABELS = new Set(['otel_scope_name', 'otel_scope_version', 'otel_scope_schema_url', 'le']);

async function exercise(vitals: ReturnType<typeof createTestKit>['vitals']) {
  const swallow = async (call: () => unknown) => {
    try {
      await call();
    } catch {
      // failures on purpose
    }
  };
  const search = vitals.tool('kb.search', async (query: string) => `found ${query}`);
  const flaky = vitals.tool('kb.flaky', async () => {
    throw new Error('upstream down');
  });
  await vitals.run(
    async () => {
      await vitals.reasoning(
        async () => ({
          model: 'gpt-4o-mini',
          usage: { prompt_tokens: 120, completion_tokens: 30, prompt_tokens_details: { cached_tokens: 20 } },
        }),
        { model: 'gpt-4o-mini', provider: 'openai' },
      );
      await search('refunds');
      await vitals.tool('kb.check', async () => 1, { validate: () => 'empty answer' })();
      await swallow(() =>
        vitals.tool('kb.slow', async () => {
          throw new DOMException('took too long', 'TimeoutError');
        })(),
      );
      await swallow(() => vitals.tool('shell', async (_command: string) => 'ran')('rm -rf /'));
      vitals.usage({ inputTokens: 10, outputTokens: 5, model: 'gpt-4o-mini', provider: 'openai' });
      vitals.action();
      vitals.sentiment(-0.8);
      vitals.sentiment('thank you, that solved it');
      vitals.heartbeat();
      vitals.escalate('refund_over_limit');
      vitals.thought(() => 'looking up the refund policy');
    },
    { requestId: 'ticket-1' },
  );
  await swallow(() =>
    vitals.run(async () => {
      await vitals.reasoning(async () => {
        throw new TypeError('bad request');
      });
    }),
  );
  // Eleven failures in a row trip the breaker; the next call is blocked.
  for (let index = 0; index < 11; index++) await swallow(() => flaky());
  await swallow(() => search('again'));
  vitals.queueDepth('tickets', () => 3);
}

function guardForTest() {
  return createGuard({
    rules: [consecutiveFailuresRule({})],
    sinks: [callbackSink(() => {})],
    policy: { roles: { bot: { deny: ['shell'] } }, defaultRole: 'bot' },
  });
}

describe('docs/metrics.md against a real /metrics scrape', () => {
  it('every documented instrument family is served with its documented type and labels only', async () => {
    const instruments = documentedInstruments();
    expect(instruments.length).toBeGreaterThanOrEqual(18);
    const guard = guardForTest();
    const av = await start({
      agentName: 'docs-bot',
      signals: false,
      env: {},
      prometheus: { port: 0 },
      logger: { destination: { write() {} } },
      guard,
    });
    try {
      await exercise(av.vitals as never);
      const text = await (await fetch(av.prometheus!.url)).text();
      const types = new Map(
        [...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((match) => [match[1]!, match[2]!]),
      );
      const samples = [...text.matchAll(/^([a-zA-Z_:][\w:]*)\{([^}]*)\} \S+/gm)];
      // agent.telemetry.dropped needs a lost export; everything else is recorded above.
      const recorded = instruments.filter((instrument) => instrument.name !== 'agent.telemetry.dropped');
      for (const instrument of recorded) {
        expect(
          types.get(instrument.prometheus),
          `${instrument.name} served as ${instrument.prometheus}`,
        ).toBe(PROMETHEUS_TYPE[instrument.kind]);
        const family = samples.filter(
          (sample) =>
            sample[1] === instrument.prometheus || sample[1]!.startsWith(`${instrument.prometheus}_`),
        );
        expect(family.length, instrument.name).toBeGreaterThan(0);
        for (const [, series, labelText] of family) {
          const labels = [...labelText!.matchAll(/(\w+)="/g)].map((match) => match[1]!);
          for (const label of labels) {
            if (EXPORTER_LABELS.has(label)) continue;
            expect(instrument.labels, `${series} carries ${label}`).toContain(label);
          }
        }
      }
      // The values the doc lists for the outcomes all occur.
      for (const outcome of ['success', 'error', 'invalid', 'denied', 'blocked', 'timeout']) {
        expect(text).toMatch(
          new RegExp(`^agent_tool_calls_total\\{[^}]*agent_tool_outcome="${outcome}"`, 'm'),
        );
      }
      expect(text).toMatch(/^agent_breaker_state\{[^}]*agent_breaker_name="agent"[^}]*\} 2$/m);
      expect(text).toMatch(
        /^agent_alerts_total\{[^}]*agent_alert_name="AgentToolFailureStreak"[^}]*agent_alert_severity="critical"/m,
      );
      expect(text).toMatch(/^agent_reasoning_duration_seconds_count\{[^}]*error_type="TypeError"/m);
    } finally {
      await guard.shutdown();
      await av.shutdown();
    }
  });

  it('agent.telemetry.dropped is served with its documented type, labels and values once an export fails', async () => {
    const documented = documentedInstruments().find(
      (instrument) => instrument.name === 'agent.telemetry.dropped',
    )!;
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const av = await start({
      agentName: 'docs-bot',
      signals: false,
      env: {},
      prometheus: { port: 0 },
      logger: { destination: { write() {} } },
      otlp: { endpoint: `http://127.0.0.1:${port}`, timeoutMs: 1000 },
    });
    try {
      await av.vitals.run(async () => av.vitals.thought('nobody receives this'));
      await av.flush();
      const text = await (await fetch(av.prometheus!.url)).text();
      expect(text).toContain(`# TYPE ${documented.prometheus} counter`);
      const samples = [...text.matchAll(new RegExp(`^${documented.prometheus}\\{([^}]*)\\} (\\S+)$`, 'gm'))];
      expect(samples.length).toBeGreaterThan(0);
      for (const [, labelText] of samples) {
        for (const [, label] of labelText!.matchAll(/(\w+)="/g)) {
          if (!EXPORTER_LABELS.has(label!)) expect(documented.labels).toContain(label);
        }
        expect(labelText).toMatch(/agent_telemetry_signal="(logs|spans|metrics)"/);
        expect(labelText).toMatch(/agent_telemetry_drop_reason="(queue_full|export_failed|shutdown)"/);
      }
      expect(text).toMatch(
        /^agent_telemetry_dropped_total\{[^}]*agent_telemetry_signal="spans"[^}]*agent_telemetry_drop_reason="export_failed"[^}]*\} [1-9]/m,
      );
    } finally {
      await av.shutdown();
    }
  });

  it('documents units the served names carry', () => {
    for (const instrument of documentedInstruments()) {
      if (instrument.unit === 's') expect(instrument.prometheus).toMatch(/_seconds$/);
      if (instrument.kind === 'counter') expect(instrument.prometheus).toMatch(/_total$/);
    }
  });
});

describe('docs/metrics.md: spans and log records', () => {
  it('spans have the documented names, kinds and only the documented attributes', async () => {
    const guard = guardForTest();
    const kit = createTestKit({ agentName: 'docs-bot', guard });
    await exercise(kit.vitals);
    const table = doc.split('## Spans')[1]!.split('## Log records')[0]!;
    const rows = [...table.matchAll(/^\| `(\w+) \{[^}]+\}` \| (\w+) \| (.+) \|$/gm)].map((match) => ({
      operation: match[1]!,
      kind: match[2]!,
      attributes: new Set([...match[3]!.matchAll(/`([^`]+)`/g)].map((attribute) => attribute[1]!)),
    }));
    expect(rows.map((row) => row.operation)).toEqual(['invoke_agent', 'chat', 'execute_tool']);
    const spans = kit.spans();
    for (const row of rows) {
      const matching = spans.filter(
        (span) => span.name === row.operation || span.name.startsWith(`${row.operation} `),
      );
      expect(matching.length, row.operation).toBeGreaterThan(0);
      for (const span of matching) {
        expect(SpanKind[span.kind], span.name).toBe(row.kind);
        for (const key of Object.keys(span.attributes)) {
          expect(row.attributes, `${span.name} carries ${key}`).toContain(key);
        }
      }
    }
    expect(spans.find((span) => span.name === 'invoke_agent docs-bot')?.attributes['agent.request.id']).toBe(
      'ticket-1',
    );
    // A model call that failed before naming its model is a span named `chat`.
    const failed = spans.find((span) => span.name === 'chat');
    expect(failed?.attributes['error.type']).toBe('TypeError');
    expect(failed?.status.code).toBe(2);
    await guard.shutdown();
    await kit.shutdown();
  });

  it('a thought is a log record named agent.thought, severity INFO, with the agent and request id', async () => {
    const kit = createTestKit({ agentName: 'docs-bot' });
    await kit.vitals.run(
      async () => {
        kit.vitals.thought('mail me at jane.doe@example.com');
      },
      { requestId: 'ticket-2' },
    );
    const [record] = kit.logs();
    expect(record?.eventName).toBe('agent.thought');
    expect(record?.severityText).toBe('INFO');
    expect(record?.attributes).toMatchObject({
      'gen_ai.agent.name': 'docs-bot',
      'agent.request.id': 'ticket-2',
    });
    expect(String(record?.body)).not.toContain('jane.doe@example.com');
    expect(record?.spanContext?.traceId).toMatch(/^[0-9a-f]{32}$/);
    await kit.shutdown();
  });
});
