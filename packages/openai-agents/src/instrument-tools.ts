import { decodeToolInput, isCircuitOpenError, isPolicyDeniedError, type Vitals } from '@agentvitals/core';
import {
  type FunctionTool,
  getCurrentSpan,
  InvalidToolOutputError,
  type Tool,
  ToolTimeoutError,
} from '@openai/agents';
import { context } from '@opentelemetry/api';
import { currentRun, noteFailure, warnOutsideRun } from './run-registry.js';

const INSTRUMENTED = Symbol.for('agentvitals.openai-agents.tool');

/**
 * The tool failed, and the SDK's `tool()` turned the failure into a message for the model:
 * thrown inside the vitals call only, so that the call is recorded as an `error`.
 */
export class ToolErrorResultError extends Error {
  override readonly name = 'ToolErrorResult';
}

/**
 * The SDK gave up on the tool call (its `timeoutMs` passed) and answered for it: thrown inside
 * the vitals call only, so that the call is recorded as a `timeout`, whether the tool stopped on
 * the SDK's abort signal or finished on its own time. The SDK still gets the tool's own outcome.
 */
class ToolTimedOutError extends Error {
  override readonly name = 'TimeoutError';
}

/** True once the SDK aborted the call's signal because the tool's `timeoutMs` passed. */
function timedOut(details: unknown): boolean {
  const signal = (details as { signal?: AbortSignal } | undefined)?.signal;
  return signal?.aborted === true && signal.reason instanceof ToolTimeoutError;
}

/** The message the model receives for a tool call a guard refused (the SDK's way for a failing tool). */
export function refusedToolMessage(toolName: string, error: unknown): string {
  const why = error instanceof Error ? error.message : 'refused by a guard';
  return `Tool '${toolName}' was not run: ${why}`;
}

type Invoke = FunctionTool['invoke'];

/** Stands for a result the tool's output schema rejected, so that the call is recorded as `invalid`. */
const INVALID_OUTPUT = Symbol('invalid tool output');
const TOOL_OPTIONS = {
  returnsPromise: true,
  validate: (result: unknown) => result !== INVALID_OUTPUT,
} as const;

/**
 * Routes a function tool's `invoke` through `vitals.callTool`, in place: guards first, then
 * an `execute_tool` span and the outcome. A result the tool's output schema rejects is
 * `invalid` (the SDK then fails as it would). A failure that the SDK's `tool()` turned into an
 * error message (it marks the SDK's function span with an error) is recorded as `error`; the
 * model still receives the same message. A refused call never runs: the model receives a
 * message saying so, or the run fails when the tool has no error function (like the SDK
 * does for such a tool's failures).
 */
export function instrumentTool(tool: Tool, vitals: Vitals): void {
  if (tool.type !== 'function') return;
  const functionTool = tool as FunctionTool & { [INSTRUMENTED]?: true };
  if (functionTool[INSTRUMENTED]) return;
  const original: Invoke = functionTool.invoke;
  const invoke: Invoke = async function (this: unknown, runContext, input, details) {
    const run = currentRun();
    if (!run) warnOutsideRun();
    const sdkSpan = getCurrentSpan();
    const errorBefore = sdkSpan?.error ?? null;
    let ran = false;
    let converted: { output: unknown } | undefined;
    let invalid: { error: unknown } | undefined;
    let timeout: { outcome: { output: unknown } | { error: unknown } } | undefined;
    const call = async (_decoded: unknown) => {
      ran = true;
      let output: Awaited<ReturnType<Invoke>>;
      try {
        output = await original.call(this, runContext, input, details);
      } catch (error) {
        if (timedOut(details)) {
          timeout = { outcome: { error } };
          throw new ToolTimedOutError(`Tool '${functionTool.name}' timed out`);
        }
        if (!(error instanceof InvalidToolOutputError)) throw error;
        // The tool ran, and its output schema rejected the result.
        invalid = { error };
        return INVALID_OUTPUT;
      }
      if (timedOut(details)) {
        timeout = { outcome: { output } };
        throw new ToolTimedOutError(`Tool '${functionTool.name}' timed out`);
      }
      const errorAfter = sdkSpan?.error ?? null;
      if (errorAfter !== null && errorAfter !== errorBefore) {
        converted = { output };
        throw new ToolErrorResultError(errorAfter.message);
      }
      return output;
    };
    try {
      const output = await context.with(run?.call.context ?? context.active(), () =>
        // The guards see the arguments decoded, as the tool will receive them.
        vitals.callTool(functionTool.name, call, undefined, [decodeToolInput([input])], TOOL_OPTIONS),
      );
      if (invalid) {
        noteFailure(run, invalid.error);
        throw invalid.error;
      }
      return output as Awaited<ReturnType<Invoke>>;
    } catch (error) {
      if (invalid) throw error;
      if (timeout) {
        if ('error' in timeout.outcome) throw timeout.outcome.error;
        return timeout.outcome.output as Awaited<ReturnType<Invoke>>;
      }
      if (converted) return converted.output as Awaited<ReturnType<Invoke>>;
      if (!ran && (isPolicyDeniedError(error) || isCircuitOpenError(error))) {
        sdkSpan?.setError({ message: 'Tool call refused', data: { tool_name: functionTool.name } });
        if ((functionTool as { errorFunction?: unknown }).errorFunction !== null) {
          return refusedToolMessage(functionTool.name, error);
        }
      }
      noteFailure(run, error);
      throw error;
    }
  };
  functionTool.invoke = invoke;
  Object.defineProperty(functionTool, INSTRUMENTED, { value: true });
}
