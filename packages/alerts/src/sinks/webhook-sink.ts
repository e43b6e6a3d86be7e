import { z } from 'zod';
import { parseOptions } from '../config/parse-options.js';
import type { Alert } from '../lifecycle/alert.js';
import type { AlertSink, SinkOptions } from './alert-sink.js';
import { alertToJson, alertToText } from './format-alert.js';
import { type HttpDeliveryOptions, postJson } from './post-json.js';
import { httpDeliveryShape, httpUrl, sinkOptionsShape } from './sink-options-schema.js';

export interface WebhookSinkOptions extends SinkOptions, HttpDeliveryOptions {
  readonly url: string;
  /**
   * `json` (default): one POST per notification with the alert as JSON (see `AlertJson`).
   * `slack`: `{ "text": ... }`, which Slack incoming webhooks and compatible chat tools show.
   */
  readonly format?: 'json' | 'slack';
}

const schema = z
  .object({
    ...sinkOptionsShape,
    ...httpDeliveryShape,
    url: httpUrl,
    format: z.enum(['json', 'slack']).optional(),
  })
  .strict();

/** POSTs each notification to a webhook, with a timeout and bounded retries. */
export function webhookSink(options: WebhookSinkOptions): AlertSink {
  const parsed = parseOptions(schema, options, 'webhookSink()');
  const slack = parsed.format === 'slack';
  const delivery: HttpDeliveryOptions = {
    headers: parsed.headers,
    timeoutMs: parsed.timeoutMs,
    retries: parsed.retries,
    backoffMs: parsed.backoffMs,
  };
  return {
    name: parsed.name ?? (slack ? 'slack' : 'webhook'),
    maxQueueSize: parsed.maxQueueSize,
    repeatIntervalMs: parsed.repeatIntervalMs,
    async send(alerts: readonly Alert[]) {
      for (const alert of alerts) {
        await postJson(parsed.url, slack ? { text: alertToText(alert) } : alertToJson(alert), delivery);
      }
    },
  };
}
