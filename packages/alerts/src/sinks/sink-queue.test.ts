import { describe, expect, it } from 'vitest';
import type { Alert } from '../lifecycle/alert.js';
import { SinkQueue } from './sink-queue.js';

const alert = (n: number) => ({ fingerprint: String(n) }) as unknown as Alert;

describe('SinkQueue', () => {
  it('delivers in batches, in order, after the caller returns', async () => {
    const batches: string[][] = [];
    const queue = new SinkQueue({
      name: 's',
      maxBatchSize: 2,
      send: (alerts) => void batches.push(alerts.map((a) => a.fingerprint)),
    });
    for (let i = 0; i < 5; i++) queue.enqueue(alert(i));
    expect(batches).toEqual([]);
    await queue.flush();
    expect(batches).toEqual([['0', '1'], ['2', '3'], ['4']]);
    expect(queue.stats()).toEqual({ name: 's', queued: 0, sent: 5, failed: 0, dropped: 0 });
  });

  it('drops the oldest when full, counting drops, and keeps the newest', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const seen: string[] = [];
    const queue = new SinkQueue({
      name: 's',
      maxQueueSize: 3,
      async send(alerts) {
        await gate;
        seen.push(...alerts.map((a) => a.fingerprint));
      },
    });
    queue.enqueue(alert(0));
    await Promise.resolve();
    await Promise.resolve();
    for (let i = 1; i <= 6; i++) queue.enqueue(alert(i));
    expect(queue.stats()).toMatchObject({ queued: 3, dropped: 3 });
    release();
    await queue.flush();
    expect(seen).toEqual(['0', '4', '5', '6']);
  });

  it('counts failures of a sink that throws or rejects, and keeps going', async () => {
    let calls = 0;
    const queue = new SinkQueue({
      name: 's',
      send() {
        calls++;
        if (calls === 1) throw new Error('sync');
        if (calls === 2) return Promise.reject(new Error('async'));
      },
    });
    for (let i = 0; i < 3; i++) queue.enqueue(alert(i));
    await queue.flush();
    expect(queue.stats()).toMatchObject({ sent: 1, failed: 2, queued: 0 });
  });
});
