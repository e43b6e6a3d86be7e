import { labelProblem } from '../limits/label-safety.js';

/** Names already judged (error names are few); forgotten all at once past 256. */
const judged = new Map<string, boolean>();

/** A name usable as `error.type`: short, name-like, and not looking like a secret or a token. */
function isSafeName(name: string): boolean {
  let safe = judged.get(name);
  if (safe === undefined) {
    safe = /^[A-Za-z0-9_.$-]{1,64}$/.test(name) && labelProblem(name) === undefined;
    if (judged.size >= 256) judged.clear();
    judged.set(name, safe);
  }
  return safe;
}

/**
 * The `error.type` of a thrown value: the error's `name` when it is more specific than
 * `Error`, else its constructor's name, else `_OTHER` (the semconv fallback). Never the
 * message: free text never becomes a metric attribute, nor does a name that looks like a
 * secret or a random token.
 */
export function errorType(error: unknown): string {
  try {
    return readErrorType(error);
  } catch {
    // A hostile error object (a throwing getter, a revoked Proxy).
    return '_OTHER';
  }
}

function readErrorType(error: unknown): string {
  if (error instanceof Error || (typeof error === 'object' && error !== null)) {
    const named = (error as { name?: unknown }).name;
    if (typeof named === 'string' && named !== 'Error' && isSafeName(named)) return named;
    const ctor = (error as { constructor?: { name?: unknown } }).constructor?.name;
    if (typeof ctor === 'string' && ctor !== 'Object' && isSafeName(ctor)) return ctor;
    if (typeof named === 'string' && named === 'Error') return 'Error';
  }
  return '_OTHER';
}

const TIMEOUT_CODES = new Set([
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
]);

/** True for errors that mean "took too long": `TimeoutError`, `AbortSignal.timeout()`, socket timeouts. */
export function isTimeoutError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  try {
    const { name, code } = error as { name?: unknown; code?: unknown };
    return name === 'TimeoutError' || (typeof code === 'string' && TIMEOUT_CODES.has(code));
  } catch {
    return false;
  }
}
