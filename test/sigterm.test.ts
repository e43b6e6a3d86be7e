import { THOUGHT_EVENT_NAME } from '@agentvitals/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChildHandle, spawnTypeScript } from './helpers/demo-process.js';
import { type OtlpReceiver, startOtlpReceiver } from './helpers/otlp-receiver.js';

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
