import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { start } from '../start.js';
import { TEST_OPTIONS } from '../test-support.js';

interface Received {
  path: string;
  contentType: string | undefined;
  authorization: string | undefined;
  bytes: number;
}

let server: Server;
let received: Received[];
let endpoint: string;

beforeEach(async () => {
  received = [];
  server = createServer((request, response) => {
    let bytes = 0;
    request.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
    });
    request.on('end', () => {
      received.push({
        path: request.url ?? '',
        contentType: request.headers['content-type'],
        authorization: request.headers.authorization,
        bytes,
      });
      response.statusCode = 200;
      response.setHeader('content-type', request.headers['content-type'] ?? 'application/x-protobuf');
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  await new Promise((resolve) => server.close(resolve));
});

async function exportOnce(protocol: 'http/protobuf' | 'http/json', extra: Record<string, string> = {}) {
  const av = await start({
    ...TEST_OPTIONS,
    agentName: 'support-bot',
    prometheus: { enabled: false },
    metrics: { processMetrics: false },
    env: {
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
      OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Bearer%20t0k',
      ...extra,
    },
    otlp: { protocol },
    logger: { level: 'info' },
  });
  await av.vitals.run(async () => {
    av.vitals.thought('checking the order');
    av.vitals.action();
  });
  await av.shutdown();
}

describe('OTLP/HTTP export', () => {
  it.each([
    ['http/protobuf', 'application/x-protobuf'],
    ['http/json', 'application/json'],
  ] as const)('sends traces, metrics and logs as %s on shutdown', async (protocol, contentType) => {
    await exportOnce(protocol);
    const paths = received.map((request) => request.path).sort();
    expect(paths).toEqual(['/v1/logs', '/v1/metrics', '/v1/traces']);
    for (const request of received) {
      expect(request.contentType).toBe(contentType);
      expect(request.authorization).toBe('Bearer t0k');
      expect(request.bytes).toBeGreaterThan(0);
    }
  });

  it('switches signals off one by one', async () => {
    await exportOnce('http/protobuf', { OTEL_TRACES_EXPORTER: 'none', OTEL_LOGS_EXPORTER: 'none' });
    expect(received.map((request) => request.path)).toEqual(['/v1/metrics']);
  });

  it('sends a signal to its own endpoint as-is, the others under the base endpoint', async () => {
    await exportOnce('http/protobuf', { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${endpoint}/tempo/traces` });
    expect(received.map((request) => request.path).sort()).toEqual([
      '/tempo/traces',
      '/v1/logs',
      '/v1/metrics',
    ]);
  });

  it('bounds flush() and shutdown() by shutdownTimeoutMs when the collector never answers', async () => {
    const silent = createServer(() => {
      // Accepts every request and never answers.
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    let requests = 0;
    silent.on('request', () => requests++);
    const av = await start({
      ...TEST_OPTIONS,
      agentName: 'support-bot',
      prometheus: { enabled: false },
      metrics: { processMetrics: false },
      otlp: { endpoint: `http://127.0.0.1:${(silent.address() as AddressInfo).port}`, timeoutMs: 5000 },
      logger: { level: 'silent' },
      shutdownTimeoutMs: 300,
    });
    try {
      await av.vitals.run(async () => {
        av.vitals.thought('waiting on a collector that hangs');
        av.vitals.action();
      });
      let started = performance.now();
      await av.flush();
      expect(performance.now() - started).toBeLessThan(2000);
      started = performance.now();
      await av.shutdown();
      expect(performance.now() - started).toBeLessThan(2000);
      expect(requests).toBeGreaterThan(0);
      // The process is free again: the globals and the claim were released despite the timeout.
      const next = await start({ ...TEST_OPTIONS, agentName: 'next', prometheus: { enabled: false } });
      await next.shutdown();
    } finally {
      await av.shutdown();
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('flushes on demand without shutting down', async () => {
    const av = await start({
      ...TEST_OPTIONS,
      agentName: 'support-bot',
      prometheus: { enabled: false },
      otlp: { endpoint, metrics: false },
      logger: { level: 'info' },
    });
    try {
      av.vitals.run(() => av.vitals.thought('serverless'));
      await av.flush();
      expect(received.map((request) => request.path).sort()).toEqual(['/v1/logs', '/v1/traces']);
    } finally {
      await av.shutdown();
    }
  });
});
