import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { THOUGHT_EVENT_NAME } from '@agentvitals/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ChildHandle, spawnTypeScript } from './helpers/demo-process.js';
import { type OtlpReceiver, startOtlpReceiver } from './helpers/otlp-receiver.js';

const BURST = 10_000;

/** The last value of `agent.telemetry.dropped` for each `signal/reason` the receiver got. */
function droppedTotals(receiver: OtlpReceiver): Map<string, number> {
  const totals = new Map<string, number>();
  for (const metric of receiver.metrics.filter((m) => m.name === 'agent.telemetry.dropped')) {
    for (const point of metric.points) {
      const key = `${point.attributes['agent.telemetry.signal']}/${point.attributes['agent.telemetry.drop.reason']}`;
      totals.set(key, point.value ?? 0);
    }
  }
  return totals;
}

async function sigtermAndWait(child: ChildHandle) {
  child.child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const exit = await Promise.race([
    child.exited,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`child still running:\n${child.stderr()}`)), 40_000);
    }),
  ]).finally(() => clearTimeout(timer));
  expect(exit, child.stderr()).toEqual({ code: null, signal: 'SIGTERM' });
}

describe('a burst of thoughts right before SIGTERM', () => {
  let receiver: OtlpReceiver;
  let child: ChildHandle | undefined;
  let refusing: Server | undefined;

  beforeEach(async () => {
    receiver = await startOtlpReceiver();
  });

  afterEach(async () => {
    await child?.stop();
    await receiver.close();
    await new Promise((resolve) => (refusing ? refusing.close(resolve) : resolve(undefined)));
    refusing = undefined;
  });

  it(`delivers all ${BURST.toLocaleString('en')} thoughts to a live collector and counts no loss`, async () => {
    child = spawnTypeScript('test/fixtures/burst-child.ts', [receiver.endpoint, String(BURST)]);
    await child.waitForOutput('ready', 60_000);
    await sigtermAndWait(child);

    const thoughts = receiver.logs.filter((record) => record.eventName === THOUGHT_EVENT_NAME);
    const numbers = new Set(
      thoughts.map((record) => Number(/^burst thought (\d+) of/.exec(String(record.body))?.[1])),
    );
    expect(receiver.errors).toEqual([]);
    expect(numbers.size).toBe(BURST);
    expect(thoughts).toHaveLength(BURST);
    const dropped = droppedTotals(receiver);
    expect(dropped.get('logs/queue_full')).toBe(0);
    expect([...dropped.values()].reduce((sum, value) => sum + value, 0)).toBe(0);
    expect(child.stderr()).not.toContain('dropped');
  }, 120_000);

  it('counts the thoughts a refusing collector lost, and reports it once through diag', async () => {
    let requests = 0;
    refusing = createServer((request, response) => {
      requests++;
      request.resume();
      request.on('end', () => response.writeHead(400).end());
    });
    await new Promise<void>((resolve) => refusing!.listen(0, '127.0.0.1', resolve));
    const logsUrl = `http://127.0.0.1:${(refusing.address() as AddressInfo).port}/v1/logs`;
    const count = 2000;
    child = spawnTypeScript('test/fixtures/burst-child.ts', [receiver.endpoint, String(count), logsUrl]);
    await child.waitForOutput('ready', 60_000);
    await sigtermAndWait(child);

    expect(requests).toBeGreaterThan(0);
    expect(droppedTotals(receiver).get('logs/export_failed')).toBe(count);
    const reports = child.stderr().match(/logs: \d+ item\(s\) dropped because the exporter failed/g) ?? [];
    expect(reports, child.stderr()).toHaveLength(1);
    expect(child.stderr()).not.toContain('burst thought');
  }, 120_000);
});
