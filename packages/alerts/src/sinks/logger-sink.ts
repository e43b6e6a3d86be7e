import { z } from 'zod';
import { parseOptions } from '../config/parse-options.js';
import type { Alert } from '../lifecycle/alert.js';
import type { AlertSink, SinkOptions } from './alert-sink.js';
import { alertToJson, alertToText } from './format-alert.js';
import { sinkOptionsShape } from './sink-options-schema.js';

type LogMethod = (...args: unknown[]) => void;

/** A pino logger or `console`: anything with `error`, `warn` and `info` methods. */
export interface AlertLogger {
  error: LogMethod;
  warn: LogMethod;
  info: LogMethod;
}

const method = z.custom<LogMethod>((value) => typeof value === 'function', { message: 'must be a function' });
const schema = z.object({
  logger: z.object(
    { error: method, warn: method, info: method },
    { message: 'must be a logger (pino or console)' },
  ),
  options: z.object(sinkOptionsShape).strict().optional(),
});

/** pino takes `(object, message)`; console takes `(message, object)`. pino loggers have `child` and `level`. */
const isPinoLike = (logger: AlertLogger) =>
  typeof (logger as { child?: unknown }).child === 'function' && 'level' in logger;

/**
 * Logs notifications: critical firing alerts at `error`, others at `warn`, resolutions at
 * `info`. With pino the alert is the log object (`{ alert }`); with console it follows the text.
 */
export function loggerSink(logger: AlertLogger = console, options: SinkOptions = {}): AlertSink {
  parseOptions(schema, { logger, options }, 'loggerSink()');
  const pino = isPinoLike(logger);
  return {
    name: options.name ?? 'logger',
    maxQueueSize: options.maxQueueSize,
    repeatIntervalMs: options.repeatIntervalMs,
    send(alerts: readonly Alert[]) {
      for (const alert of alerts) {
        const level = alert.status === 'resolved' ? 'info' : alert.severity === 'critical' ? 'error' : 'warn';
        const text = alertToText(alert);
        const data = alertToJson(alert);
        if (pino) logger[level]({ alert: data }, text);
        else logger[level](text, data);
      }
    },
  };
}
