import { createNoopMeter, type Meter, ProxyTracerProvider, type TracerProvider } from '@opentelemetry/api';

const NoopMeter = createNoopMeter().constructor;
/** The API's no-op tracer provider: what a proxy provider delegates to until an SDK registers. */
const NOOP_TRACER_PROVIDER = new ProxyTracerProvider().getDelegate();

/**
 * Decides once, at setup, whether a vitals instance records into nothing (no SDK registered:
 * the API's no-op meter and tracer). Returns a check for the call path, or undefined when
 * something records. The meter of a no-op provider stays a no-op; the global tracer provider
 * can still be registered later, so the check looks at its delegate (one property read).
 */
export function dormancyCheck(
  meter: Meter,
  tracerProvider: TracerProvider,
  tracing: boolean,
): (() => boolean) | undefined {
  if (!(meter instanceof NoopMeter)) return undefined;
  if (!tracing) return () => true;
  if (tracerProvider instanceof ProxyTracerProvider) {
    if (tracerProvider.getDelegate() !== NOOP_TRACER_PROVIDER) return undefined;
    return () => tracerProvider.getDelegate() === NOOP_TRACER_PROVIDER;
  }
  if (
    tracerProvider === NOOP_TRACER_PROVIDER ||
    tracerProvider.constructor === NOOP_TRACER_PROVIDER.constructor
  )
    return () => true;
  return undefined;
}
