/**
 * Reads of the fields the most common response shapes are told by, each written with its
 * name: a read of a key held in a variable (`read(object, key)`) sees every key and every
 * shape at one site and goes megamorphic, which made usage extraction a noticeable part of a
 * recorded model call. Each behaves as `read` does: a getter that throws reads as undefined.
 * The callers know the object is a non-null object.
 */

type Fields = Record<string, unknown>;

export function readUsageMetadata(object: Fields): unknown {
  try {
    return object.usageMetadata;
  } catch {
    return undefined;
  }
}

export function readTotalUsage(object: Fields): unknown {
  try {
    return object.totalUsage;
  } catch {
    return undefined;
  }
}

export function readUsageField(object: Fields): unknown {
  try {
    return object.usage;
  } catch {
    return undefined;
  }
}

export function readPromptTokens(object: Fields): unknown {
  try {
    return object.prompt_tokens;
  } catch {
    return undefined;
  }
}

export function readCompletionTokens(object: Fields): unknown {
  try {
    return object.completion_tokens;
  } catch {
    return undefined;
  }
}

/** `usage.prompt_tokens_details.cached_tokens`, stopping where a step is missing (as `readPath`). */
export function readCachedTokens(usage: Fields): unknown {
  let details: unknown;
  try {
    details = usage.prompt_tokens_details;
  } catch {
    return undefined;
  }
  if (details === undefined || details === null) return undefined;
  if (typeof details !== 'object' && typeof details !== 'function') return undefined;
  try {
    return (details as Fields).cached_tokens;
  } catch {
    return undefined;
  }
}

export function readObjectField(object: Fields): unknown {
  try {
    return object.object;
  } catch {
    return undefined;
  }
}

export function readModelField(object: Fields): unknown {
  try {
    return object.model;
  } catch {
    return undefined;
  }
}
