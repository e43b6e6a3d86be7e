import { diag } from '@opentelemetry/api';
import type { BeforeAgentRunResult, BeforeToolCallResult, OpenClawPluginApi } from '../openclaw-types.js';
import type { PluginRuntime } from '../runtime/plugin-runtime.js';
import { onModelCallEnded, onModelCallStarted } from './model-call-hooks.js';
import { onLlmOutput, onMessageReceived } from './output-hooks.js';
import { onAgentEnd, onBeforeAgentRun } from './run-hooks.js';
import { onAfterToolCall, onBeforeToolCall } from './tool-call-hooks.js';

const log = diag.createComponentLogger({ namespace: '@agentvitals/openclaw/hooks' });

/** Runs an observing handler; whatever it throws is logged, never passed to OpenClaw. */
function observe<E, C>(hook: string, handler: (event: E, ctx: C) => void) {
  return (event: E, ctx: C): void => {
    try {
      handler(event, ctx);
    } catch (error) {
      log.warn(`${hook} handler failed; nothing recorded for this event`, error);
    }
  };
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Registers the plugin's typed hooks on OpenClaw's API. */
export function registerHooks(api: OpenClawPluginApi, runtime: PluginRuntime): void {
  api.on('gateway_start', async () => {
    await runtime.start('gateway');
  });
  api.on('gateway_stop', async () => {
    await runtime.stop();
  });
  api.on(
    'model_call_started',
    observe('model_call_started', (event, ctx) => onModelCallStarted(runtime, event, ctx)),
  );
  api.on(
    'model_call_ended',
    observe('model_call_ended', (event, ctx) => onModelCallEnded(runtime, event, ctx)),
  );
  api.on(
    'llm_output',
    observe('llm_output', (event, ctx) => onLlmOutput(runtime, event, ctx)),
  );
  api.on('agent_end', (event, ctx) => {
    observe('agent_end', onAgentEnd.bind(undefined, runtime))(event, ctx);
    if (runtime.mode === 'cli') return runtime.flush().catch(() => {});
    return undefined;
  });
  api.on(
    'after_tool_call',
    observe('after_tool_call', (event, ctx) => onAfterToolCall(runtime, event, ctx)),
  );
  api.on(
    'message_received',
    observe('message_received', (event, ctx) => onMessageReceived(runtime, event, ctx)),
  );
  // A guard that cannot decide denies: an internal failure blocks the call, with the reason.
  api.on('before_tool_call', async (event, ctx): Promise<BeforeToolCallResult | undefined> => {
    try {
      return await onBeforeToolCall(runtime, event, ctx);
    } catch (error) {
      log.error('before_tool_call failed; the call is blocked', error);
      return { block: true, blockReason: `Agent Vitals could not check this tool call: ${message(error)}` };
    }
  });
  if (runtime.guard !== undefined && runtime.config.guard?.blockRunsWhenStopped !== false) {
    api.on('before_agent_run', async (_event, ctx): Promise<BeforeAgentRunResult | undefined> => {
      try {
        return await onBeforeAgentRun(runtime, ctx);
      } catch (error) {
        log.error('before_agent_run failed; the run is blocked', error);
        const reason = `Agent Vitals could not check this run: ${message(error)}`;
        return { outcome: 'block', reason, message: reason };
      }
    });
  }
}
