import { createTestKit } from '@agentvitals/testing';
import { type DiagLogger, DiagLogLevel, diag } from '@opentelemetry/api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

let warnings: string[];
const spy: DiagLogger = {
  error: (...args) => warnings.push(args.map(String).join(' ')),
  warn: (...args) => warnings.push(args.map(String).join(' ')),
  info: () => {},
  debug: () => {},
  verbose: () => {},
};

describe('a clock option that throws or returns a bad reading', () => {
  beforeEach(() => {
    warnings = [];
    diag.setLogger(spy, DiagLogLevel.WARN);
  });
  afterEach(() => diag.disable());

  it('never throws into the agent, with or without event listeners', async () => {
    const kit = createTestKit({
      agentName: 'bot',
      clock: () => {
        throw new Error('clock broke');
      },
    });
    const { vitals } = kit;
    const calls = () => {
      vitals.heartbeat();
      vitals.action();
      vitals.sentiment(0.5);
      vitals.usage({ inputTokens: 1, outputTokens: 1, model: 'gpt-4o' });
      vitals.escalate('refund').resolve();
    };
    expect(calls).not.toThrow();
    const listener = vitals.events.subscribe(() => {});
    expect(calls).not.toThrow();
    expect(await vitals.run(async () => vitals.tool('kb.search', () => 'hit')())).toBe('hit');
    listener.dispose();
    expect(warnings.filter((warning) => warning.includes('clock'))).toHaveLength(1);
    await kit.shutdown();
  });

  it.each([[Number.NaN], [Number.POSITIVE_INFINITY], ['1700000000000'], [undefined]])(
    'records a real heartbeat time instead of %s',
    async (reading) => {
      const kit = createTestKit({ agentName: 'bot', clock: () => reading as number });
      const before = Date.now() / 1000;
      kit.vitals.heartbeat();
      const value = await kit.metric('agent.heartbeat.timestamp');
      expect(Number.isFinite(value)).toBe(true);
      expect(value).toBeGreaterThanOrEqual(before - 1);
      await kit.shutdown();
    },
  );

  it('leaves a working clock alone, negative and huge readings included', async () => {
    for (const reading of [-1000, 0, 1e15]) {
      const kit = createTestKit({ agentName: 'bot', clock: () => reading });
      kit.vitals.heartbeat();
      expect(await kit.metric('agent.heartbeat.timestamp')).toBe(reading / 1000);
      await kit.shutdown();
    }
    expect(warnings).toEqual([]);
  });
});
