import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRET_CORPUS } from './fixtures/secret-corpus.js';
import { type ChildHandle, spawnTypeScript } from './helpers/demo-process.js';
import { type OtlpReceiver, startOtlpReceiver } from './helpers/otlp-receiver.js';

const json = (value: unknown) =>
  JSON.stringify(value, (_key, item) => (typeof item === 'bigint' ? item.toString() : item));

/**
 * Every kind of secret in the corpus is sent through every channel of a real start() in a
 * child process; the secret itself must appear in none of what leaves the process.
 */
describe('no secret leaves the process', () => {
  let receiver: OtlpReceiver;
  let child: ChildHandle;
  let channels: Record<string, string>;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    child = spawnTypeScript('test/fixtures/secrets-child.ts', [receiver.endpoint]);
    await child.waitForOutput('ready', 90_000);
    const url = /ready (\S+)/.exec(child.stdout())?.[1];
    if (!url) throw new Error(`the child printed no metrics URL:\n${child.stderr()}`);
    const scrape = await (await fetch(url)).text();
    child.child.kill('SIGTERM');
    await child.exited;
    await receiver.waitFor(
      () => receiver.logs.length > 0 && receiver.spans.length > 0 && receiver.metrics.length > 0,
      15_000,
      'spans, metrics and logs',
    );
    channels = {
      'OTLP spans (attributes, status, events)': json(receiver.spans),
      'OTLP log records (bodies, attributes)': json(receiver.logs),
      'OTLP metrics (attributes)': json(receiver.metrics),
      'Prometheus /metrics': scrape,
      'stdout (the pino logger)': child.stdout(),
      stderr: child.stderr(),
    };
  }, 150_000);

  afterAll(async () => {
    await child?.stop();
    await receiver?.close();
  });

  it('sends a corpus of at least 25 kinds through channels that really carry its text', () => {
    expect(new Set(SECRET_CORPUS.map((sample) => sample.kind)).size).toBeGreaterThanOrEqual(25);
    expect(receiver.errors).toEqual([]);
    // Each channel received what the secrets rode on: errors, thoughts, labels, log lines.
    expect(receiver.spans.some((span) => span.events.some((event) => event.name === 'exception'))).toBe(true);
    expect(receiver.spans.some((span) => span.status.message.includes('upstream refused the request'))).toBe(
      true,
    );
    expect(receiver.logs.some((record) => String(record.body).includes('The customer pasted'))).toBe(true);
    expect(channels['Prometheus /metrics']).toContain('agent_escalations_total');
    expect(channels['Prometheus /metrics']).toContain('_redacted');
    expect(channels['stdout (the pino logger)']).toContain('tool input was');
    expect(channels['stdout (the pino logger)']).toContain('The customer pasted');
  });

  it('leaks none of the channel × kind pairs', () => {
    const leaks: string[] = [];
    for (const [channel, text] of Object.entries(channels)) {
      for (const sample of SECRET_CORPUS) {
        if (text.includes(sample.needle)) leaks.push(`${channel} × ${sample.kind}`);
      }
    }
    const pairs = Object.keys(channels).length * SECRET_CORPUS.length;
    expect(leaks, `${leaks.length} of ${pairs} channel × kind pairs leaked`).toEqual([]);
  });
});
