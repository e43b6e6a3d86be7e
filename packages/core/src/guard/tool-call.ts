/**
 * The tool call as the tool will receive it: the real name, canonicalised the same way for
 * every check, and the arguments decoded from the shapes agents use. Guards decide on these,
 * never on the bounded labels used for recording.
 */

/** Invisible characters: format and control characters, default-ignorable code points. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}]/gu;
/** Whitespace and quotes that may surround a name. */
const SURROUNDING = /^[\s"'`]+|[\s"'`]+$/gu;

/**
 * Canonical form of a tool name for decisions: Unicode NFKC, invisible characters removed,
 * surrounding whitespace and quotes removed, case folded. `Shell`, `shell\u200b`, `ｓｈｅｌｌ`
 * and `" shell "` are all `shell`. A name that is not a string (or a number) is `''`.
 * Look-alike letters of other alphabets are not folded: use allow lists for those.
 */
export function canonicalToolName(name: unknown): string {
  let text: string;
  if (typeof name === 'string') text = name;
  else if (typeof name === 'number' || typeof name === 'bigint') text = String(name);
  else return '';
  try {
    return text.normalize('NFKC').replace(INVISIBLE, '').replace(SURROUNDING, '').toLowerCase();
  } catch {
    return '';
  }
}

/** Returned by `decodeToolInput` when the arguments could not be read (a throwing getter, a revoked Proxy). */
export const UNREADABLE_INPUT: unique symbol = Symbol.for('@agentvitals/core unreadable tool input');

function parseJsonText(text: string): unknown {
  const trimmed = text.trim();
  const first = trimmed[0];
  if (first !== '{' && first !== '[' && first !== '"') return text;
  try {
    return JSON.parse(trimmed);
  } catch {
    return text;
  }
}

function decodeOne(value: unknown, depth: number): unknown {
  if (typeof value === 'string') {
    const parsed = parseJsonText(value);
    return parsed === value || depth > 2 ? parsed : decodeOne(parsed, depth + 1);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const record = value as Record<string, unknown>;
  // OpenAI Chat Completions tool call: { type: 'function', function: { name, arguments } }.
  const fn = record.function;
  if (fn !== null && typeof fn === 'object' && 'arguments' in (fn as object)) {
    return decodeOne((fn as { arguments: unknown }).arguments, depth + 1);
  }
  // OpenAI Responses function call: { type: 'function_call', name, arguments }.
  if (record.type === 'function_call' && 'arguments' in record) {
    return decodeOne(record.arguments, depth + 1);
  }
  // Anthropic tool use: { type: 'tool_use', name, input }.
  if (record.type === 'tool_use' && 'input' in record) return record.input;
  // Vercel AI SDK tool call: { type: 'tool-call', toolCallId, toolName, input } (`args` before v5).
  if (record.type === 'tool-call' || (typeof record.toolName === 'string' && 'toolCallId' in record)) {
    if ('input' in record) return decodeOne(record.input, depth + 1);
    if ('args' in record) return decodeOne(record.args, depth + 1);
  }
  return value;
}

/**
 * The arguments of a tool call decoded from the shapes agents use: a JSON string (as in an
 * OpenAI tool call's `arguments`) parsed, an OpenAI or Anthropic tool-call object reduced to
 * its arguments, one argument as is, several positional arguments as an array of decoded
 * values. Never throws: arguments that cannot be read give `UNREADABLE_INPUT`.
 */
export function decodeToolInput(args: readonly unknown[]): unknown {
  try {
    if (args.length === 0) return undefined;
    if (args.length === 1) return decodeOne(args[0], 0);
    return Array.from(args, (arg) => decodeOne(arg, 0));
  } catch {
    return UNREADABLE_INPUT;
  }
}
