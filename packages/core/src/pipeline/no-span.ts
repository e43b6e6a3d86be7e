import { INVALID_SPAN_CONTEXT, type Span, trace } from '@opentelemetry/api';

/** A span that records nothing: what recorders write to when tracing is off. */
export const NO_SPAN: Span = trace.wrapSpanContext(INVALID_SPAN_CONTEXT);
