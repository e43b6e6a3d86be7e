import { ATTR_GEN_AI_AGENT_NAME, ATTR_SERVICE_NAME, createRedactor, redactValue } from '@agentvitals/core';
import { trace } from '@opentelemetry/api';
import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '../config/schema.js';
import { redactLogArguments } from './redact-log-arguments.js';

export interface LoggerSetup {
  readonly level: LogLevel;
  readonly serviceName: string;
  readonly agentName: string;
  /** Defaults to stdout. */
  readonly destination?: DestinationStream;
  /** The active run's request id (the vitals' `currentRequestId`). */
  readonly requestId: () => string | undefined;
  /** Redacts free text; defaults to the built-in redactions. */
  readonly redact?: (text: string) => string;
}

/**
 * The pino logger: one JSON line per call with ISO time, a level label, the service and agent
 * names (serialised once, in the bindings) and, through a mixin, the active span's
 * `trace_id`, `span_id`, `trace_flags` and the run's `request_id`, so a log shipper can join
 * lines with traces. Fields passed to a log call win over the mixin's.
 *
 * Nothing reaches the stream unredacted: the message (after interpolation), every string in
 * the fields (nested ones included), errors (`err`: type, message and stack) and child
 * bindings go through the redactor, and fields named like secrets (`password`, `apiKey`,
 * `authorization`, ...) are replaced whatever their value.
 */
export function createLogger(setup: LoggerSetup): Logger {
  const redact = setup.redact ?? createRedactor();
  const options: pino.LoggerOptions = {
    level: setup.level,
    base: {
      pid: process.pid,
      [ATTR_SERVICE_NAME]: setup.serviceName,
      [ATTR_GEN_AI_AGENT_NAME]: setup.agentName,
    },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Errors arrive already turned into redacted { type, message, stack } by redactLogArguments.
    serializers: { err: (value: unknown) => value },
    formatters: {
      level: (label) => ({ level: label }),
      // The root's bindings; children's are redacted by redactChildBindings.
      bindings: (bindings) => redactValue(bindings, redact) as Record<string, unknown>,
    },
    hooks: {
      logMethod(args, method) {
        method.apply(this, redactLogArguments(args, redact) as Parameters<typeof method>);
      },
    },
    mixin() {
      const fields: Record<string, string> = {};
      const span = trace.getActiveSpan()?.spanContext();
      if (span && trace.isSpanContextValid(span)) {
        fields.trace_id = span.traceId;
        fields.span_id = span.spanId;
        fields.trace_flags = span.traceFlags.toString(16).padStart(2, '0');
      }
      const requestId = setup.requestId();
      if (requestId !== undefined) fields.request_id = redact(requestId);
      return fields;
    },
  };
  const logger = setup.destination ? pino(options, setup.destination) : pino(options);
  return redactChildBindings(logger, redact);
}

/**
 * Pino applies the bindings formatter to the root logger's bindings only; a child's bindings
 * (`logger.child({ customer })`, `setBindings`) are redacted here instead. Children inherit
 * these methods from the root, so every generation is covered.
 */
function redactChildBindings(logger: Logger, redact: (text: string) => string): Logger {
  const child = logger.child;
  const setBindings = logger.setBindings;
  logger.child = function redactedChild(this: Logger, bindings, childOptions) {
    const safe = redactValue(bindings, redact) as typeof bindings;
    const prefix = childOptions?.msgPrefix;
    const safeOptions =
      typeof prefix === 'string' ? { ...childOptions, msgPrefix: redact(prefix) } : childOptions;
    return child.call(this, safe, safeOptions);
  } as Logger['child'];
  logger.setBindings = function redactedSetBindings(this: Logger, bindings) {
    setBindings.call(this, redactValue(bindings, redact) as typeof bindings);
  };
  return logger;
}
