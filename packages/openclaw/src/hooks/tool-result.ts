const MAX_RESULT_CHARS = 4_096;

/** True for a result OpenClaw built for a call that some policy blocked before it ran. */
export function isBlockedResult(result: unknown): boolean {
  const details = (result as { details?: { status?: unknown } } | undefined)?.details;
  return typeof details === 'object' && details !== null && details.status === 'blocked';
}

/**
 * What a tool result says, for loop detection: the text of its `content` parts (bounded),
 * without `details`, which carry durations, ids and timestamps that differ on every call.
 */
export function resultSummary(result: unknown): unknown {
  if (result === null || typeof result !== 'object') return result;
  const content = (result as { content?: unknown }).content;
  if (!Array.isArray(content)) return undefined;
  let text = '';
  for (const part of content) {
    const value = (part as { text?: unknown } | null)?.text;
    if (typeof value === 'string') text += value;
    if (text.length > MAX_RESULT_CHARS) return text.slice(0, MAX_RESULT_CHARS);
  }
  return text;
}
