import {
  readCachedTokens,
  readCompletionTokens,
  readModelField,
  readObjectField,
  readPromptTokens,
  readTotalUsage,
  readUsageField,
  readUsageMetadata,
} from './named-reads.js';
import {
  PROVIDER_ANTHROPIC,
  PROVIDER_GCP_GEMINI,
  PROVIDER_OPENAI,
  providerFromVercelMetadata,
} from './providers.js';
import { addCounts, countOf, isRecord, read, readCount, readString, stringOf } from './read.js';

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
  return usageOf(usage.inputTokens, usage.outputTokens, usage.cachedInputTokens, usage.model, usage.provider);
}

/** `compactUsage` from the fields themselves: no object built for a shape read field by field. */
function usageOf(
  inputTokens: number | undefined,
  outputTokens: number | undefined,
  cachedInputTokens: number | undefined,
  model: string | undefined,
  provider?: string,
): ExtractedUsage | undefined {
  const out: Mutable<ExtractedUsage> = {};
  let known = false;
  if (inputTokens !== undefined) {
    out.inputTokens = inputTokens;
    known = true;
  }
  if (outputTokens !== undefined) {
    out.outputTokens = outputTokens;
    known = true;
  }
  if (cachedInputTokens !== undefined) {
    out.cachedInputTokens = cachedInputTokens;
    known = true;
  }
  if (model !== undefined) {
    out.model = model;
    known = true;
  }
  if (provider !== undefined) {
    out.provider = provider;
    known = true;
  }
  return known ? out : undefined;
}

function hasTokens(usage: ExtractedUsage | undefined): boolean {
  return usage?.inputTokens !== undefined || usage?.outputTokens !== undefined;
}

function extractFrom(result: unknown, unwrap: boolean): ExtractedUsage | undefined {
  if (!isRecord(result)) return undefined;

  // The shapes are told apart in this order (the first that matches wins); the fields they
  // are told by are read by name (see named-reads.ts).
  const gemini = readUsageMetadata(result);
  if (isRecord(gemini)) return fromGemini(result, gemini);

  const vercelTotal = readTotalUsage(result);
  if (isRecord(vercelTotal) && isVercelUsage(vercelTotal)) return fromVercel(result, vercelTotal);

  const usage = readUsageField(result);
  if (isRecord(usage)) {
    if (readPromptTokens(usage) !== undefined || readCompletionTokens(usage) !== undefined) {
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
function fromOpenAiChat(
  result: Record<string, unknown>,
  usage: Record<string, unknown>,
): ExtractedUsage | undefined {
  const object = stringOf(readObjectField(result));
  return usageOf(
    countOf(readPromptTokens(usage)),
    countOf(readCompletionTokens(usage)),
    countOf(readCachedTokens(usage)),
    stringOf(readModelField(result)),
    object?.startsWith('chat.completion') ? PROVIDER_OPENAI : undefined,
  );
}

/** OpenAI Responses API (`input_tokens` includes cached) or Anthropic Messages (`input_tokens` excludes cache). */
function fromInputOutput(result: object, usage: object): ExtractedUsage | undefined {
  const isResponses =
    readString(result, 'object') === 'response' || isRecord(read(usage, 'input_tokens_details'));
  if (isResponses) {
    return usageOf(
      readCount(usage, 'input_tokens'),
      readCount(usage, 'output_tokens'),
      readCount(usage, 'input_tokens_details', 'cached_tokens'),
      readString(result, 'model'),
      readString(result, 'object') === 'response' ? PROVIDER_OPENAI : undefined,
    );
  }
  const cacheRead = readCount(usage, 'cache_read_input_tokens');
  const cacheWrite = readCount(usage, 'cache_creation_input_tokens');
  return usageOf(
    addCounts(addCounts(readCount(usage, 'input_tokens'), cacheRead), cacheWrite),
    readCount(usage, 'output_tokens'),
    cacheRead,
    readString(result, 'model'),
    readString(result, 'type') === 'message' ? PROVIDER_ANTHROPIC : undefined,
  );
}

/** Google Gemini (`@google/genai`, Vertex AI): `promptTokenCount` includes cached content; thoughts are output. */
function fromGemini(result: object, metadata: object): ExtractedUsage | undefined {
  return usageOf(
    addCounts(readCount(metadata, 'promptTokenCount'), readCount(metadata, 'toolUsePromptTokenCount')),
    addCounts(readCount(metadata, 'candidatesTokenCount'), readCount(metadata, 'thoughtsTokenCount')),
    readCount(metadata, 'cachedContentTokenCount'),
    readString(result, 'modelVersion'),
    PROVIDER_GCP_GEMINI,
  );
}

function isVercelUsage(usage: object): boolean {
  return ['inputTokens', 'outputTokens', 'promptTokens', 'completionTokens'].some(
    (key) => read(usage, key) !== undefined,
  );
}

/** Vercel AI SDK: current (`inputTokens`, `inputTokenDetails`, `cachedInputTokens`) and previous (`promptTokens`) names. */
export function fromVercel(result: object, usage: object): ExtractedUsage | undefined {
  return usageOf(
    readCount(usage, 'inputTokens') ?? readCount(usage, 'promptTokens'),
    readCount(usage, 'outputTokens') ?? readCount(usage, 'completionTokens'),
    readCount(usage, 'inputTokenDetails', 'cacheReadTokens') ?? readCount(usage, 'cachedInputTokens'),
    readString(result, 'response', 'modelId') ?? readString(result, 'modelId'),
    providerFromVercelMetadata(read(result, 'providerMetadata')),
  );
}

/** LangChain `AIMessage.usage_metadata` (input includes cache reads and writes). */
function fromLangChain(result: object, metadata: object): ExtractedUsage | undefined {
  return usageOf(
    readCount(metadata, 'input_tokens'),
    readCount(metadata, 'output_tokens'),
    readCount(metadata, 'input_token_details', 'cache_read'),
    readString(result, 'response_metadata', 'model_name') ?? readString(result, 'response_metadata', 'model'),
  );
}

/** A recognised response object without usage still names its model. */
function modelOnly(result: object): ExtractedUsage | undefined {
  const object = readString(result, 'object');
  if (object?.startsWith('chat.completion')) {
    return usageOf(undefined, undefined, undefined, readString(result, 'model'), PROVIDER_OPENAI);
  }
  if (object === 'response') {
    return usageOf(undefined, undefined, undefined, readString(result, 'model'), PROVIDER_OPENAI);
  }
  if (readString(result, 'type') === 'message' && readString(result, 'role') === 'assistant') {
    return usageOf(undefined, undefined, undefined, readString(result, 'model'), PROVIDER_ANTHROPIC);
  }
  return undefined;
}
