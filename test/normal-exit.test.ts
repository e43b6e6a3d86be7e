import { THOUGHT_EVENT_NAME } from '@agentvitals/core';
import { afterEach, describe, expect, it } from 'vitest';
import { type ChildHandle, spawnTypeScript } from './helpers/demo-process.js';
import { type OtlpReceiver, startOtlpReceiver } from './helpers/otlp-receiver.js';
import { type SilentCollector, startSilentCollector } from './helpers/silent-collector.js';

async function exitWithin(handle: ChildHandle, limitMs: number) {
  let timer: NodeJS.Timeout | undefined;
  const since = performance.now();
  const exit = await Promise.race([
    handle.exited,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`child still running after ${limitMs} ms`)), limitMs);
    }),
  ]).finally(() => clearTimeout(timer));
  return { ...exit, elapsed: performance.now() - since };
}

describe('a bot that exits normally, without calling av.shutdown()', () => {
  let receiver: OtlpReceiver | undefined;
  let collector: SilentCollector | undefined;
  let child: ChildHandle | undefined;

  afterEach(async () => {
    await child?.stop();
    await receiver?.close();
    await collector?.close();
    child = receiver = collector = undefined;
  });

  it('delivers its buffered spans, metrics and thoughts when the event loop empties, then exits 0', async () => {
    receiver = await startOtlpReceiver();
    child = spawnTypeScript('test/fixtures/normal-exit-child.ts', [receiver.endpoint]);
    const { code, signal } = await exitWithin(child, 30_000);
    expect({ code, signal }, child.stderr()).toEqual({ code: 0, signal: null });
    expect(child.stdout()).toContain('done');
    expect(receiver.errors).toEqual([]);
    expect(receiver.requests.length).toBeGreaterThan(0);
    expect(new Set(receiver.requests.map((request) => request.signal))).toEqual(
      new Set(['traces', 'metrics', 'logs']),
    );
    expect(receiver.spans.map((span) => span.name)).toEqual(
      expect.arrayContaining(['execute_tool kb.search', 'invoke_agent normal-exit-child']),
    );
    expect(receiver.metrics.map((metric) => metric.name)).toEqual(
      expect.arrayContaining(['agent.runs', 'agent.tool.calls', 'gen_ai.execute_tool.duration']),
    );
    expect(receiver.logs.filter((record) => record.eventName === THOUGHT_EVENT_NAME)).toHaveLength(1);
    // Shut down once: a second flush would send a second metrics request.
    expect(receiver.requests.filter((request) => request.signal === 'metrics')).toHaveLength(1);
  }, 60_000);

  it('still exits soon when the collector never answers: the flush is bounded', async () => {
    collector = await startSilentCollector();
    child = spawnTypeScript('test/fixtures/normal-exit-child.ts', [collector.endpoint, '500']);
    const { code, signal, elapsed } = await exitWithin(child, 30_000);
    expect({ code, signal }, child.stderr()).toEqual({ code: 0, signal: null });
    expect(collector.requests()).toBeGreaterThan(0);
    // Start-up of a tsx child takes a few seconds on a loaded machine; the exports would wait 60 s.
    expect(elapsed).toBeLessThan(20_000);
  }, 60_000);
});
