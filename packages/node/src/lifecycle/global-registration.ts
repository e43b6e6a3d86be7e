import { context, diag, logs, metrics, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import type { LoggerProvider } from '@opentelemetry/sdk-logs';
import type { MeterProvider } from '@opentelemetry/sdk-metrics';
import type { TracerProvider } from '@opentelemetry/sdk-trace';

const log = diag.createComponentLogger({ namespace: '@agentvitals/node/global' });

export interface GlobalRegistration {
  /** Unregisters exactly what was registered; idempotent. */
  undo(): void;
}

/**
 * Installs the AsyncLocalStorage context manager (needed for run state, request ids and span
 * parenting across `await`) and, unless `providers` is undefined, the providers and W3C
 * propagators as the OTel globals. Whatever another SDK already registered is left alone
 * (with a diag warning); the vitals record into their explicit providers regardless.
 */
export function registerGlobals(providers?: {
  readonly meterProvider: MeterProvider;
  readonly tracerProvider: TracerProvider;
  readonly loggerProvider: LoggerProvider;
}): GlobalRegistration {
  const undo: Array<() => void> = [];
  const contextManager = new AsyncLocalStorageContextManager().enable();
  if (context.setGlobalContextManager(contextManager)) {
    undo.push(() => context.disable());
  } else {
    contextManager.disable();
    log.warn('a context manager is already registered; keeping it');
  }
  if (providers) {
    const attempts: Array<[string, () => boolean, () => void]> = [
      [
        'tracer provider',
        () => trace.setGlobalTracerProvider(providers.tracerProvider),
        () => trace.disable(),
      ],
      [
        'meter provider',
        () => metrics.setGlobalMeterProvider(providers.meterProvider),
        () => metrics.disable(),
      ],
      ['logger provider', () => logs.setGlobalLoggerProvider(providers.loggerProvider), () => logs.disable()],
      [
        'propagator',
        () =>
          propagation.setGlobalPropagator(
            new CompositePropagator({
              propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()],
            }),
          ),
        () => propagation.disable(),
      ],
    ];
    for (const [name, register, unregister] of attempts) {
      if (register()) undo.push(unregister);
      else log.warn(`a global ${name} is already registered; keeping it`);
    }
  }
  let done = false;
  return {
    undo() {
      if (done) return;
      done = true;
      for (const step of undo.reverse()) step();
    },
  };
}
