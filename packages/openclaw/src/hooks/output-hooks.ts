import type {
  AgentHookContext,
  LlmOutputEvent,
  MessageContext,
  MessageReceivedEvent,
} from '../openclaw-types.js';
import type { PluginRuntime } from '../runtime/plugin-runtime.js';
import { idOf } from './named-error.js';

const MAX_SENTIMENT_CHARS = 4_096;

const count = (value: unknown): number =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : 0;

/**
 * `llm_output` (once per run, usage summed over its model calls): token usage and cost,
 * priced with the plugin's table. OpenClaw's `input` excludes cache reads and writes; the
 * vitals' input tokens include them, with `cacheRead` as the cached part. With `thoughts`
 * on, the assistant texts become redacted `agent.thought` log records.
 */
export function onLlmOutput(runtime: PluginRuntime, event: LlmOutputEvent, ctx: AgentHookContext): void {
  const agent = runtime.agent(runtime.identity.resolve(ctx, event));
  if (agent === undefined) return;
  agent.heartbeat();
  const usage = event.usage;
  if (usage !== undefined && usage !== null) {
    const cacheRead = count(usage.cacheRead);
    const input = count(usage.input) + cacheRead + count(usage.cacheWrite);
    const output = count(usage.output);
    if (input > 0 || output > 0) {
      agent.recorder.usage({
        inputTokens: input,
        outputTokens: output,
        cachedInputTokens: cacheRead,
        model: idOf(event.model) ?? idOf(ctx?.modelId),
        provider: idOf(event.provider) ?? idOf(ctx?.modelProviderId),
      });
    }
  }
  if (runtime.config.thoughts === true && Array.isArray(event.assistantTexts)) {
    for (const text of event.assistantTexts) {
      if (typeof text === 'string' && text.length > 0) agent.recorder.thought(() => text);
    }
  }
}

/** `message_received` with `sentiment` on: the inbound text's sentiment, scored in-process. */
export function onMessageReceived(
  runtime: PluginRuntime,
  event: MessageReceivedEvent,
  ctx: MessageContext,
): void {
  if (runtime.config.sentiment !== true) return;
  const content = event?.content;
  if (typeof content !== 'string' || content.trim().length === 0) return;
  const agent = runtime.agent(runtime.identity.resolve(ctx));
  agent?.recorder.sentiment(content.slice(0, MAX_SENTIMENT_CHARS));
}
