import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { diag } from '@opentelemetry/api';
import { parseWebhookPayload, type WebhookAlert } from './alert-payload.js';

const log = diag.createComponentLogger({ namespace: '@agentvitals/node/alert-webhook' });

/** What the alert webhook holds and releases: `createFleetHold()` of @agentvitals/alerts. */
export interface AlertHoldTarget {
  hold(agentName: string, reason: string): unknown;
  release(agentName: string, reason: string): unknown;
}

export interface AlertWebhookSettings {
  readonly path: string;
  readonly token: string;
  readonly hold: AlertHoldTarget;
  /** Alert names that hold an agent; others are acknowledged and ignored. */
  readonly alertNames: readonly string[];
  /** The label naming the agent (default `gen_ai_agent_name`). */
  readonly agentLabel: string;
  readonly maxBodyBytes: number;
}

/** The most notifications remembered for idempotency (fingerprint and status). */
const MAX_REMEMBERED = 10_000;

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/**
 * Constant-time comparison of the presented bearer token with the expected one. The scheme
 * name is case-insensitive (RFC 9110, section 11.1): `bearer` is as good as `Bearer`.
 */
function authorized(header: string | undefined, expected: Buffer): boolean {
  const match = /^Bearer +([^\s]+)$/i.exec(header ?? '');
  const presented = digest(match?.[1] ?? '');
  return timingSafeEqual(presented, expected) && match !== null;
}

function reply(response: ServerResponse, status: number, body: Record<string, unknown>): void {
  response.statusCode = status;
  response.setHeader('content-type', 'application/json');
  response.end(JSON.stringify(body));
}

/**
 * The request handler of the alert webhook: Alertmanager's webhook receiver posts
 * notifications here; a firing alert of `alertNames` holds its agent, the resolved one
 * releases it. Returns false for a request on another path.
 */
export function createAlertWebhook(settings: AlertWebhookSettings) {
  const expected = digest(settings.token);
  const names = new Set(settings.alertNames);
  /** Last status applied per fingerprint: a repeated notification has no further effect. */
  const applied = new Map<string, 'firing' | 'resolved'>();

  const apply = (alert: WebhookAlert): boolean => {
    const name = alert.labels.alertname ?? '';
    const agent = alert.labels[settings.agentLabel];
    if (!names.has(name) || agent === undefined || agent === '') return false;
    if (applied.get(alert.fingerprint) === alert.status) return false;
    applied.delete(alert.fingerprint);
    applied.set(alert.fingerprint, alert.status);
    if (applied.size > MAX_REMEMBERED) applied.delete(applied.keys().next().value as string);
    const reason = `${name} (${alert.fingerprint})`;
    try {
      if (alert.status === 'firing') settings.hold.hold(agent, reason);
      else settings.hold.release(agent, reason);
    } catch (error) {
      log.warn(`applying ${alert.status} ${name} to agent hold failed`, error);
    }
    return true;
  };

  const handle = (response: ServerResponse, body: Buffer) => {
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      reply(response, 400, { error: 'the body is not JSON' });
      return;
    }
    const payload = parseWebhookPayload(json);
    if (typeof payload === 'string') {
      reply(response, 400, { error: payload });
      return;
    }
    let changed = 0;
    for (const alert of payload.alerts) if (apply(alert)) changed++;
    reply(response, 200, { received: payload.alerts.length, applied: changed });
  };

  return (request: IncomingMessage, response: ServerResponse): boolean => {
    const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (pathname !== settings.path) return false;
    if (request.method !== 'POST') {
      response.setHeader('allow', 'POST');
      reply(response, 405, { error: 'POST only' });
      return true;
    }
    if (!authorized(request.headers.authorization, expected)) {
      response.setHeader('www-authenticate', 'Bearer');
      reply(response, 401, { error: 'a valid bearer token is required' });
      request.resume();
      return true;
    }
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > settings.maxBodyBytes) {
      response.setHeader('connection', 'close');
      reply(response, 413, { error: `the body exceeds ${settings.maxBodyBytes} bytes` });
      request.resume();
      return true;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    request.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > settings.maxBodyBytes) {
        refused = true;
        chunks.length = 0;
        response.setHeader('connection', 'close');
        reply(response, 413, { error: `the body exceeds ${settings.maxBodyBytes} bytes` });
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      if (!refused) handle(response, Buffer.concat(chunks));
    });
    request.on('error', (error) => log.warn('alert webhook request failed', error));
    return true;
  };
}
