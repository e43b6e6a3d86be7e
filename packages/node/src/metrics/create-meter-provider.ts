import type { Resource } from '@opentelemetry/resources';
import {
  type IMetricReader,
  MeterProvider,
  PeriodicExportingMetricReader,
  type PushMetricExporter,
} from '@opentelemetry/sdk-metrics';
import { createViews } from './views.js';

export interface MeterProviderSetup {
  readonly resource: Resource;
  readonly cardinalityLimit: number;
  /** Add the GenAI semantic-convention streams (see `createViews`). */
  readonly genAiStreams: boolean;
  readonly exportIntervalMs: number;
  /** Export timeout; capped at the interval as the SDK requires. */
  readonly exportTimeoutMs: number;
  readonly pullReaders: readonly IMetricReader[];
  readonly pushExporters: readonly PushMetricExporter[];
}

export function createMeterProvider(setup: MeterProviderSetup): MeterProvider {
  const readers: IMetricReader[] = [...setup.pullReaders];
  for (const exporter of setup.pushExporters) {
    readers.push(
      new PeriodicExportingMetricReader({
        exporter,
        exportIntervalMillis: setup.exportIntervalMs,
        exportTimeoutMillis: Math.min(setup.exportTimeoutMs, setup.exportIntervalMs),
      }),
    );
  }
  // No reader (Prometheus off, no OTLP metrics): no view either. A view makes the SDK keep an
  // aggregation per instrument even when nothing will ever read it; without views and readers
  // a recording does nothing.
  const views = readers.length === 0 ? [] : createViews(setup.cardinalityLimit, setup.genAiStreams);
  return new MeterProvider({ resource: setup.resource, views, readers });
}
