import type { AgentHookContext, ModelCallEndedEvent, ModelCallStartedEvent } from '../openclaw-types.js';
import type { PluginRuntime } from '../runtime/plugin-runtime.js';
import { idOf, labelOf, namedError } from './named-error.js';
import { ensureRun } from './run-hooks.js';

const noop = () => {};
const noUsage = () => undefined;

const keyOf = (event: ModelCallStartedEvent) => {
  const callId = idOf(event.callId);
  return callId === undefined ? undefined : `model:${callId}`;
};

/** `model_call_started`: one reasoning call opens (`chat {model}` span, `agent.reasoning.duration` when it ends). */
export function onModelCallStarted(
  runtime: PluginRuntime,
  event: ModelCallStartedEvent,
  ctx: AgentHookContext,
): void {
  const key = keyOf(event);
  const agent = runtime.agent(runtime.identity.resolve(ctx, event));
  if (agent === undefined || key === undefined) return;
  agent.heartbeat();
  ensureRun(runtime, agent, idOf(event.runId) ?? idOf(ctx?.runId));
  const pending = runtime.calls.open(key);
  // Usage is summed per run by OpenClaw and recorded from llm_output, never from a call's result.
  const recorded = agent.recorder.reasoning(() => pending, {
    model: idOf(event.model) ?? idOf(ctx?.modelId),
    provider: idOf(event.provider) ?? idOf(ctx?.modelProviderId),
    returnsPromise: true,
    extractUsage: noUsage,
  });
  Promise.resolve(recorded).catch(noop);
}

/** `model_call_ended`: the call ends with OpenClaw's outcome; a failure's `error.type` is its category. */
export function onModelCallEnded(
  runtime: PluginRuntime,
  event: ModelCallEndedEvent,
  ctx: AgentHookContext,
): void {
  const key = keyOf(event);
  runtime.agent(runtime.identity.resolve(ctx, event))?.heartbeat();
  if (key === undefined) return;
  if (event.outcome === 'error') {
    const type =
      event.failureKind === 'timeout'
        ? 'TimeoutError'
        : (labelOf(event.errorCategory) ?? labelOf(event.failureKind));
    runtime.calls.reject(key, namedError(type ?? 'ModelCallError', 'the model call failed'));
  } else {
    runtime.calls.resolve(key, undefined);
  }
}
