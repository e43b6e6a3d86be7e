import { THOUGHT_EVENT_NAME } from '@agentvitals/core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ChildHandle, spawnTypeScript } from './helpers/demo-process.js';
import { type OtlpReceiver, startOtlpReceiver } from './helpers/otlp-receiver.js';
import { type SilentCollector, startSilentCollector } from './helpers/silent-collector.js';

const THOUGHTS = 1000;

describe('SIGTERM on a process with buffered thoughts', () => {
  let receiver: OtlpReceiver;
  let child: ChildHandle;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    child = spawnTypeScript('test/fixtures/sigterm-child.ts', [receiver.endpoint, String(THOUGHTS)]);
    await child.waitForOutput('ready', 30_000);
  });

  afterAll(async () => {
    await child?.stop();
    await receiver?.close();
  });

  it('delivers every thought, then exits with the signal', async () => {
    child.child.kill('SIGTERM');
    const exit = await Promise.race([
      child.exited,
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('child did not exit within 15 s')), 15_000),
      ),
    ]);
    // The default SIGTERM behaviour resumes after the flush: killed by the signal, no exit code.
    expect(exit, child.stderr()).toEqual({ code: null, signal: 'SIGTERM' });

    const thoughts = receiver.logs.filter((record) => record.eventName === THOUGHT_EVENT_NAME);
    const numbers = new Set(
      thoughts.map((record) => Number(/^thought (\d+) of/.exec(String(record.body))?.[1])),
    );
    expect(receiver.errors).toEqual([]);
    expect(thoughts).toHaveLength(THOUGHTS);
    expect(numbers.size).toBe(THOUGHTS);
    expect(Math.min(...numbers)).toBe(0);
    expect(Math.max(...numbers)).toBe(THOUGHTS - 1);
    expect(thoughts.every((record) => record.attributes['agent.request.id'] === 'sigterm-run')).toBe(true);
  });
});

describe('a collector that never answers', () => {
  let collector: SilentCollector;
  let child: ChildHandle | undefined;

  beforeEach(async () => {
    collector = await startSilentCollector();
  });

  afterEach(async () => {
    await child?.stop();
    await collector.close();
  });

  /** The child did try to export: the shutdown was bounded, not simply idle. */
  async function expectExportAttempted() {
    const deadline = performance.now() + 5000;
    while (collector.requests() === 0 && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(collector.requests()).toBeGreaterThan(0);
  }

  /** Milliseconds from `since` until the child exits; fails past `limitMs`. */
  async function exitWithin(handle: ChildHandle, since: number, limitMs: number) {
    let timer: NodeJS.Timeout | undefined;
    const exit = await Promise.race([
      handle.exited,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`child still running after ${limitMs} ms`)), limitMs);
      }),
    ]).finally(() => clearTimeout(timer));
    return { ...exit, elapsed: performance.now() - since };
  }

  // The child's exports time out after 60 s; shutdownTimeoutMs is 500 ms. Ten seconds of slack
  // cover a slow start on a loaded CI machine without letting an export's own timeout pass.
  const LIMIT_MS = 10_000;
  const TEST_TIMEOUT_MS = 60_000;
  it(
    'ends the process after SIGTERM within the shutdown timeout, by the signal',
    async () => {
      child = spawnTypeScript('test/fixtures/hanging-collector-child.ts', [collector.endpoint, 'signal']);
      await child.waitForOutput('ready', 30_000);
      const sent = performance.now();
      child.child.kill('SIGTERM');
      const { code, signal, elapsed } = await exitWithin(child, sent, 2 * LIMIT_MS);
      expect({ code, signal }, child.stderr()).toEqual({ code: null, signal: 'SIGTERM' });
      expect(elapsed).toBeLessThan(LIMIT_MS);
      await expectExportAttempted();
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'lets the process end on its own soon after av.shutdown() gave up',
    async () => {
      child = spawnTypeScript('test/fixtures/hanging-collector-child.ts', [collector.endpoint, 'shutdown']);
      await child.waitForOutput('ready', 30_000);
      const ready = performance.now();
      const { code, signal, elapsed } = await exitWithin(child, ready, 2 * LIMIT_MS);
      expect({ code, signal }, child.stderr()).toEqual({ code: 0, signal: null });
      expect(child.stdout()).toContain('shut down');
      expect(elapsed).toBeLessThan(LIMIT_MS);
      await expectExportAttempted();
    },
    TEST_TIMEOUT_MS,
  );
});
