import type { AgentEndEvent, AgentHookContext, BeforeAgentRunResult } from '../openclaw-types.js';
import type { AgentVitals } from '../runtime/agent-vitals.js';
import type { PluginRuntime } from '../runtime/plugin-runtime.js';
import { idOf, namedError } from './named-error.js';

const noop = () => {};

/** Opens the run `runId` (an `invoke_agent` span, `agent.runs` when it ends) unless it is open. */
export function ensureRun(runtime: PluginRuntime, agent: AgentVitals, runId: string | undefined): void {
  if (runId === undefined) return;
  const key = `run:${runId}`;
  if (runtime.runs.has(key)) return;
  const pending = runtime.runs.open(key);
  Promise.resolve(agent.recorder.run(() => pending, { requestId: runId })).catch(noop);
}

/** `agent_end`: the run ends with OpenClaw's `success`; its session is the run's context. */
export function onAgentEnd(runtime: PluginRuntime, event: AgentEndEvent, ctx: AgentHookContext): void {
  const runId = idOf(event.runId) ?? idOf(ctx?.runId);
  const agent = runtime.agent(runtime.identity.resolve(ctx, event));
  agent?.heartbeat();
  if (runId === undefined) return;
  runtime.toolCallsPerRun.delete(runId);
  if (event.success === false)
    runtime.runs.reject(`run:${runId}`, namedError('AgentRunError', 'the run failed'));
  else runtime.runs.resolve(`run:${runId}`, undefined);
}

/** Why the agent must not start a run now: its breaker is open or a cost cap is reached. */
export function stopReason(runtime: PluginRuntime, agent: AgentVitals): string | undefined {
  const cost = agent.costCapReached();
  if (cost !== undefined) return `${cost}: the agent reached its cost cap`;
  const breaker = runtime.guard?.breaker(agent.agentName);
  if (breaker?.state === 'open') return breaker.reason || 'the agent circuit breaker is open';
  return undefined;
}

/**
 * `before_agent_run`: a stopped agent (open breaker, cost cap reached) does not start a new
 * run; OpenClaw blocks it before the model reads the prompt and shows `message` instead.
 */
export async function onBeforeAgentRun(
  runtime: PluginRuntime,
  ctx: AgentHookContext,
): Promise<BeforeAgentRunResult | undefined> {
  const agent = await runtime.agentStarting(runtime.identity.resolve(ctx));
  agent.heartbeat();
  const reason = stopReason(runtime, agent);
  if (reason === undefined) {
    ensureRun(runtime, agent, idOf(ctx?.runId));
    return undefined;
  }
  return {
    outcome: 'block',
    reason: `Agent Vitals: ${reason}`,
    message: `This agent is paused by Agent Vitals (${reason}). An operator can reset it, or it resumes after the cool-down.`,
  };
}
