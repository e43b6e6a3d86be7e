import { canonicalToolName } from '@agentvitals/core';
import type {
  AfterToolCallEvent,
  BeforeToolCallEvent,
  BeforeToolCallResult,
  ToolHookContext,
} from '../openclaw-types.js';
import type { AgentVitals } from '../runtime/agent-vitals.js';
import type { PluginRuntime } from '../runtime/plugin-runtime.js';
import { idOf, namedError } from './named-error.js';
import { ensureRun } from './run-hooks.js';
import { isBlockedResult, resultSummary } from './tool-result.js';

const noop = () => {};
const PREFIX = 'Agent Vitals blocked this tool call';
/** Said to the model when the agent's breaker is open: every further tool call of the run is refused too. */
const STOPPED =
  'The agent is stopped: call no more tools in this run and answer the user with what you have.';

const keyOf = (event: BeforeToolCallEvent, ctx: ToolHookContext, toolName: string) => {
  const callId = idOf(event.toolCallId) ?? idOf(ctx?.toolCallId);
  const runId = idOf(event.runId) ?? idOf(ctx?.runId) ?? '';
  return callId === undefined ? `tool:${runId}|${toolName}` : `tool:${callId}`;
};

/**
 * Reasons to stop the agent before asking the policy: the per-run cap on tool calls (a loop
 * cannot hide from it by varying arguments) and a cost cap still reached while the breaker
 * half-opened. Either opens the agent's breaker, so the call below is refused as `blocked`.
 */
function tripIfStopped(runtime: PluginRuntime, agent: AgentVitals, runId: string | undefined): void {
  const guard = runtime.guard;
  if (guard === undefined) return;
  const open = guard.breaker(agent.agentName)?.state === 'open';
  if (runId !== undefined) {
    const count = (runtime.toolCallsPerRun.get(runId) ?? 0) + 1;
    runtime.toolCallsPerRun.set(runId, count);
    if (count > runtime.maxToolCallsPerRun) {
      if (!open) guard.trip(`more than ${runtime.maxToolCallsPerRun} tool calls in one run`, agent.agentName);
      return;
    }
  }
  const cost = agent.costCapReached();
  if (cost !== undefined && !open) {
    guard.trip(`${cost}: the agent reached its cost cap`, agent.agentName);
  }
}

/**
 * `before_tool_call`: the guard decides on the real tool name and the arguments OpenClaw
 * will run it with. A refused call is recorded as `denied` (policy) or `blocked` (open
 * breaker) and answered `{ block: true, blockReason }`; an allowed one opens a tool call
 * that `after_tool_call` ends.
 */
export async function onBeforeToolCall(
  runtime: PluginRuntime,
  event: BeforeToolCallEvent,
  ctx: ToolHookContext,
): Promise<BeforeToolCallResult | undefined> {
  const agent = await runtime.agentStarting(runtime.identity.resolve(ctx, event));
  agent.heartbeat();
  const runId = idOf(event.runId) ?? idOf(ctx?.runId);
  ensureRun(runtime, agent, runId);
  const toolName = canonicalToolName(event.toolName ?? ctx?.toolName) || 'unknown';
  tripIfStopped(runtime, agent, runId);
  const key = keyOf(event, ctx, toolName);
  let started = false;
  agent.lastRefusal = undefined;
  const params = event.params ?? {};
  const recorded = agent.tools.callTool(
    toolName,
    (_params: unknown) => {
      started = true;
      return runtime.calls.open(key);
    },
    undefined,
    [params],
    { returnsPromise: true },
  );
  Promise.resolve(recorded).catch(noop);
  if (started) return undefined;
  // Set by the guard.deny event of the refused call above (TypeScript cannot see the callback).
  const refusal = agent.lastRefusal as AgentVitals['lastRefusal'];
  if (refusal?.outcome === 'denied') {
    return { block: true, blockReason: `${PREFIX}: ${refusal.reason}. Try another way, or ask the user.` };
  }
  const reason = refusal?.reason ?? 'the guard refused the call';
  return { block: true, blockReason: `${PREFIX}: ${reason}. ${STOPPED}` };
}

/**
 * `after_tool_call`: ends the call opened before it: `success` with the result's text (for
 * loop detection), `error` when OpenClaw reports one, and `error.type=ToolCallBlocked` when
 * another plugin or OpenClaw itself blocked a call this guard had allowed.
 */
export function onAfterToolCall(
  runtime: PluginRuntime,
  event: AfterToolCallEvent,
  ctx: ToolHookContext,
): void {
  runtime.agent(runtime.identity.resolve(ctx, event))?.heartbeat();
  const toolName = canonicalToolName(event.toolName ?? ctx?.toolName) || 'unknown';
  const key = keyOf(event, ctx, toolName);
  if (!runtime.calls.has(key)) return;
  if (isBlockedResult(event.result)) {
    runtime.calls.reject(key, namedError('ToolCallBlocked', 'blocked before it ran'));
  } else if (typeof event.error === 'string' && event.error.length > 0) {
    runtime.calls.reject(key, namedError('ToolError', 'the tool failed'));
  } else {
    runtime.calls.resolve(key, resultSummary(event.result));
  }
}
