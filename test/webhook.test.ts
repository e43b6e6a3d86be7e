import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type Alert,
  type AlertSink,
  alertmanagerEndpoint,
  alertmanagerSink,
  callbackSink,
  createGuard,
  escalationBacklogRule,
  webhookSink,
} from '@agentvitals/alerts';
import { EventStream, type VitalsEvent } from '@agentvitals/core';
import { afterEach, describe, expect, it } from 'vitest';

interface Received {
  readonly headers: IncomingMessage['headers'];
  readonly body: any;
}

const servers: Server[] = [];

async function startServer(
  handler: (request: IncomingMessage, response: ServerResponse, index: number) => void,
) {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      handler(request, response, received.length - 1);
    });
  });
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hook`, received, server };
}

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

const alert = (status: Alert['status'] = 'firing'): Alert => ({
  status,
  name: 'AgentCostSpike',
  severity: 'critical',
  action: 'trip',
  agentName: 'support-bot',
  fingerprint: '0123456789abcdef',
  labels: { alertname: 'AgentCostSpike', severity: 'critical', gen_ai_agent_name: 'support-bot' },
  annotations: {
    summary: 'Agent support-bot is spending too fast',
    description: 'Spending 7.5 USD per hour.',
  },
  value: 7.5,
  activeAt: 1_700_000_000_000,
  startsAt: 1_700_000_000_000,
  endsAt: status === 'resolved' ? 1_700_000_060_000 : undefined,
});

/** A guard with one always-firing rule and the given sinks, attached to a hand-built host. */
function guardWith(sinks: readonly AlertSink[]) {
  const events = new EventStream<VitalsEvent>();
  const guard = createGuard({ rules: [escalationBacklogRule({ maxOpen: 0, forMs: 0 })], sinks });
  guard.attach({ agentName: 'bot', events, emit() {}, now: Date.now });
  const fire = (open: number) =>
    events.emit({ type: 'escalation', agentName: 'bot', time: Date.now(), reason: 'x', open });
  const resolve = () =>
    events.emit({ type: 'escalation.resolve', agentName: 'bot', time: Date.now(), reason: 'x', open: 0 });
  return { guard, fire, resolve };
}

describe('webhookSink', () => {
  it('POSTs each notification as JSON with the configured headers', async () => {
    const server = await startServer((_request, response) => response.writeHead(204).end());
    const { guard, fire, resolve } = guardWith([
      webhookSink({ url: server.url, headers: { authorization: 'Bearer t' } }),
    ]);
    fire(1);
    resolve();
    await guard.flush();
    expect(server.received.map((r) => r.body.status)).toEqual(['firing', 'resolved']);
    expect(server.received[0]!.headers).toMatchObject({
      'content-type': 'application/json',
      authorization: 'Bearer t',
    });
    expect(server.received[0]!.body).toMatchObject({
      alertname: 'AgentEscalationBacklog',
      agent: 'bot',
      severity: 'warning',
      value: 1,
      endsAt: null,
      labels: { alertname: 'AgentEscalationBacklog', gen_ai_agent_name: 'bot' },
    });
    expect(server.received[1]!.body.endsAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(guard.stats().sinks[0]).toMatchObject({ name: 'webhook', sent: 2, failed: 0, dropped: 0 });
  });

  it('sends Slack-compatible text', async () => {
    const server = await startServer((_request, response) => response.writeHead(200).end('ok'));
    const sink = webhookSink({ url: server.url, format: 'slack' });
    await sink.send([alert('firing'), alert('resolved')]);
    expect(Object.keys(server.received[0]!.body)).toEqual(['text']);
    expect(server.received[0]!.body.text).toContain('[FIRING] AgentCostSpike');
    expect(server.received[0]!.body.text).toContain('Spending 7.5 USD per hour.');
    expect(server.received[0]!.body.text).toContain('circuit breaker');
    expect(server.received[1]!.body.text).toContain('[RESOLVED] AgentCostSpike');
  });

  it('retries 5xx answers a bounded number of times, and not 4xx', async () => {
    const flaky = await startServer((_request, response, index) =>
      response.writeHead(index < 2 ? 503 : 200).end(),
    );
    await webhookSink({ url: flaky.url, retries: 2, backoffMs: 1 }).send([alert()]);
    expect(flaky.received).toHaveLength(3);

    const down = await startServer((_request, response) => response.writeHead(500).end());
    await expect(webhookSink({ url: down.url, retries: 3, backoffMs: 1 }).send([alert()])).rejects.toThrow(
      /HTTP 500/,
    );
    expect(down.received).toHaveLength(4);

    const refused = await startServer((_request, response) => response.writeHead(400).end());
    await expect(webhookSink({ url: refused.url, retries: 3, backoffMs: 1 }).send([alert()])).rejects.toThrow(
      /HTTP 400/,
    );
    expect(refused.received).toHaveLength(1);
  });

  it('counts a failure, without throwing, when the server is down', async () => {
    const { url, server } = await startServer(() => {});
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    servers.splice(servers.indexOf(server), 1);
    const sink = webhookSink({ url, retries: 1, backoffMs: 1, timeoutMs: 1_000 });
    await expect(sink.send([alert()])).rejects.toThrow(/POST to http:\/\/127\.0\.0\.1:\d+ failed/);
    const { guard, fire } = guardWith([sink]);
    expect(() => fire(1)).not.toThrow();
    await guard.flush();
    expect(guard.stats().sinks[0]).toMatchObject({ sent: 0, failed: 1 });
  });

  it('gives up on a server that hangs after the timeout, per attempt', async () => {
    const server = await startServer(() => {});
    const started = performance.now();
    await expect(
      webhookSink({ url: server.url, timeoutMs: 150, retries: 1, backoffMs: 1 }).send([alert()]),
    ).rejects.toThrow(/timed out after 150 ms/);
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(3_000);
    expect(server.received).toHaveLength(2);
  });

  it('never leaks the URL path (it may hold a token) into errors', async () => {
    const server = await startServer((_request, response) => response.writeHead(500).end());
    const error = await Promise.resolve(
      webhookSink({ url: `${server.url}/T000/SECRET`, retries: 0 }).send([alert()]),
    ).catch((caught: Error) => caught);
    expect((error as Error).message).not.toContain('SECRET');
  });

  it('bounds its queue and counts drops while the server hangs, never blocking the agent', async () => {
    const server = await startServer(() => {});
    const sink = webhookSink({ url: server.url, timeoutMs: 200, retries: 0, maxQueueSize: 3 });
    const { guard, fire, resolve } = guardWith([sink]);
    const started = performance.now();
    for (let i = 0; i < 10; i++) {
      fire(1);
      resolve();
    }
    expect(performance.now() - started).toBeLessThan(100);
    await Promise.resolve();
    const stats = guard.stats();
    expect(stats.sinks[0]!.queued).toBeLessThanOrEqual(3);
    expect(stats.dropped).toBeGreaterThan(0);
    await guard.shutdown();
    const after = guard.stats().sinks[0]!;
    expect(after.queued).toBe(0);
    expect(after.sent + after.failed + after.dropped).toBe(20);
  });

  it('delivers everything still queued on shutdown', async () => {
    const server = await startServer((_request, response) => {
      setTimeout(() => response.writeHead(204).end(), 20);
    });
    const { guard, fire, resolve } = guardWith([webhookSink({ url: server.url })]);
    for (let i = 0; i < 10; i++) {
      fire(1);
      resolve();
    }
    expect(guard.stats().sinks[0]!.sent).toBe(0);
    await guard.shutdown();
    expect(server.received).toHaveLength(20);
    expect(server.received.map((r) => r.body.status).slice(0, 2)).toEqual(['firing', 'resolved']);
    expect(guard.stats().sinks[0]).toMatchObject({ queued: 0, sent: 20, failed: 0, dropped: 0 });
  });

  it('gives up waiting for a sink that never settles when shutdown times out, without throwing', async () => {
    const { guard, fire } = guardWith([callbackSink(() => new Promise<void>(() => {}))]);
    fire(1);
    const started = performance.now();
    await expect(guard.shutdown(100)).resolves.toBeUndefined();
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('rejects bad options, naming each field', () => {
    const bad = () => webhookSink({ url: 'ftp://x', format: 'xml' as never, retries: -1, timeoutMs: 0 });
    for (const field of ['url', 'format', 'retries', 'timeoutMs'])
      expect(bad).toThrow(new RegExp(`- ${field}:`));
    expect(() => webhookSink({} as never)).toThrow(/url/);
  });
});

describe('callbackSink', () => {
  it('delivers in order after the agent call returns', async () => {
    const seen: string[] = [];
    const { guard, fire, resolve } = guardWith([callbackSink((a) => void seen.push(a.status))]);
    fire(1);
    expect(seen).toEqual([]);
    resolve();
    await guard.flush();
    expect(seen).toEqual(['firing', 'resolved']);
  });
});

describe('alertmanagerEndpoint', () => {
  it('appends the v2 alerts path once', () => {
    expect(alertmanagerEndpoint('http://am:9093')).toBe('http://am:9093/api/v2/alerts');
    expect(alertmanagerEndpoint('http://am:9093/')).toBe('http://am:9093/api/v2/alerts');
    expect(alertmanagerEndpoint('http://am:9093/api/v2/alerts')).toBe('http://am:9093/api/v2/alerts');
  });

  it('extends the path, not the query, and keeps a path prefix', () => {
    expect(alertmanagerEndpoint('http://am:9093/prefix/?tenant=a')).toBe(
      'http://am:9093/prefix/api/v2/alerts?tenant=a',
    );
  });
});

describe('HTTP sinks and credentials in the URL', () => {
  it('send them as Basic authorization, and never quote them in an error', async () => {
    const server = await startServer((_request, response) => response.writeHead(204).end());
    const withCredentials = server.url.replace('http://', 'http://ops:s3cr%40t@');
    await webhookSink({ url: withCredentials, retries: 0 }).send([alert()]);
    expect(server.received[0]!.headers.authorization).toBe(
      `Basic ${Buffer.from('ops:s3cr@t').toString('base64')}`,
    );
    // A header given explicitly wins.
    await webhookSink({ url: withCredentials, headers: { Authorization: 'Bearer t' } }).send([alert()]);
    expect(server.received[1]!.headers.authorization).toBe('Bearer t');
    await alertmanagerSink({ url: withCredentials.replace('/hook', '/am?tenant=a') }).send([alert()]);
    expect(server.received[2]!.headers.authorization).toMatch(/^Basic /);

    const { port } = server.server.address() as AddressInfo;
    server.server.closeAllConnections();
    await new Promise((resolve) => server.server.close(resolve));
    const error = await Promise.resolve(
      webhookSink({ url: `http://ops:s3cr3t-pw@127.0.0.1:${port}/hook`, retries: 0 }).send([alert()]),
    ).catch((caught: Error) => caught);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).not.toContain('s3cr3t-pw');
  });
});
