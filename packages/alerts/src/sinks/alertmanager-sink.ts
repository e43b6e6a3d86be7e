import { z } from 'zod';
import { parseOptions } from '../config/parse-options.js';
import type { Alert } from '../lifecycle/alert.js';
import type { AlertSink, SinkOptions } from './alert-sink.js';
import { alertToAlertmanager } from './format-alert.js';
import { type HttpDeliveryOptions, postJson } from './post-json.js';
import { httpDeliveryShape, httpUrl, sinkOptionsShape } from './sink-options-schema.js';

export interface AlertmanagerSinkOptions extends SinkOptions, HttpDeliveryOptions {
  /** Alertmanager's base URL (`http://alertmanager:9093`); `/api/v2/alerts` is appended. */
  readonly url: string;
  /** A link back to the alert's source, shown by Alertmanager. */
  readonly generatorURL?: string;
  /** Alerts per POST; default 64. */
  readonly maxBatchSize?: number;
}

const schema = z
  .object({
    ...sinkOptionsShape,
    ...httpDeliveryShape,
    url: httpUrl,
    generatorURL: z.string().url().optional(),
    maxBatchSize: z.number().int().min(1).max(1000).optional(),
  })
  .strict();

/** The `POST /api/v2/alerts` endpoint for a base URL (an URL already ending in it is kept). */
export function alertmanagerEndpoint(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    const trimmed = url.replace(/\/+$/, '');
    return trimmed.endsWith('/api/v2/alerts') ? trimmed : `${trimmed}/api/v2/alerts`;
  }
  // The path is extended, never the query (`?x=1/api/v2/alerts` reaches no Alertmanager).
  const path = parsed.pathname.replace(/\/+$/, '');
  parsed.pathname = path.endsWith('/api/v2/alerts') ? path : `${path}/api/v2/alerts`;
  return parsed.toString();
}

/**
 * Sends alerts to Alertmanager's v2 API, batched. Like Prometheus, it re-sends firing
 * alerts every `repeatIntervalMs` (default 60 s) without `endsAt`, so Alertmanager keeps
 * them active for its `resolve_timeout` after the last one; a resolution is sent with `endsAt`.
 * Grouping, silences, inhibition and routing to receivers stay Alertmanager's job.
 */
export function alertmanagerSink(options: AlertmanagerSinkOptions): AlertSink {
  const parsed = parseOptions(schema, options, 'alertmanagerSink()');
  const endpoint = alertmanagerEndpoint(parsed.url);
  const delivery: HttpDeliveryOptions = {
    headers: parsed.headers,
    timeoutMs: parsed.timeoutMs,
    retries: parsed.retries,
    backoffMs: parsed.backoffMs,
  };
  return {
    name: parsed.name ?? 'alertmanager',
    maxQueueSize: parsed.maxQueueSize,
    maxBatchSize: parsed.maxBatchSize ?? 64,
    repeatIntervalMs: parsed.repeatIntervalMs ?? 60_000,
    async send(alerts: readonly Alert[]) {
      await postJson(
        endpoint,
        alerts.map((alert) => alertToAlertmanager(alert, parsed.generatorURL)),
        delivery,
      );
    },
  };
}
