import { type Attributes, context, SpanKind, trace } from '@opentelemetry/api';
import {
  ATTR_AGENT_REQUEST_ID,
  ATTR_AGENT_TOOL_OUTCOME,
  ATTR_GEN_AI_AGENT_NAME,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_TOOL_NAME,
} from '../semconv/attributes.js';
import { OPERATION_EXECUTE_TOOL, type ToolOutcome } from '../semconv/values.js';
import { recordAction } from './action.js';
import { errorType, isTimeoutError } from './error-type.js';
import { vitalsLogger } from './numbers.js';
import { runStateOf } from './run-context.js';
import { observe, refuse } from './settle.js';
import { endSpanWithError } from './span-status.js';
import { consultGuards, type VitalsState } from './state.js';
import type { ToolOptions } from './types.js';

/** Metric attributes per tool name and outcome, built once per tool (tool names are bounded). */
function toolAttributes(state: VitalsState, toolName: string, outcome: ToolOutcome): Attributes {
  const byTool = state.toolAttributes;
  let byOutcome = byTool.get(toolName);
  if (!byOutcome) {
    const make = (o: ToolOutcome): Attributes =>
      Object.freeze({
        [ATTR_GEN_AI_AGENT_NAME]: state.agentName,
        [ATTR_GEN_AI_TOOL_NAME]: toolName,
        [ATTR_AGENT_TOOL_OUTCOME]: o,
      });
    byOutcome = {
      success: make('success'),
      error: make('error'),
      invalid: make('invalid'),
      denied: make('denied'),
      blocked: make('blocked'),
      timeout: make('timeout'),
    };
    byTool.set(toolName, byOutcome);
  }
  return byOutcome[outcome];
}

/** `invalid` when the validator rejects the result (returns false or a string, or throws). */
function validationOutcome<F extends (...args: any[]) => any>(
  options: ToolOptions<F> | undefined,
  value: unknown,
  args: readonly unknown[],
): ToolOutcome {
  if (typeof options?.validate !== 'function') {
    if (options?.validate !== undefined)
      vitalsLogger.warn("a tool's 'validate' option is not a function: ignored");
    return 'success';
  }
  try {
    const verdict = options.validate(value as Awaited<ReturnType<F>>, args as Parameters<F>);
    return verdict === false || typeof verdict === 'string' ? 'invalid' : 'success';
  } catch {
    return 'invalid';
  }
}

/**
 * Calls `fn` once as the tool `name`: guards first (a denied or blocked call never runs),
 * then an `execute_tool {name}` span, `agent.tool.calls` and `agent.tool.duration` with the
 * outcome, an action, and `tool.start`/`tool.end` events. Result and error pass through.
 */
export function invokeTool<F extends (...args: any[]) => any>(
  state: VitalsState,
  name: unknown,
  fn: F,
  thisArg: unknown,
  args: Parameters<F>,
  options?: ToolOptions<F>,
): ReturnType<F> {
  const toolName = state.toolNames.bound(name);
  const parent = context.active();
  const requestId = runStateOf(parent)?.requestId;
  const spanAttributes: Attributes = {
    [ATTR_GEN_AI_OPERATION_NAME]: OPERATION_EXECUTE_TOOL,
    [ATTR_GEN_AI_AGENT_NAME]: state.agentName,
    [ATTR_GEN_AI_TOOL_NAME]: toolName,
  };
  if (requestId !== undefined) spanAttributes[ATTR_AGENT_REQUEST_ID] = requestId;
  const spanName = `${OPERATION_EXECUTE_TOOL} ${toolName}`;

  if (state.guards.length > 0) {
    const decision = consultGuards(state, {
      kind: 'tool',
      agentName: state.agentName,
      requestId,
      toolName,
      args,
    });
    if (decision) {
      const outcome: ToolOutcome = decision.action === 'deny' ? 'denied' : 'blocked';
      state.instruments.toolCalls.add(1, toolAttributes(state, toolName, outcome));
      const span = state.tracer.startSpan(
        spanName,
        { kind: SpanKind.INTERNAL, attributes: spanAttributes },
        parent,
      );
      span.setAttribute(ATTR_AGENT_TOOL_OUTCOME, outcome);
      const type = errorType(decision.error);
      endSpanWithError(span, decision.error, type);
      if (state.events.active) {
        const base = { agentName: state.agentName, time: state.clock(), requestId };
        state.events.emit({
          ...base,
          type: 'guard.deny',
          outcome,
          kind: 'tool',
          toolName,
          reason: decision.reason,
        });
        state.events.emit({
          ...base,
          type: 'tool.end',
          toolName,
          args,
          outcome,
          durationSeconds: 0,
          errorType: type,
        });
      }
      return refuse(fn, decision.error, options?.returnsPromise);
    }
  }

  if (state.events.active) {
    state.events.emit({
      type: 'tool.start',
      agentName: state.agentName,
      time: state.clock(),
      requestId,
      toolName,
      args,
    });
  }
  const span = state.tracer.startSpan(
    spanName,
    { kind: SpanKind.INTERNAL, attributes: spanAttributes },
    parent,
  );
  const started = performance.now();
  let finished = false;

  const finish = (failed: boolean, valueOrError: unknown) => {
    if (finished) return;
    finished = true;
    try {
      const durationSeconds = (performance.now() - started) / 1000;
      const outcome: ToolOutcome = failed
        ? isTimeoutError(valueOrError)
          ? 'timeout'
          : 'error'
        : validationOutcome(options, valueOrError, args);
      const attributes = toolAttributes(state, toolName, outcome);
      state.instruments.toolCalls.add(1, attributes);
      state.instruments.toolDuration.record(durationSeconds, attributes);
      span.setAttribute(ATTR_AGENT_TOOL_OUTCOME, outcome);
      const type = failed ? errorType(valueOrError) : outcome === 'invalid' ? 'invalid_result' : undefined;
      if (failed) endSpanWithError(span, valueOrError, type!);
      else if (type !== undefined) endSpanWithError(span, undefined, type);
      else span.end();
      if (state.events.active) {
        state.events.emit({
          type: 'tool.end',
          agentName: state.agentName,
          time: state.clock(),
          requestId,
          toolName,
          args,
          outcome,
          durationSeconds,
          ...(failed ? { errorType: type } : { result: valueOrError }),
        });
      }
      recordAction(state);
    } catch (recordingError) {
      vitalsLogger.error('recording a tool call failed; the call itself was not affected', recordingError);
    }
  };

  let result: ReturnType<F>;
  try {
    result = context.with(trace.setSpan(parent, span), () => fn.apply(thisArg, args));
  } catch (error) {
    finish(true, error);
    throw error;
  }
  return observe(
    result,
    (value) => finish(false, value),
    (error) => finish(true, error),
  );
}
