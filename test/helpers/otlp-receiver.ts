import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import {
  logsOf,
  metricsOf,
  type ReceivedLogRecord,
  type ReceivedMetric,
  type ReceivedSpan,
  spansOf,
} from './otlp-model.js';
import { loadOtlpTypes, type Signal } from './otlp-proto.js';

export interface ReceivedRequest {
  readonly signal: Signal;
  readonly contentType: string;
  readonly bytes: number;
}

export interface OtlpReceiver {
  /** Base URL to give an exporter, e.g. http://127.0.0.1:43123 (paths /v1/traces, /v1/metrics, /v1/logs). */
  readonly endpoint: string;
  readonly spans: ReceivedSpan[];
  readonly metrics: ReceivedMetric[];
  readonly logs: ReceivedLogRecord[];
  readonly requests: ReceivedRequest[];
  /** Requests the receiver could not decode (answered 400); a passing test expects none. */
  readonly errors: string[];
  /** Headers of the last request, lowercased names. */
  lastHeaders(): Readonly<Record<string, string | string[] | undefined>>;
  /** Resolves once `check()` returns true, polling every 20 ms; rejects after `timeoutMs`. */
  waitFor(check: () => boolean, timeoutMs?: number, what?: string): Promise<void>;
  clear(): void;
  close(): Promise<void>;
}

const PATHS: Readonly<Record<string, Signal>> = {
  '/v1/traces': 'traces',
  '/v1/metrics': 'metrics',
  '/v1/logs': 'logs',
};
const MAX_BODY_BYTES = 32 * 1024 * 1024;

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error(`body larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  const body = Buffer.concat(chunks);
  return request.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body;
}

/**
 * An OTLP/HTTP receiver on 127.0.0.1: decodes the protobuf payloads with the official
 * .proto definitions (and OTLP/JSON payloads) of traces, metrics and logs.
 */
export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const types = loadOtlpTypes();
  const spans: ReceivedSpan[] = [];
  const metrics: ReceivedMetric[] = [];
  const logs: ReceivedLogRecord[] = [];
  const requests: ReceivedRequest[] = [];
  const errors: string[] = [];
  let headers: IncomingMessage['headers'] = {};

  // toObject writes bytes as base64.
  const accept = (signal: Signal, decoded: unknown) => {
    if (signal === 'traces') spans.push(...spansOf(decoded, 'base64'));
    else if (signal === 'metrics') metrics.push(...metricsOf(decoded));
    else logs.push(...logsOf(decoded, 'base64'));
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const signal = PATHS[(request.url ?? '').split('?')[0] ?? ''];
    if (request.method !== 'POST' || signal === undefined) {
      response.writeHead(404).end();
      return;
    }
    headers = request.headers;
    const contentType =
      String(request.headers['content-type'] ?? '')
        .split(';')[0]
        ?.trim() ?? '';
    try {
      const body = await readBody(request);
      requests.push({ signal, contentType, bytes: body.length });
      if (contentType === 'application/x-protobuf') {
        const message = types.requests[signal].decode(body);
        accept(
          signal,
          types.requests[signal].toObject(message, { longs: String, enums: Number, bytes: String }),
        );
        const reply = types.responses[signal].encode(types.responses[signal].create({})).finish();
        response.writeHead(200, { 'content-type': 'application/x-protobuf' }).end(Buffer.from(reply));
      } else if (contentType === 'application/json') {
        // OTLP/JSON: hex ids, int64 as strings, enums as integers. Convert the ids to the bytes
        // protobufjs expects and round-trip through the schema, so a field of the wrong type fails.
        const json = JSON.parse(body.toString('utf8'));
        const type = types.requests[signal];
        const message = type.decode(
          type.encode(type.fromObject(hexIdsToBase64(json) as Record<string, unknown>)).finish(),
        );
        accept(signal, type.toObject(message, { longs: String, enums: Number, bytes: String }));
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      } else {
        throw new Error(`unsupported content-type "${contentType}"`);
      }
    } catch (error) {
      errors.push(`${signal}: ${(error as Error).message}`);
      response.writeHead(400, { 'content-type': 'text/plain' }).end((error as Error).message);
    }
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      errors.push(String(error));
      if (!response.headersSent) response.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    spans,
    metrics,
    logs,
    requests,
    errors,
    lastHeaders: () => headers,
    async waitFor(check, timeoutMs = 10_000, what = 'condition') {
      const deadline = Date.now() + timeoutMs;
      while (!check()) {
        if (Date.now() > deadline) {
          throw new Error(
            `timed out after ${timeoutMs} ms waiting for ${what} (received ${spans.length} spans, ${metrics.length} metrics, ${logs.length} log records; errors: ${errors.join('; ') || 'none'})`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    clear() {
      spans.length = 0;
      metrics.length = 0;
      logs.length = 0;
      requests.length = 0;
      errors.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const ID_KEYS = new Set(['traceId', 'spanId', 'parentSpanId']);

/** OTLP/JSON writes trace and span ids as hex where protobuf JSON mapping would use base64. */
function hexIdsToBase64(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(hexIdsToBase64);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      ID_KEYS.has(key) && typeof inner === 'string'
        ? Buffer.from(inner, 'hex').toString('base64')
        : hexIdsToBase64(inner),
    ]),
  );
}
