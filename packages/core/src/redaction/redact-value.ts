import { REDACTION_FAILED } from './redact.js';
import { isSecretKeyName } from './secret-key.js';

/** How deep, how wide and how long a structured value is copied before the rest is left out. */
export interface RedactValueLimits {
  readonly maxDepth?: number;
  readonly maxKeys?: number;
  readonly maxStringLength?: number;
}

const SECRET_FIELD = '[REDACTED:secret_field]';
const TRUNCATED = '[Truncated]';

/**
 * A copy of `value` safe to export: every string redacted (and cut to `maxStringLength`), the
 * value of every field whose name says it is a secret (`password`, `apiKey`, `authorization`:
 * see `isSecretKeyName`) replaced whatever it is, errors turned into `{ type, message, stack }`
 * plus their own fields, cycles and unreadable properties marked, and the copy bounded in depth
 * and width. The value itself is never changed. Never throws.
 */
export function redactValue(
  value: unknown,
  redact: (text: string) => string,
  limits: RedactValueLimits = {},
): unknown {
  const maxDepth = limits.maxDepth ?? 8;
  const maxKeys = limits.maxKeys ?? 200;
  const maxStringLength = limits.maxStringLength ?? 32_768;
  const seen = new WeakSet<object>();

  const text = (input: string): string =>
    input.length > maxStringLength ? `${redact(input.slice(0, maxStringLength))}…[truncated]` : redact(input);

  const copy = (input: unknown, depth: number): unknown => {
    if (typeof input === 'string') return text(input);
    if (typeof input !== 'object' || input === null) {
      return typeof input === 'function' || typeof input === 'symbol' ? String(typeof input) : input;
    }
    if (seen.has(input)) return '[Circular]';
    if (depth >= maxDepth) return TRUNCATED;
    seen.add(input);
    try {
      if (input instanceof Date) return Number.isNaN(input.getTime()) ? null : input.toISOString();
      if (ArrayBuffer.isView(input) || input instanceof ArrayBuffer) return input;
      if (Array.isArray(input)) {
        const items = input.slice(0, maxKeys).map((item) => copy(item, depth + 1));
        if (input.length > maxKeys) items.push(TRUNCATED);
        return items;
      }
      const out: Record<string, unknown> = {};
      if (input instanceof Error) {
        out.type = text(readString(input, 'name') ?? 'Error');
        const message = readString(input, 'message');
        if (message !== undefined) out.message = text(message);
        const stack = readString(input, 'stack');
        if (stack !== undefined) out.stack = text(stack);
      }
      let count = 0;
      for (const key of Object.keys(input)) {
        if (count++ >= maxKeys) {
          out[TRUNCATED] = true;
          break;
        }
        let field: unknown;
        try {
          field = (input as Record<string, unknown>)[key];
        } catch {
          out[key] = '[Unreadable]';
          continue;
        }
        out[key] =
          isSecretKeyName(key) && (typeof field !== 'object' || field === null) && field !== undefined
            ? SECRET_FIELD
            : copy(field, depth + 1);
      }
      return out;
    } catch {
      return REDACTION_FAILED;
    } finally {
      seen.delete(input);
    }
  };

  try {
    return copy(value, 0);
  } catch {
    return REDACTION_FAILED;
  }
}

function readString(error: Error, key: 'name' | 'message' | 'stack'): string | undefined {
  try {
    const found = (error as unknown as Record<string, unknown>)[key];
    return typeof found === 'string' ? found : undefined;
  } catch {
    return undefined;
  }
}
