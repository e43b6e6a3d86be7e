import { createNoopMeter, logs, metrics, trace } from '@opentelemetry/api';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushGlobalProviders } from './flush-global-providers.js';

afterEach(() => {
  trace.disable();
  metrics.disable();
  logs.disable();
});

describe('flushGlobalProviders', () => {
  it('resolves with only the no-op providers registered', async () => {
    await expect(flushGlobalProviders()).resolves.toBeUndefined();
  });

  it('calls forceFlush on registered providers, through the tracer proxy, and tolerates a failing one', async () => {
    const tracerFlush = vi.fn(async () => {});
    const meterFlush = vi.fn(async () => {
      throw new Error('exporter down');
    });
    trace.setGlobalTracerProvider({
      getTracer: () => trace.getTracer('noop'),
      forceFlush: tracerFlush,
    } as never);
    metrics.setGlobalMeterProvider({ getMeter: () => createNoopMeter(), forceFlush: meterFlush } as never);
    await expect(flushGlobalProviders()).resolves.toBeUndefined();
    expect(tracerFlush).toHaveBeenCalledOnce();
    expect(meterFlush).toHaveBeenCalledOnce();
  });
});
