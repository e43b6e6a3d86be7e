import { ATTR_AGENT_REQUEST_ID, THOUGHT_EVENT_NAME } from '@agentvitals/core';
import { type Context, diag } from '@opentelemetry/api';
import type { LogRecordProcessor, ReadWriteLogRecord } from '@opentelemetry/sdk-logs';
import type { Logger } from 'pino';

const log = diag.createComponentLogger({ namespace: '@agentvitals/node/thoughts' });

/**
 * Writes every `agent.thought` log record to pino at debug level, as recorded: already
 * redacted and truncated by the vitals, with the record's own trace and span ids. It answers
 * `enabled()` only for thoughts and only when pino's debug level is on, so thoughts cost
 * nothing when neither this nor an exporter wants them.
 */
export class ThoughtLogProcessor implements LogRecordProcessor {
  readonly #logger: Logger;

  constructor(logger: Logger) {
    this.#logger = logger;
  }

  enabled(options: { eventName?: string }): boolean {
    return options.eventName === THOUGHT_EVENT_NAME && this.#logger.isLevelEnabled('debug');
  }

  onEmit(record: ReadWriteLogRecord, _context?: Context): void {
    if (record.eventName !== THOUGHT_EVENT_NAME || !this.#logger.isLevelEnabled('debug')) return;
    try {
      const fields: Record<string, unknown> = { event: THOUGHT_EVENT_NAME, thought: record.body };
      const span = record.spanContext;
      if (span) {
        fields.trace_id = span.traceId;
        fields.span_id = span.spanId;
        fields.trace_flags = span.traceFlags.toString(16).padStart(2, '0');
      }
      const requestId = record.attributes[ATTR_AGENT_REQUEST_ID];
      if (requestId !== undefined) fields.request_id = requestId;
      this.#logger.debug(fields, THOUGHT_EVENT_NAME);
    } catch (error) {
      log.warn('writing a thought to the logger failed', error);
    }
  }

  async forceFlush(): Promise<void> {}

  async shutdown(): Promise<void> {}
}
