/** How a JSON POST is delivered. */
export interface HttpDeliveryOptions {
  /** Extra request headers (e.g. `authorization`). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Per-attempt timeout, in ms; default 5000. */
  readonly timeoutMs?: number;
  /** Attempts after the first one, for network errors, timeouts, 429 and 5xx; default 2. */
  readonly retries?: number;
  /** Delay before the first retry, doubled for each further one (capped at 30 s), in ms; default 250. */
  readonly backoffMs?: number;
}

/** Thrown when a POST finally failed; the message names the origin only, never the full URL (it may hold a token). */
export class DeliveryError extends Error {
  override readonly name = 'DeliveryError';
  readonly status: number | undefined;

  constructor(message: string, status: number | undefined, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.status = status;
  }
}

const sleep = (ms: number) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    timer.unref?.();
  });

const retryable = (status: number) => status === 408 || status === 429 || status >= 500;

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '(invalid URL)';
  }
}

/**
 * The URL without its user info, and the Basic `authorization` header that user info stands
 * for: `fetch` refuses a URL with credentials (and its error quotes the whole URL, password
 * included), while `http://user:password@alertmanager:9093` is how such endpoints are written.
 */
function withoutCredentials(url: string): { url: string; authorization?: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { url };
  }
  if (parsed.username === '' && parsed.password === '') return { url };
  const user = decodeURIComponent(parsed.username);
  const password = decodeURIComponent(parsed.password);
  parsed.username = '';
  parsed.password = '';
  return {
    url: parsed.toString(),
    authorization: `Basic ${btoa(String.fromCharCode(...new TextEncoder().encode(`${user}:${password}`)))}`,
  };
}

const hasAuthorization = (headers: Readonly<Record<string, string>> | undefined) =>
  headers !== undefined && Object.keys(headers).some((name) => name.toLowerCase() === 'authorization');

/**
 * POSTs `body` as JSON with the global `fetch`, a timeout per attempt
 * (`AbortSignal.timeout`) and bounded retries with exponential backoff. Resolves on a 2xx
 * answer, rejects with a `DeliveryError` after the last failed attempt or on a
 * non-retryable status (4xx other than 408/429).
 */
export async function postJson(
  configuredUrl: string,
  body: unknown,
  options: HttpDeliveryOptions = {},
): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 5_000;
  const retries = options.retries ?? 2;
  const backoffMs = options.backoffMs ?? 250;
  const payload = JSON.stringify(body);
  const { url, authorization } = withoutCredentials(configuredUrl);
  const headers = {
    'content-type': 'application/json',
    ...(authorization !== undefined && !hasAuthorization(options.headers) ? { authorization } : {}),
    ...options.headers,
  };
  // An error message may quote the URL; only its origin is ever shown.
  const scrub = (message: string) =>
    message.split(configuredUrl).join(originOf(url)).split(url).join(originOf(url));
  let last: DeliveryError | undefined;
  for (let attempt = 0; attempt <= retries; attempt++) {
    if (attempt > 0) await sleep(Math.min(backoffMs * 2 ** (attempt - 1), 30_000));
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers,
        body: payload,
        signal: AbortSignal.timeout(timeoutMs),
      });
      // Read the answer so the connection can be reused; its content does not matter.
      await response.arrayBuffer().catch(() => undefined);
      if (response.ok) return;
      last = new DeliveryError(`POST to ${originOf(url)} answered HTTP ${response.status}`, response.status);
      if (!retryable(response.status)) break;
    } catch (error) {
      const timedOut = (error as { name?: unknown })?.name === 'TimeoutError';
      last = new DeliveryError(
        timedOut
          ? `POST to ${originOf(url)} timed out after ${timeoutMs} ms`
          : `POST to ${originOf(url)} failed: ${scrub(String((error as Error)?.message ?? error))}`,
        undefined,
        error,
      );
    }
  }
  throw last ?? new DeliveryError(`POST to ${originOf(url)} failed`, undefined);
}
