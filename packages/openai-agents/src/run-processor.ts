import { openRun } from '@agentvitals/core';
import type { Span, SpanData, Trace, TracingProcessor } from '@openai/agents';
import { diag, context as otelContext } from '@opentelemetry/api';
import { rememberRun, runsByTrace, vitalsByAgentName } from './run-registry.js';

const logger = diag.createComponentLogger({ namespace: '@agentvitals/openai-agents' });

/** Spans whose error means the run failed (a function span's error is the tool's, not the run's). */
const RUN_SPAN_TYPES = new Set(['agent', 'task', 'turn']);

/** The run failed, and no model or tool error explains why: the SDK's span error message is all there is. */
export class AgentRunError extends Error {
  override readonly name = 'AgentRunError';
}

/**
 * Turns the SDK's traces into vitals runs: a run starts with the first agent span of an
 * instrumented agent in a trace, and ends with the trace, or as failed with the first turn,
 * agent or task span that ends with an error. The SDK ends a streamed run's trace when its
 * stream loop settles, so a streamed run ends when its stream does.
 */
export class RunProcessor implements TracingProcessor {
  async onTraceStart(_trace: Trace): Promise<void> {}

  async onTraceEnd(trace: Trace): Promise<void> {
    try {
      const record = runsByTrace.get(trace.traceId);
      if (!record) return;
      runsByTrace.delete(trace.traceId);
      if (record.pendingError) record.call.fail(record.pendingError.error);
      else record.call.end();
    } catch (error) {
      logger.error('ending a run failed; the run itself was not affected', error);
    }
  }

  async onSpanStart(span: Span<SpanData>): Promise<void> {
    try {
      const data = span.spanData;
      if (data.type !== 'agent' || runsByTrace.has(span.traceId)) return;
      const vitals = vitalsByAgentName.get(data.name);
      if (!vitals) return;
      const call = openRun(vitals, otelContext.active());
      rememberRun(span.traceId, { vitals, call });
    } catch (error) {
      logger.error('starting a run failed; the run itself was not affected', error);
    }
  }

  async onSpanEnd(span: Span<SpanData>): Promise<void> {
    try {
      if (span.error === null || !RUN_SPAN_TYPES.has(span.spanData.type)) return;
      // The SDK ends a failed run's turn, agent and task spans with an error, but never its
      // trace: the run ends here.
      const record = runsByTrace.get(span.traceId);
      if (!record) return;
      runsByTrace.delete(span.traceId);
      record.call.fail(
        record.pendingError?.error ?? record.lastError ?? new AgentRunError(span.error.message),
      );
    } catch (error) {
      logger.error('reading a span failed; the run itself was not affected', error);
    }
  }

  async shutdown(): Promise<void> {}
  async forceFlush(): Promise<void> {}
}
