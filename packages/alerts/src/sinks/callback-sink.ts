import { z } from 'zod';
import { parseOptions } from '../config/parse-options.js';
import type { Alert } from '../lifecycle/alert.js';
import type { AlertSink, SinkOptions } from './alert-sink.js';
import { sinkOptionsShape } from './sink-options-schema.js';

const schema = z.object({
  callback: z.custom<(alert: Alert) => unknown>((value) => typeof value === 'function', {
    message: 'must be a function (alert) => void | Promise<void>',
  }),
  options: z.object(sinkOptionsShape).strict().optional(),
});

/** Calls `callback` for every notification (firing, repeated, resolved), one at a time. */
export function callbackSink(
  callback: (alert: Alert) => void | Promise<void>,
  options: SinkOptions = {},
): AlertSink {
  parseOptions(schema, { callback, options }, 'callbackSink()');
  return {
    name: options.name ?? 'callback',
    maxQueueSize: options.maxQueueSize,
    repeatIntervalMs: options.repeatIntervalMs,
    async send(alerts) {
      for (const alert of alerts) await callback(alert);
    },
  };
}
