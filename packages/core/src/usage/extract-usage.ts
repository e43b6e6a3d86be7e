import {
  PROVIDER_ANTHROPIC,
  PROVIDER_GCP_GEMINI,
  PROVIDER_OPENAI,
  providerFromVercelMetadata,
} from './providers.js';
import { addCounts, isRecord, read, readCount, readString } from './read.js';

/**
 * Token usage and model read from a model call's result.
 *
 * `inputTokens` always INCLUDES cached input tokens, whatever the provider reports:
 * Anthropic's `input_tokens` excludes cache reads and writes, so they are added back.
 * `cachedInputTokens` is the part of `inputTokens` served from the provider's prompt cache.
 */
export interface ExtractedUsage {
  readonly inputTokens?: number;
  readonly outputTokens?: number;
  readonly cachedInputTokens?: number;
  readonly model?: string;
  readonly provider?: string;
}

/** Reads token usage and model from a model call's result; undefined when the shape is not recognised. Never throws (getters that throw are caught). */
export function extractUsage(result: unknown): ExtractedUsage | undefined {
  try {
    return extractFrom(result, true);
  } catch {
    return undefined;
  }
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Builds the result, leaving out unknown fields; undefined when nothing at all is known. */
export function compactUsage(usage: Mutable<ExtractedUsage>): ExtractedUsage | undefined {
  const out: Mutable<ExtractedUsage> = {};
  let known = false;
  if (usage.inputTokens !== undefined) {
    out.inputTokens = usage.inputTokens;
    known = true;
  }
  if (usage.outputTokens !== undefined) {
    out.outputTokens = usage.outputTokens;
    known = true;
  }
  if (usage.cachedInputTokens !== undefined) {
    out.cachedInputTokens = usage.cachedInputTokens;
    known = true;
  }
  if (usage.model !== undefined) {
    out.model = usage.model;
    known = true;
  }
  if (usage.provider !== undefined) {
    out.provider = usage.provider;
    known = true;
  }
  return known ? out : undefined;
}

function hasTokens(usage: ExtractedUsage | undefined): boolean {
  return usage?.inputTokens !== undefined || usage?.outputTokens !== undefined;
}

function extractFrom(result: unknown, unwrap: boolean): ExtractedUsage | undefined {
  if (!isRecord(result)) return undefined;

  const gemini = read(result, 'usageMetadata');
  if (isRecord(gemini)) return fromGemini(result, gemini);

  const vercelTotal = read(result, 'totalUsage');
  if (isRecord(vercelTotal) && isVercelUsage(vercelTotal)) return fromVercel(result, vercelTotal);

  const usage = read(result, 'usage');
  if (isRecord(usage)) {
    if (read(usage, 'prompt_tokens') !== undefined || read(usage, 'completion_tokens') !== undefined) {
      return fromOpenAiChat(result, usage);
    }
    if (read(usage, 'input_tokens') !== undefined || read(usage, 'output_tokens') !== undefined) {
      return fromInputOutput(result, usage);
    }
    if (isVercelUsage(usage)) return fromVercel(result, usage);
  }

  const langChain = read(result, 'usage_metadata');
  if (isRecord(langChain)) return fromLangChain(result, langChain);

  if (unwrap) {
    // `{ response }` (Gemini's legacy SDK, OpenAI Responses stream events) and
    // `{ message }` (Anthropic's `message_start` event) carry the response one level down.
    for (const key of ['response', 'message']) {
      const inner = extractFrom(read(result, key), false);
      if (hasTokens(inner)) return inner;
    }
  }
  return modelOnly(result);
}

/** OpenAI Chat Completions (and the many APIs compatible with it). */
function fromOpenAiChat(result: object, usage: object): ExtractedUsage | undefined {
  const object = readString(result, 'object');
  return compactUsage({
    inputTokens: readCount(usage, 'prompt_tokens'),
    outputTokens: readCount(usage, 'completion_tokens'),
    cachedInputTokens: readCount(usage, 'prompt_tokens_details', 'cached_tokens'),
    model: readString(result, 'model'),
    provider: object?.startsWith('chat.completion') ? PROVIDER_OPENAI : undefined,
  });
}

/** OpenAI Responses API (`input_tokens` includes cached) or Anthropic Messages (`input_tokens` excludes cache). */
function fromInputOutput(result: object, usage: object): ExtractedUsage | undefined {
  const isResponses =
    readString(result, 'object') === 'response' || isRecord(read(usage, 'input_tokens_details'));
  if (isResponses) {
    return compactUsage({
      inputTokens: readCount(usage, 'input_tokens'),
      outputTokens: readCount(usage, 'output_tokens'),
      cachedInputTokens: readCount(usage, 'input_tokens_details', 'cached_tokens'),
      model: readString(result, 'model'),
      provider: readString(result, 'object') === 'response' ? PROVIDER_OPENAI : undefined,
    });
  }
  const cacheRead = readCount(usage, 'cache_read_input_tokens');
  const cacheWrite = readCount(usage, 'cache_creation_input_tokens');
  return compactUsage({
    inputTokens: addCounts(addCounts(readCount(usage, 'input_tokens'), cacheRead), cacheWrite),
    outputTokens: readCount(usage, 'output_tokens'),
    cachedInputTokens: cacheRead,
    model: readString(result, 'model'),
    provider: readString(result, 'type') === 'message' ? PROVIDER_ANTHROPIC : undefined,
  });
}

/** Google Gemini (`@google/genai`, Vertex AI): `promptTokenCount` includes cached content; thoughts are output. */
function fromGemini(result: object, metadata: object): ExtractedUsage | undefined {
  return compactUsage({
    inputTokens: addCounts(
      readCount(metadata, 'promptTokenCount'),
      readCount(metadata, 'toolUsePromptTokenCount'),
    ),
    outputTokens: addCounts(
      readCount(metadata, 'candidatesTokenCount'),
      readCount(metadata, 'thoughtsTokenCount'),
    ),
    cachedInputTokens: readCount(metadata, 'cachedContentTokenCount'),
    model: readString(result, 'modelVersion'),
    provider: PROVIDER_GCP_GEMINI,
  });
}

function isVercelUsage(usage: object): boolean {
  return ['inputTokens', 'outputTokens', 'promptTokens', 'completionTokens'].some(
    (key) => read(usage, key) !== undefined,
  );
}

/** Vercel AI SDK: current (`inputTokens`, `inputTokenDetails`, `cachedInputTokens`) and previous (`promptTokens`) names. */
export function fromVercel(result: object, usage: object): ExtractedUsage | undefined {
  return compactUsage({
    inputTokens: readCount(usage, 'inputTokens') ?? readCount(usage, 'promptTokens'),
    outputTokens: readCount(usage, 'outputTokens') ?? readCount(usage, 'completionTokens'),
    cachedInputTokens:
      readCount(usage, 'inputTokenDetails', 'cacheReadTokens') ?? readCount(usage, 'cachedInputTokens'),
    model: readString(result, 'response', 'modelId') ?? readString(result, 'modelId'),
    provider: providerFromVercelMetadata(read(result, 'providerMetadata')),
  });
}

/** LangChain `AIMessage.usage_metadata` (input includes cache reads and writes). */
function fromLangChain(result: object, metadata: object): ExtractedUsage | undefined {
  return compactUsage({
    inputTokens: readCount(metadata, 'input_tokens'),
    outputTokens: readCount(metadata, 'output_tokens'),
    cachedInputTokens: readCount(metadata, 'input_token_details', 'cache_read'),
    model:
      readString(result, 'response_metadata', 'model_name') ??
      readString(result, 'response_metadata', 'model'),
  });
}

/** A recognised response object without usage still names its model. */
function modelOnly(result: object): ExtractedUsage | undefined {
  const object = readString(result, 'object');
  if (object?.startsWith('chat.completion')) {
    return compactUsage({ model: readString(result, 'model'), provider: PROVIDER_OPENAI });
  }
  if (object === 'response')
    return compactUsage({ model: readString(result, 'model'), provider: PROVIDER_OPENAI });
  if (readString(result, 'type') === 'message' && readString(result, 'role') === 'assistant') {
    return compactUsage({ model: readString(result, 'model'), provider: PROVIDER_ANTHROPIC });
  }
  return undefined;
}
