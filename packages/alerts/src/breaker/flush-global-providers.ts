import { logs, metrics, trace } from '@opentelemetry/api';

interface Flushable {
  forceFlush(): Promise<unknown>;
}

function flushableOf(provider: unknown): Flushable | undefined {
  let candidate = provider as { getDelegate?: () => unknown; forceFlush?: unknown } | undefined;
  if (candidate !== undefined && typeof candidate.getDelegate === 'function') {
    candidate = candidate.getDelegate() as typeof candidate;
  }
  if (candidate === undefined || candidate === null) return undefined;
  return typeof candidate.forceFlush === 'function' ? (candidate as Flushable) : undefined;
}

/**
 * Flushes the globally registered OpenTelemetry tracer, meter and logger providers (SDK
 * providers expose `forceFlush`; the no-op defaults are skipped). Never rejects.
 */
export async function flushGlobalProviders(): Promise<void> {
  const providers = [trace.getTracerProvider(), metrics.getMeterProvider(), logs.getLoggerProvider()];
  await Promise.allSettled(
    providers.map(async (provider) => {
      await flushableOf(provider)?.forceFlush();
    }),
  );
}
