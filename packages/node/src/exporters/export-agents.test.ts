import { type Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ABANDONED_EXPORT_CODE, createExportAgents } from './export-agents.js';

// The network errors @opentelemetry/otlp-exporter-base retries (isHttpTransportNetworkErrorRetryable).
const RETRIED_CODES = [
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENOTFOUND',
  'ENETUNREACH',
  'EHOSTUNREACH',
];

let server: Server;
let url: string;
let received: number;

beforeEach(async () => {
  received = 0;
  // Accepts every request and never answers.
  server = createServer(() => {
    received++;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/traces`;
});
afterEach(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function post(agent: Agent) {
  return new Promise<{ code?: string }>((resolve) => {
    const outgoing = request(url, { method: 'POST', agent }, () => resolve({}));
    outgoing.on('error', (error: NodeJS.ErrnoException) => resolve({ code: error.code }));
    outgoing.end('payload');
  });
}

describe('createExportAgents', () => {
  it('gives one agent per signal and protocol', async () => {
    const agents = createExportAgents();
    const traces = agents.factory('traces');
    expect(await traces('http:')).toBe(await agents.factory('traces')('http:'));
    expect(await traces('https:')).not.toBe(await traces('http:'));
    expect(await agents.factory('logs')('http:')).not.toBe(await traces('http:'));
  });

  it('gives https agents the TLS files of the environment, as the exporters would', async () => {
    const previous = process.env.OTEL_EXPORTER_OTLP_LOGS_CERTIFICATE;
    process.env.OTEL_EXPORTER_OTLP_LOGS_CERTIFICATE = fileURLToPath(import.meta.url);
    try {
      const agent = (await createExportAgents().factory('logs')('https:')) as Agent & {
        options: { ca?: Buffer };
      };
      expect(String(agent.options.ca)).toContain('gives https agents the TLS files');
    } finally {
      if (previous === undefined) delete process.env.OTEL_EXPORTER_OTLP_LOGS_CERTIFICATE;
      else process.env.OTEL_EXPORTER_OTLP_LOGS_CERTIFICATE = previous;
    }
  });

  it('ends an export in flight with a code the exporters do not retry', async () => {
    const agents = createExportAgents();
    const pending = post(await agents.factory('traces')('http:'));
    while (received === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    agents.abandon();
    agents.abandon();
    expect(await pending).toEqual({ code: ABANDONED_EXPORT_CODE });
  });

  it('fails later exports at once, without connecting', async () => {
    const agents = createExportAgents();
    const agent = await agents.factory('logs')('http:');
    agents.abandon();
    const { code } = await post(agent);
    // Any error but one the OTLP exporters retry on.
    expect(code).toBeDefined();
    expect(RETRIED_CODES).not.toContain(code);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(received).toBe(0);
  });
});
