import type { ClientRequestArgs, Agent as HttpAgent } from 'node:http';
import { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { OtlpSignal } from '../config/otlp-endpoints.js';
import { tlsFilesFromEnv } from './tls-files-from-env.js';

/** Code of the error that ends an abandoned export; the OTLP exporters do not retry it. */
export const ABANDONED_EXPORT_CODE = 'ERR_AGENTVITALS_EXPORT_ABANDONED';

export interface ExportAgents {
  /**
   * The `httpAgentOptions` of one signal's OTLP exporter: a keep-alive agent per protocol, made on
   * first use, with the TLS files of OTEL_EXPORTER_OTLP_[<SIGNAL>_]CERTIFICATE, _CLIENT_CERTIFICATE
   * and _CLIENT_KEY for https, as the exporter's own agent would have.
   */
  factory(signal: OtlpSignal): (protocol: string) => Promise<HttpAgent>;
  /**
   * Ends every export connection now (with `ABANDONED_EXPORT_CODE`) and fails any later export at
   * once, without connecting, with an error the exporters do not retry, so an export to a
   * collector that hangs cannot keep the process alive after shutdown. Idempotent.
   */
  abandon(): void;
}

type Connect = (
  options: ClientRequestArgs,
  callback?: (error: Error | null, socket: Duplex) => void,
) => unknown;

/**
 * HTTP agents whose connections `start()` can cut after its shutdown timeout. The exporters'
 * own request timeout (`otlp.timeoutMs`, with retries) would otherwise hold the process open
 * that long after `av.shutdown()` gave up. `http`/`https` are imported lazily, as the OTLP
 * exporters advise, so HTTP instrumentation loaded later still sees them first.
 */
export function createExportAgents(): ExportAgents {
  let abandoned = false;
  const sockets = new Set<Duplex>();
  const agents = new Map<string, Promise<HttpAgent>>();
  const abandonedError = () =>
    Object.assign(new Error('Agent Vitals has shut down: the export was abandoned'), {
      code: ABANDONED_EXPORT_CODE,
    });
  // After the request has attached its error listener (it does so on the next tick).
  const end = (socket: Duplex) => setImmediate(() => socket.destroy(abandonedError()));
  const track = (socket: Duplex) => {
    if (abandoned) {
      end(socket);
      return;
    }
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };

  const create = async (signal: OtlpSignal, protocol: string): Promise<HttpAgent> => {
    const agent =
      protocol === 'https:'
        ? new (await import('node:https')).Agent({ keepAlive: true, ...tlsFilesFromEnv(signal) })
        : new (await import('node:http')).Agent({ keepAlive: true });
    const connect = agent.createConnection.bind(agent) as Connect;
    (agent as unknown as { createConnection: Connect }).createConnection = (options, callback) => {
      if (abandoned) {
        // Not even a connection attempt: its own failure (ECONNREFUSED) would be retried. The
        // request's first write to this unconnected socket fails (ERR_SOCKET_CLOSED, not retried).
        const idle = new Socket();
        end(idle);
        return idle;
      }
      const socket = connect(options, (error, created) => {
        if (!error && created && created !== socket) track(created);
        callback?.(error, created);
      });
      if (socket) track(socket as Duplex);
      return socket;
    };
    return agent;
  };

  return {
    factory(signal) {
      return (protocol) => {
        const key = `${signal} ${protocol}`;
        let agent = agents.get(key);
        if (!agent) {
          agent = create(signal, protocol);
          agents.set(key, agent);
        }
        return agent;
      };
    },
    abandon() {
      if (abandoned) return;
      abandoned = true;
      for (const socket of sockets) end(socket);
      sockets.clear();
    },
  };
}
