import { redactValue, THOUGHT_EVENT_NAME } from '@agentvitals/core';
import { type Context, diag } from '@opentelemetry/api';
import type { LogRecordProcessor, ReadWriteLogRecord } from '@opentelemetry/sdk-logs';

const log = diag.createComponentLogger({ namespace: '@agentvitals/node/logs' });

/** The instrumentation scope of the vitals, whose thoughts are redacted where they are recorded. */
const VITALS_SCOPE_NAME = '@agentvitals/core';

/**
 * Runs first on every log record: redacts the body (a string, or every string in a
 * structured one) and every string attribute, and replaces attributes named like secrets
 * (`password`, `apiKey`, ...), before any other processor or exporter sees the record.
 * Thoughts recorded by the vitals arrive already redacted and cut, so their body is not
 * redacted twice (their attributes still are).
 */
export class RedactingLogRecordProcessor implements LogRecordProcessor {
  readonly #redact: (text: string) => string;

  constructor(redact: (text: string) => string) {
    this.#redact = redact;
  }

  /** It wants no record for itself: it only rewrites those another processor wants. */
  enabled(): boolean {
    return false;
  }

  onEmit(record: ReadWriteLogRecord, _context?: Context): void {
    try {
      const ownThought =
        record.eventName === THOUGHT_EVENT_NAME && record.instrumentationScope?.name === VITALS_SCOPE_NAME;
      if (!ownThought && record.body !== undefined && record.body !== null) {
        record.setBody(redactValue(record.body, this.#redact) as never);
      }
      const attributes = record.attributes;
      for (const key of Object.keys(attributes)) {
        const value = attributes[key];
        const redacted = redactValue({ [key]: value }, this.#redact) as Record<string, unknown>;
        if (redacted[key] !== value) record.setAttribute(key, redacted[key] as never);
      }
    } catch (error) {
      // A record that cannot be redacted must not leave as it is.
      log.warn('redacting a log record failed; its body and attributes were dropped', error);
      try {
        record.setBody('[REDACTED:redaction_failed]');
        for (const key of Object.keys(record.attributes)) record.setAttribute(key, undefined as never);
      } catch {
        // Nothing more can be done for this record.
      }
    }
  }

  async forceFlush(): Promise<void> {}

  async shutdown(): Promise<void> {}
}
