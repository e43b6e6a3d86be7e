import { createTestKit, type TestKit } from '@agentvitals/testing';
import { type DiagLogger, DiagLogLevel, diag } from '@opentelemetry/api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createVitals } from '../api/create-vitals.js';
import { isCircuitOpenError } from '../errors/circuit-open-error.js';
import { isPolicyDeniedError } from '../errors/policy-denied-error.js';
import type { Guard } from '../guard/guard.js';

const BAD_NUMBERS: unknown[] = [
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  -1,
  '3',
  null,
  {},
  10n,
];

let warnings: string[];
const spy: DiagLogger = {
  error: (...args) => warnings.push(args.map(String).join(' ')),
  warn: (...args) => warnings.push(args.map(String).join(' ')),
  info: () => {},
  debug: () => {},
  verbose: () => {},
};

describe('bad values at run time are dropped with a diag warning, never thrown', () => {
  let kit: TestKit;
  beforeEach(() => {
    warnings = [];
    diag.setLogger(spy, { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true });
    kit = createTestKit({ agentName: 'robust' });
  });
  afterEach(async () => {
    diag.disable();
    await kit.shutdown();
  });

  it('queue depth readings: only finite numbers >= 0 are observed', async () => {
    BAD_NUMBERS.forEach((value, i) => {
      kit.vitals.queueDepth(`bad-${i}`, () => value as number);
    });
    kit.vitals.queueDepth('huge', () => 1e15);
    kit.vitals.queueDepth('empty', () => 0);
    const series = await kit.series('agent.queue.depth');
    expect(series.map((s) => [s.attributes['agent.queue.name'], s.value])).toEqual([
      ['huge', { type: 'gauge', value: 1e15 }],
      ['empty', { type: 'gauge', value: 0 }],
    ]);
    expect(warnings.filter((w) => /depth must be a finite number/.test(w))).toHaveLength(BAD_NUMBERS.length);
  });

  it('sentiment: NaN, ±Infinity, out of range and wrong types', async () => {
    const bad = [
      ...BAD_NUMBERS.filter((value) => typeof value !== 'string' && value !== -1),
      1.0001,
      -1.5,
      1e308,
    ];
    for (const value of bad) {
      expect(() => kit.vitals.sentiment(value as number)).not.toThrow();
    }
    kit.vitals.sentiment(-1);
    kit.vitals.sentiment(1);
    expect(await kit.metric('agent.sentiment.messages')).toBe(2);
    expect(warnings.filter((w) => /sentiment must be a number in -1..1/.test(w))).toHaveLength(bad.length);
  });

  it('usage: each bad count drops the call; a string model or provider that is not a string is _unknown', async () => {
    for (const value of BAD_NUMBERS) {
      kit.vitals.usage({ inputTokens: value as number, outputTokens: 1 });
      kit.vitals.usage({ inputTokens: 1, cachedInputTokens: value as number });
    }
    expect(await kit.metric('gen_ai.client.token.usage')).toEqual({ count: 0, sum: 0 });
    kit.vitals.usage({ inputTokens: 4, model: 42 as never, provider: {} as never, operation: 7 as never });
    const [series] = await kit.series('gen_ai.client.token.usage');
    expect(series?.attributes).toMatchObject({
      'gen_ai.request.model': '_unknown',
      'gen_ai.provider.name': '_unknown',
      'gen_ai.operation.name': 'chat',
    });
    expect(warnings.length).toBeGreaterThanOrEqual(BAD_NUMBERS.length * 2);
  });

  it('usage: a token count past Number.MAX_SAFE_INTEGER is dropped, from usage() and from a result', async () => {
    kit.vitals.usage({ inputTokens: 1e300, outputTokens: 1, model: 'gpt-4o' });
    kit.vitals.usage({ inputTokens: 1, outputTokens: 2 ** 53, model: 'gpt-4o' });
    await kit.vitals.reasoning(async () => ({
      model: 'gpt-4o',
      usage: { prompt_tokens: 1e300, completion_tokens: 5 },
    }));
    expect(await kit.metric('gen_ai.client.token.usage')).toEqual({ count: 0, sum: 0 });
    expect(await kit.metric('agent.cost')).toBe(0);
    expect(
      warnings.some(
        (warning) => warning.includes('MAX_SAFE_INTEGER') || warning.includes('9007199254740991'),
      ),
    ).toBe(true);
    kit.vitals.usage({ inputTokens: Number.MAX_SAFE_INTEGER, outputTokens: 0, model: 'my-model' });
    expect(await kit.metric('gen_ai.client.token.usage')).toEqual({ count: 2, sum: Number.MAX_SAFE_INTEGER });
  });

  it('escalate and resolveEscalation: reasons that are not strings, empty or huge', async () => {
    for (const reason of [undefined, null, 42, '', {}]) {
      expect(() => kit.vitals.escalate(reason as never)).not.toThrow();
    }
    const huge = kit.vitals.escalate('r'.repeat(1_000_000));
    expect(huge.reason).toHaveLength(128);
    expect(kit.vitals.resolveEscalation(42 as never)).toBe(false);
    expect(await kit.metric('agent.escalations', { 'agent.escalation.reason': 'unspecified' })).toBe(5);
    expect(await kit.metric('agent.escalation.backlog')).toBe(6);
  });

  it('run options: a requestId that is not a usable string is replaced by a generated one', () => {
    for (const options of [
      { requestId: 42 },
      { requestId: null },
      { requestId: '' },
      { requestId: 'a\nb' },
    ]) {
      const id = kit.vitals.run(() => kit.vitals.currentRequestId(), options as never);
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
    }
    for (const options of [null, 'req-1', 5]) {
      expect(kit.vitals.run(() => 'ran', options as never)).toBe('ran');
    }
    expect(warnings.filter((w) => /requestId must be/.test(w))).toHaveLength(4);
  });

  it('reasoning options of the wrong type are ignored', async () => {
    for (const options of [{ model: 42 }, { provider: [] }, { extractUsage: 'no' }, null, 'gpt-4o']) {
      expect(kit.vitals.reasoning(() => 'ok', options as never)).toBe('ok');
    }
    kit.vitals.reasoning(() => 'ok', { model: 'm'.repeat(10_000) });
    const models = (await kit.series('agent.reasoning.duration')).map(
      (s) => s.attributes['gen_ai.request.model'] as string,
    );
    expect(models).toContain('_unknown');
    expect(Math.max(...models.map((m) => m.length))).toBe(128);
  });

  it('a tool validator that is not a function: refused by tool(), ignored by callTool()', async () => {
    expect(() => kit.vitals.tool('t', () => 1, { validate: 'yes' as never })).toThrow(TypeError);
    expect(kit.vitals.callTool('t', () => 1, undefined, [], { validate: 'yes' as never })).toBe(1);
    expect(await kit.metric('agent.tool.calls', { 'agent.tool.outcome': 'success' })).toBe(1);
  });

  it('thoughts: a logger without enabled() records, one whose emit throws is contained', () => {
    const emitted: unknown[] = [];
    const legacy = createVitals({
      agentName: 'legacy',
      loggerProvider: {
        getLogger: () => ({ emit: (record: { body: unknown }) => emitted.push(record.body) }),
      },
    } as never);
    expect(() => legacy.thought('hello')).not.toThrow();
    expect(emitted).toEqual(['hello']);
    const broken = createVitals({
      agentName: 'broken',
      loggerProvider: {
        getLogger: () => ({
          enabled: () => true,
          emit: () => {
            throw new Error('exporter bug');
          },
        }),
      },
    } as never);
    expect(() => broken.thought('hello')).not.toThrow();
    expect(warnings.some((w) => /recording a thought failed/.test(w))).toBe(true);
  });
});

describe('guard verdicts are applied even when malformed', () => {
  const guardReturning = (decision: unknown): Guard => ({
    check: () => decision as never,
    attach: () => ({ dispose() {} }),
  });

  it('deny or block without an Error still stops the call, with a branded error', async () => {
    const kit = createTestKit({ agentName: 'g', guard: guardReturning({ action: 'deny' }) });
    let ran = false;
    const tool = kit.vitals.tool('shell', () => {
      ran = true;
    });
    let thrown: unknown;
    try {
      tool();
    } catch (error) {
      thrown = error;
    }
    expect(isPolicyDeniedError(thrown)).toBe(true);
    expect(ran).toBe(false);
    expect(await kit.metric('agent.tool.calls', { 'agent.tool.outcome': 'denied' })).toBe(1);
    await kit.shutdown();

    const blocked = createTestKit({ guard: guardReturning({ action: 'block', error: 'open' }) });
    await expect(blocked.vitals.reasoning(async () => 1)).rejects.toSatisfy(isCircuitOpenError);
    await blocked.shutdown();
  });

  it('an unknown verdict, or none, denies the call (fail closed) with a reason', () => {
    const throwingAction = {
      get action(): string {
        throw new Error('verdict getter');
      },
    };
    for (const decision of [undefined, null, { action: 'maybe' }, 'deny', throwingAction]) {
      const kit = createTestKit({ guard: guardReturning(decision) });
      let ran = false;
      let caught: unknown;
      try {
        kit.vitals.tool('t', () => {
          ran = true;
        })();
      } catch (error) {
        caught = error;
      }
      expect(ran).toBe(false);
      expect(isPolicyDeniedError(caught)).toBe(true);
      expect((caught as Error).message).toMatch(/a guard could not decide/);
      void kit.shutdown();
    }
  });
});
