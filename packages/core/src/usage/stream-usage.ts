import { compactUsage, type ExtractedUsage, extractUsage, fromVercel } from './extract-usage.js';
import { PROVIDER_ANTHROPIC, PROVIDER_OPENAI } from './providers.js';
import { addCounts, isRecord, read, readCount, readString } from './read.js';

/** Collects token usage from a stream's chunks, one chunk at a time. */
export interface UsageAccumulator {
  /** Looks at one chunk; never throws. */
  add(chunk: unknown): void;
  /** The usage seen so far; undefined when no chunk carried any. */
  readonly usage: ExtractedUsage | undefined;
}

interface AnthropicState {
  input?: number;
  cacheRead?: number;
  cacheWrite?: number;
  output?: number;
}

/**
 * Creates an accumulator for the stream chunk shapes of the major providers:
 * OpenAI Chat Completions (the final chunk carries `usage` when `stream_options.include_usage`),
 * OpenAI Responses (`response.completed`), Anthropic (`message_start` + cumulative `message_delta`),
 * Gemini (every chunk carries cumulative `usageMetadata`) and the Vercel AI SDK
 * (`finish` parts with `totalUsage`/`usage`, or else the sum of `finish-step` parts).
 */
export function createUsageAccumulator(): UsageAccumulator {
  let latest: ExtractedUsage | undefined;
  let anthropic: AnthropicState | undefined;
  let steps: { input?: number; output?: number; cached?: number } | undefined;
  let model: string | undefined;
  let provider: string | undefined;

  const addAnthropic = (usage: unknown, start: boolean): void => {
    if (!isRecord(usage)) return;
    anthropic ??= {};
    // message_delta counts are cumulative: a field present in a later event replaces the earlier one.
    anthropic.input = readCount(usage, 'input_tokens') ?? anthropic.input;
    anthropic.cacheRead = readCount(usage, 'cache_read_input_tokens') ?? anthropic.cacheRead;
    anthropic.cacheWrite = readCount(usage, 'cache_creation_input_tokens') ?? anthropic.cacheWrite;
    anthropic.output = readCount(usage, 'output_tokens') ?? anthropic.output;
    if (start) provider ??= PROVIDER_ANTHROPIC;
  };

  const addChunk = (chunk: unknown): void => {
    if (!isRecord(chunk)) return;
    const type = readString(chunk, 'type');
    if (type === 'message_start') {
      const message = read(chunk, 'message');
      model = readString(message, 'model') ?? model;
      addAnthropic(read(message, 'usage'), true);
      return;
    }
    if (type === 'message_delta') {
      addAnthropic(read(chunk, 'usage'), false);
      return;
    }
    if (type === 'finish-step' || type === 'step-finish') {
      const usage = read(chunk, 'usage');
      if (!isRecord(usage)) return;
      const step = fromVercel(chunk, usage);
      steps = {
        input: addCounts(steps?.input, step?.inputTokens),
        output: addCounts(steps?.output, step?.outputTokens),
        cached: addCounts(steps?.cached, step?.cachedInputTokens),
      };
      model = step?.model ?? model;
      provider = step?.provider ?? provider;
      return;
    }
    if (type === 'finish') {
      const usage = read(chunk, 'totalUsage') ?? read(chunk, 'usage');
      if (isRecord(usage)) {
        const total = fromVercel(chunk, usage);
        if (total !== undefined) latest = total;
        steps = undefined;
      }
      return;
    }
    const object = readString(chunk, 'object');
    if (object === 'chat.completion.chunk') {
      model = readString(chunk, 'model') ?? model;
      provider = PROVIDER_OPENAI;
    }
    const usage = extractUsage(chunk);
    if (usage?.inputTokens !== undefined || usage?.outputTokens !== undefined) latest = usage;
    else if (usage?.model !== undefined) model = usage.model;
  };

  return {
    add(chunk) {
      try {
        addChunk(chunk);
      } catch {
        // A chunk that cannot be read is skipped; the stream itself is never affected.
      }
    },
    get usage() {
      let tokens: ExtractedUsage | undefined = latest;
      if (tokens === undefined && anthropic !== undefined) {
        tokens = {
          inputTokens: addCounts(addCounts(anthropic.input, anthropic.cacheRead), anthropic.cacheWrite),
          outputTokens: anthropic.output,
          cachedInputTokens: anthropic.cacheRead,
        };
      }
      if (tokens === undefined && steps !== undefined) {
        tokens = { inputTokens: steps.input, outputTokens: steps.output, cachedInputTokens: steps.cached };
      }
      return compactUsage({
        inputTokens: tokens?.inputTokens,
        outputTokens: tokens?.outputTokens,
        cachedInputTokens: tokens?.cachedInputTokens,
        model: tokens?.model ?? model,
        provider: tokens?.provider ?? provider,
      });
    },
  };
}

/** Reads the token usage of a whole stream from its chunks (or from an accumulator fed with them). */
export function extractStreamUsage(chunks: Iterable<unknown> | UsageAccumulator): ExtractedUsage | undefined {
  try {
    if (isAccumulator(chunks)) return chunks.usage;
    const accumulator = createUsageAccumulator();
    for (const chunk of chunks) accumulator.add(chunk);
    return accumulator.usage;
  } catch {
    return undefined;
  }
}

function isAccumulator(value: unknown): value is UsageAccumulator {
  return isRecord(value) && typeof read(value, 'add') === 'function' && !(Symbol.iterator in value);
}
