import { type Attributes, type Span, SpanStatusCode } from '@opentelemetry/api';
import { createRedactor } from '../redaction/redact.js';
import { TRUNCATION_MARKER } from '../redaction/truncate.js';
import { ATTR_ERROR_TYPE } from '../semconv/attributes.js';

/** The `exception` event and its attributes (OpenTelemetry semantic conventions). */
export const EXCEPTION_EVENT_NAME = 'exception';
export const ATTR_EXCEPTION_TYPE = 'exception.type';
export const ATTR_EXCEPTION_MESSAGE = 'exception.message';
export const ATTR_EXCEPTION_STACKTRACE = 'exception.stacktrace';

/** Longest error message and stack kept, in UTF-16 units; the rest is cut before redaction. */
export const MAX_ERROR_MESSAGE_LENGTH = 4096;
export const MAX_ERROR_STACK_LENGTH = 16_384;

/** Characters redacted past a cut, so a secret straddling it is still recognised, then dropped. */
const STRADDLE = 1024;

/** The built-in redactions, for callers that have no redactor of their own. */
const defaultRedact = createRedactor();

/**
 * Redacts `text` cut to `max` characters, without redacting megabytes that would be cut anyway:
 * a long text is redacted with a margin past the cut, and the margin is dropped after.
 */
export function redactBounded(
  text: string,
  max: number,
  redact: (text: string) => string = defaultRedact,
): string {
  if (text.length <= max) return redact(text);
  const redacted = redact(text.slice(0, max + STRADDLE));
  return redacted.slice(0, max) + TRUNCATION_MARKER;
}

/** Reads a property of a thrown value that may be a hostile object; never throws. */
function read(value: unknown, key: 'name' | 'message' | 'stack'): string | undefined {
  try {
    const found = (value as Record<string, unknown>)[key];
    return typeof found === 'string' ? found : undefined;
  } catch {
    return undefined;
  }
}

/** What of a thrown value may be exported, redacted: its type, message and stack. */
export interface RedactedError {
  readonly type: string | undefined;
  readonly message: string | undefined;
  readonly stack: string | undefined;
}

/**
 * The type, message and stack of a thrown value, each redacted and bounded. An Error (or an
 * object with string `name`/`message`/`stack`) gives all three; a thrown string is a message.
 */
export function redactError(error: unknown, redact: (text: string) => string = defaultRedact): RedactedError {
  if (typeof error === 'string') {
    return {
      type: undefined,
      message: redactBounded(error, MAX_ERROR_MESSAGE_LENGTH, redact),
      stack: undefined,
    };
  }
  if (typeof error !== 'object' || error === null)
    return { type: undefined, message: undefined, stack: undefined };
  const name = read(error, 'name');
  const message = read(error, 'message');
  const stack = read(error, 'stack');
  return {
    type: name === undefined ? undefined : redactBounded(name, 256, redact),
    message: message === undefined ? undefined : redactBounded(message, MAX_ERROR_MESSAGE_LENGTH, redact),
    stack: stack === undefined ? undefined : redactBounded(stack, MAX_ERROR_STACK_LENGTH, redact),
  };
}

/**
 * Marks a span failed with `error.type`, records the `exception` event, and ends it. The
 * event's `exception.type`, `exception.message` and `exception.stacktrace` and the status
 * message are redacted (the built-in redactions, or `redact`) and bounded before they reach
 * the span: an error's text is free text, and can carry whatever the failed call was given.
 * Never throws.
 */
export function endSpanWithError(
  span: Span,
  error: unknown,
  type: string,
  redact: (text: string) => string = defaultRedact,
): void {
  try {
    span.setAttribute(ATTR_ERROR_TYPE, type);
    const redacted = redactError(error, redact);
    if (redacted.message !== undefined || redacted.stack !== undefined) {
      const attributes: Attributes = {};
      attributes[ATTR_EXCEPTION_TYPE] = redacted.type ?? type;
      if (redacted.message !== undefined) attributes[ATTR_EXCEPTION_MESSAGE] = redacted.message;
      if (redacted.stack !== undefined) attributes[ATTR_EXCEPTION_STACKTRACE] = redacted.stack;
      span.addEvent(EXCEPTION_EVENT_NAME, attributes);
    }
    span.setStatus({ code: SpanStatusCode.ERROR, message: redacted.message });
  } catch {
    // A span implementation that throws must not turn a recorded failure into a new one.
  }
  try {
    span.end();
  } catch {
    // As above.
  }
}
