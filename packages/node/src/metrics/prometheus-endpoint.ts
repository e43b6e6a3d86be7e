import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { diag } from '@opentelemetry/api';
import type { PrometheusEndpoint } from '../types.js';
import { writeExposition } from './prometheus/exposition-writer.js';
import { PullMetricReader } from './prometheus/pull-reader.js';

const log = diag.createComponentLogger({ namespace: '@agentvitals/node/prometheus' });

export interface PrometheusEndpointOptions {
  readonly host: string;
  readonly port: number;
  readonly path: string;
  /** Another route on the same server (the alert webhook); returns false for requests it does not serve. */
  readonly extraRoute?: (request: IncomingMessage, response: ServerResponse) => boolean;
}

export interface RunningPrometheusEndpoint {
  /** The metric reader to register on the MeterProvider. */
  readonly reader: PullMetricReader;
  readonly endpoint: PrometheusEndpoint;
  /** Stops accepting scrapes; idempotent. */
  close(): Promise<void>;
}

const urlHost = (host: string) => (host.includes(':') && !host.startsWith('[') ? `[${host}]` : host);

const PORT_FIX =
  'Set prometheus.port (AGENTVITALS_PROMETHEUS_PORT) to a free port, 0 for any free port, ' +
  'or prometheus.enabled=false (AGENTVITALS_PROMETHEUS=false).';
const HOST_FIX =
  'Set prometheus.host (AGENTVITALS_PROMETHEUS_HOST) to an address of this machine, such as ' +
  '127.0.0.1, ::1 (IPv6, without brackets) or 0.0.0.0, or prometheus.enabled=false (AGENTVITALS_PROMETHEUS=false).';

function explain(error: NodeJS.ErrnoException, options: PrometheusEndpointOptions): Error {
  const where = `${urlHost(options.host)}:${options.port}`;
  const hostProblem = error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND';
  const reason =
    error.code === 'EADDRINUSE'
      ? `port ${options.port} is already in use`
      : error.code === 'EACCES'
        ? `permission denied to bind port ${options.port}`
        : hostProblem
          ? `host ${options.host} is not an address of this machine`
          : error.message;
  return new Error(
    `Agent Vitals could not start the Prometheus endpoint on ${where}: ${reason} (${error.code ?? 'error'}). ` +
      (hostProblem ? HOST_FIX : PORT_FIX),
    { cause: error },
  );
}

const CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/**
 * Answers one scrape: collects, then streams the text in chunks, yielding to the event loop
 * between slices of work so a large scrape never stalls the agent; stops if the scraper leaves.
 */
async function scrape(reader: PullMetricReader, request: IncomingMessage, response: ServerResponse) {
  const { resourceMetrics, errors } = await reader.collect();
  if (errors.length > 0) log.warn('metric collection reported errors', ...errors);
  response.statusCode = 200;
  response.setHeader('content-type', CONTENT_TYPE);
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  const sink = {
    get closed() {
      return response.destroyed;
    },
    write(chunk: Uint8Array): void | Promise<void> {
      if (response.write(chunk) || response.destroyed) return;
      return new Promise<void>((resolve) => {
        const done = () => {
          response.off('drain', done);
          response.off('close', done);
          resolve();
        };
        response.on('drain', done);
        response.on('close', done);
      });
    },
  };
  await writeExposition(resourceMetrics, sink);
  response.end();
}

/**
 * Binds the scrape endpoint and serves the metrics itself (not through
 * `@opentelemetry/exporter-prometheus`): the names carry unit suffixes as the OTel Collector's
 * Prometheus exporters write them, the text is streamed in slices, and the bind is awaited, so
 * a port in use rejects `start()` with a clear error.
 */
export async function startPrometheusEndpoint(
  options: PrometheusEndpointOptions,
): Promise<RunningPrometheusEndpoint> {
  const reader = new PullMetricReader();
  const handle = (request: IncomingMessage, response: ServerResponse) => {
    try {
      if (options.extraRoute?.(request, response) === true) return;
      const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
      if (pathname !== options.path) {
        response.statusCode = 404;
        response.end();
        return;
      }
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        response.statusCode = 405;
        response.setHeader('allow', 'GET, HEAD');
        response.end();
        return;
      }
      scrape(reader, request, response).catch((error) => {
        log.warn('scrape failed', error);
        if (!response.headersSent) response.statusCode = 500;
        if (response.headersSent) response.destroy();
        else response.end();
      });
    } catch (error) {
      log.warn('scrape request failed', error);
      if (!response.headersSent) response.statusCode = 400;
      response.end();
    }
  };
  const server: Server = createServer(handle);
  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => reject(explain(error, options));
    server.once('error', onError);
    server.listen({ host: options.host, port: options.port }, () => {
      server.off('error', onError);
      server.on('error', (error) => log.warn('Prometheus endpoint error', error));
      resolve();
    });
  });
  server.unref();
  const port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    reader,
    endpoint: {
      url: `http://${urlHost(options.host)}:${port}${options.path}`,
      port,
      host: options.host,
      path: options.path,
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
