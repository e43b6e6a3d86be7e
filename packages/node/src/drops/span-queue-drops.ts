import { type Attributes, createNoopMeter, type Meter, type MeterProvider } from '@opentelemetry/api';
import type { DroppedTelemetry } from './dropped-telemetry.js';

/**
 * A meter provider for the span batch processor's self-observability (`selfObsMeterProvider`):
 * it records nothing itself, and turns the processor's count of spans refused by its full queue
 * (`otel.sdk.processor.span.processed` with `error.type=queue_full`) into
 * `agent.telemetry.dropped{signal=spans,reason=queue_full}`.
 */
export function spanQueueDropsMeterProvider(dropped: DroppedTelemetry): MeterProvider {
  const noop = createNoopMeter();
  const meter: Meter = Object.assign(Object.create(noop) as Meter, {
    createCounter(name: string, options?: object) {
      const counter = noop.createCounter(name, options);
      return Object.assign(Object.create(counter), {
        add(count: number, attributes?: Attributes) {
          if (attributes?.['error.type'] === 'queue_full') dropped.record('spans', 'queue_full', count);
        },
      });
    },
  });
  return { getMeter: () => meter };
}
