import { type Span, SpanStatusCode } from '@opentelemetry/api';
import { ATTR_ERROR_TYPE } from '../semconv/attributes.js';

/** Marks a span failed with `error.type`, records the exception event, and ends it. */
export function endSpanWithError(span: Span, error: unknown, type: string): void {
  span.setAttribute(ATTR_ERROR_TYPE, type);
  if (error instanceof Error) span.recordException(error);
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : undefined });
  span.end();
}
