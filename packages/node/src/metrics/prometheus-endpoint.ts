import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { diag } from '@opentelemetry/api';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import type { PrometheusEndpoint } from '../types.js';

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
  readonly reader: PrometheusExporter;
  readonly endpoint: PrometheusEndpoint;
  /** Stops accepting scrapes; idempotent. */
  close(): Promise<void>;
}

const urlHost = (host: string) => (host.includes(':') ? `[${host}]` : host);

function explain(error: NodeJS.ErrnoException, options: PrometheusEndpointOptions): Error {
  const where = `${urlHost(options.host)}:${options.port}`;
  const reason =
    error.code === 'EADDRINUSE'
      ? `port ${options.port} is already in use`
      : error.code === 'EACCES'
        ? `permission denied to bind port ${options.port}`
        : error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND'
          ? `host ${options.host} is not an address of this machine`
          : error.message;
  return new Error(
    `Agent Vitals could not start the Prometheus endpoint on ${where}: ${reason} (${error.code ?? 'error'}). ` +
      'Set prometheus.port (AGENTVITALS_PROMETHEUS_PORT) to a free port, 0 for any free port, ' +
      'or prometheus.enabled=false (AGENTVITALS_PROMETHEUS=false).',
    { cause: error },
  );
}

/**
 * Binds the scrape endpoint. The exporter's own server is not used: it treats port 0 as
 * "default", cannot report the bound port, and only reports bind errors through diag. Here
 * the bind is awaited, so a port in use rejects `start()` with a clear error.
 */
export async function startPrometheusEndpoint(
  options: PrometheusEndpointOptions,
): Promise<RunningPrometheusEndpoint> {
  const reader = new PrometheusExporter({ preventServerStart: true });
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
      reader.getMetricsRequestHandler(request, response);
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
