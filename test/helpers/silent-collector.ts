import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SilentCollector {
  /** Base URL, e.g. http://127.0.0.1:43123. */
  readonly endpoint: string;
  /** Requests received (and never answered). */
  requests(): number;
  close(): Promise<void>;
}

/** An HTTP server on 127.0.0.1 that accepts every request and never answers: a collector that hangs. */
export async function startSilentCollector(): Promise<SilentCollector> {
  let requests = 0;
  const server = createServer(() => {
    requests++;
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests: () => requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
