import { type Context, context, type Logger, SeverityNumber } from '@opentelemetry/api';
import { createRedactor } from '../redaction/redact.js';
import { truncateUtf8 } from '../redaction/truncate.js';
import { ATTR_AGENT_REQUEST_ID, ATTR_GEN_AI_AGENT_NAME } from '../semconv/attributes.js';
import { THOUGHT_EVENT_NAME } from '../semconv/values.js';
import { vitalsLogger } from './numbers.js';
import { runStateOf } from './run-context.js';
import type { ThoughtOptions } from './types.js';

export const DEFAULT_THOUGHT_MAX_BYTES = 8192;

/** Characters kept past a cut so a secret straddling it is still recognised, then dropped. */
const STRADDLE = 1024;

/**
 * Redacts then truncates, without redacting megabytes that would be cut anyway: a very long
 * text is cut first with a margin, redacted, and the margin (where a secret may have been cut
 * in half and so escaped its pattern) is dropped before the final cut.
 */
export function boundedRedaction(text: string, redact: (text: string) => string, maxBytes: number): string {
  const limit = maxBytes * 2 + STRADDLE;
  if (text.length <= limit) return truncateUtf8(redact(text), maxBytes);
  const redacted = redact(text.slice(0, limit));
  const safe = redacted.slice(0, Math.max(0, redacted.length - STRADDLE));
  return truncateUtf8(safe, maxBytes, true);
}

export type ThoughtRecorder = (text: string | (() => string)) => void;

/**
 * Builds the `thought()` recorder once: redaction patterns compiled, limits checked. A
 * thought becomes an OTel log record (event name `agent.thought`) in the active context, so
 * it carries the trace and span ids, plus the run's request id. The function form is only
 * called when a logger provider would record it.
 */
export function createThoughtRecorder(
  logger: Logger,
  agentName: string,
  options?: ThoughtOptions,
): ThoughtRecorder {
  if (options?.enabled === false) return () => {};
  const maxBytes = options?.maxBytes ?? DEFAULT_THOUGHT_MAX_BYTES;
  if (!Number.isInteger(maxBytes) || maxBytes < 16) {
    throw new TypeError(`thoughts.maxBytes must be an integer >= 16; got ${String(options?.maxBytes)}`);
  }
  const redact =
    options?.redact === false ? (text: string) => text : createRedactor({ patterns: options?.patterns });
  // A logger from an implementation without `enabled()` records everything.
  const enabled =
    typeof logger.enabled === 'function'
      ? (active: Context) =>
          logger.enabled({
            context: active,
            severityNumber: SeverityNumber.INFO,
            eventName: THOUGHT_EVENT_NAME,
          })
      : () => true;
  return (text) => {
    const active = context.active();
    try {
      if (!enabled(active)) return;
    } catch (error) {
      vitalsLogger.warn('the logger failed in enabled(); no thought recorded', error);
      return;
    }
    let value: unknown;
    try {
      value = typeof text === 'function' ? text() : text;
    } catch (error) {
      vitalsLogger.warn('the thought function threw; no thought recorded', error);
      return;
    }
    if (typeof value !== 'string') {
      vitalsLogger.warn(`thought() needs a string or a function returning one; got ${typeof value}: dropped`);
      return;
    }
    const requestId = runStateOf(active)?.requestId;
    try {
      logger.emit({
        eventName: THOUGHT_EVENT_NAME,
        severityNumber: SeverityNumber.INFO,
        severityText: 'INFO',
        body: boundedRedaction(value, redact, maxBytes),
        attributes:
          requestId === undefined
            ? { [ATTR_GEN_AI_AGENT_NAME]: agentName }
            : { [ATTR_GEN_AI_AGENT_NAME]: agentName, [ATTR_AGENT_REQUEST_ID]: requestId },
        context: active,
      });
    } catch (error) {
      vitalsLogger.warn('recording a thought failed; it was dropped', error);
    }
  };
}
