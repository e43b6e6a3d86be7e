import { start } from '@agentvitals/node';
import { describe, expect, it } from 'vitest';
import type { DemoArgs } from './args.js';
import { readSummary, runDemo } from './demo.js';
import { renderSummary } from './summary.js';

const ARGS: DemoArgs = {
  tickets: 15,
  durationSeconds: undefined,
  concurrency: 3,
  port: 0,
  host: undefined,
  seed: 7,
  lingerSeconds: 0,
  flakyRate: 0.3,
  refundLimitUsd: 200,
  latencyScale: 0,
  help: false,
};

describe('runDemo', () => {
  it('summarises what the agent recorded, read back from its own /metrics', async () => {
    const av = await start({
      agentName: 'support-bot',
      prometheus: { port: 0 },
      logger: { level: 'silent' },
      signals: false,
      env: {},
    });
    try {
      const run = await runDemo(av, ARGS);
      const summary = run.summary!;
      expect(summary.runs).toBe(ARGS.tickets);
      expect(summary.failedRuns).toBe(run.failed);
      expect(summary.sentimentMessages).toBe(ARGS.tickets);
      const escalations = run.outcomes.reduce((sum, outcome) => sum + outcome.escalations.length, 0);
      expect(summary.escalations).toBe(escalations);
      expect(summary.toolCalls).toBeGreaterThan(0);
      expect(summary.costUsd).toBeGreaterThan(0);
      // Nothing recorded since: a fresh scrape gives the same table.
      expect(await readSummary(av.prometheus!.url)).toEqual(summary);
      // More work shows up in the next summary: the numbers are not fixed.
      await av.vitals.run(async () => {});
      expect((await readSummary(av.prometheus!.url)).runs).toBe(ARGS.tickets + 1);
    } finally {
      await av.shutdown();
    }
  });

  it('prints the same summary on every run with the same seed, as the demo runs by default', async () => {
    const tables: string[] = [];
    for (let round = 0; round < 2; round++) {
      const av = await start({
        agentName: 'support-bot',
        prometheus: { port: 0 },
        logger: { level: 'silent' },
        signals: false,
        env: {},
      });
      try {
        const run = await runDemo(av, { ...ARGS, tickets: 40, concurrency: 4, seed: 42, latencyScale: 1 });
        tables.push(renderSummary(run.summary!));
      } finally {
        await av.shutdown();
      }
    }
    expect(tables[0]).toContain('alerts fired');
    expect(tables[1]?.split('\n')).toEqual(tables[0]?.split('\n'));
  }, 90_000);
});
