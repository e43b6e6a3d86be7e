import { context, createContextKey } from '@opentelemetry/api';

/** What the integration keeps about one run, carried in the OpenTelemetry context. */
interface RunScope {
  failed: boolean;
  error: unknown;
}

const RUN_SCOPE_KEY = createContextKey('@agentvitals/ai-sdk run scope');

/** Runs `fn` with a fresh run scope in the active context; returns its result and the scope. */
export function withRunScope<T>(fn: () => T): { result: T; failure: () => { error: unknown } | undefined } {
  const scope: RunScope = { failed: false, error: undefined };
  const result = context.with(context.active().setValue(RUN_SCOPE_KEY, scope), fn);
  return { result, failure: () => (scope.failed ? { error: scope.error } : undefined) };
}

const NOTHING_TO_MARK = (_error: unknown) => {};

/**
 * Returns a function that marks the current run failed: a model stream of the run failed or
 * carried an error part. The framework may still finish the run normally (the AI SDK does
 * after an `error` part), but the run is an error. Read where the call starts, since a
 * stream ends in whatever context its consumer reads it.
 */
export function runFailureMarker(): (error: unknown) => void {
  const scope = context.active().getValue(RUN_SCOPE_KEY) as RunScope | undefined;
  if (scope === undefined) return NOTHING_TO_MARK;
  return (error) => {
    if (scope.failed) return;
    scope.failed = true;
    scope.error = error;
  };
}
