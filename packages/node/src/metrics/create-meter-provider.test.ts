import { resourceFromAttributes } from '@opentelemetry/resources';
import { describe, expect, it } from 'vitest';
import { createMeterProvider } from './create-meter-provider.js';
import { PullMetricReader } from './prometheus/pull-reader.js';

const setup = {
  resource: resourceFromAttributes({ 'service.name': 'test' }),
  cardinalityLimit: 3,
  genAiStreams: true,
  exportIntervalMs: 60_000,
  exportTimeoutMs: 1000,
  pushExporters: [],
};

describe('createMeterProvider', () => {
  it('caps every instrument and adds the GenAI streams when a reader reads', async () => {
    const reader = new PullMetricReader();
    const provider = createMeterProvider({ ...setup, pullReaders: [reader] });
    const meter = provider.getMeter('@agentvitals/core');
    const duration = meter.createHistogram('agent.tool.duration', { unit: 's' });
    for (let i = 0; i < 10; i++) duration.record(0.1, { 'gen_ai.tool.name': `tool-${i}` });
    const { resourceMetrics } = await reader.collect();
    const metrics = resourceMetrics.scopeMetrics[0]!.metrics;
    expect(metrics.map((m) => m.descriptor.name).sort()).toEqual([
      'agent.tool.duration',
      'gen_ai.execute_tool.duration',
    ]);
    for (const metric of metrics) expect(metric.dataPoints).toHaveLength(3);
    await provider.shutdown();
  });

  it('keeps no aggregation when nothing reads: a recording is dropped, not accumulated', async () => {
    const provider = createMeterProvider({ ...setup, pullReaders: [] });
    const counter = provider.getMeter('@agentvitals/core').createCounter('agent.tool.calls');
    for (let i = 0; i < 10; i++) counter.add(1, { 'gen_ai.tool.name': `tool-${i}` });
    // SDK internals, read only: the storages that would aggregate those recordings.
    const shared = (
      provider as unknown as {
        _sharedState: {
          meterSharedStates: Map<string, { metricStorageRegistry: { getStorages(c: unknown): unknown[] } }>;
        };
      }
    )._sharedState;
    for (const state of shared.meterSharedStates.values()) {
      expect(state.metricStorageRegistry.getStorages(undefined)).toEqual([]);
    }
    await provider.shutdown();
  });
});
