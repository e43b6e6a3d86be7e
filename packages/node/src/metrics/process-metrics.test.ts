import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import { describe, expect, it } from 'vitest';
import {
  METRIC_AGENT_PROCESS_HEARTBEAT_TIMESTAMP,
  METRIC_NODEJS_EVENTLOOP_DELAY_P99,
  METRIC_PROCESS_CPU_UTILIZATION,
  METRIC_PROCESS_MEMORY_USAGE,
  startProcessMetrics,
} from './process-metrics.js';

async function collect(provider: MeterProvider, reader: PeriodicExportingMetricReader) {
  void provider;
  const { resourceMetrics } = await reader.collect();
  const values = new Map<string, { unit: string; value: number }>();
  for (const scope of resourceMetrics.scopeMetrics) {
    for (const metric of scope.metrics) {
      const point = metric.dataPoints[0];
      if (point)
        values.set(metric.descriptor.name, { unit: metric.descriptor.unit, value: point.value as number });
    }
  }
  return values;
}

function setup() {
  const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 });
  const provider = new MeterProvider({ readers: [reader] });
  return { provider, reader };
}

describe('process metrics', () => {
  it('reports CPU, memory, event-loop delay and the process heartbeat with their units', async () => {
    const { provider, reader } = setup();
    let now = 1_700_000_000_000;
    const metrics = startProcessMetrics(provider.getMeter('test'), {
      heartbeatIntervalMs: 10,
      clock: () => now,
    });
    try {
      const spinUntil = Date.now() + 30;
      while (Date.now() < spinUntil) {
        // keep the CPU and the event loop busy so the gauges have something to show
      }
      now += 5000;
      await new Promise((resolve) => setTimeout(resolve, 40));
      const values = await collect(provider, reader);
      const cpu = values.get(METRIC_PROCESS_CPU_UTILIZATION)!;
      expect(cpu.unit).toBe('1');
      expect(cpu.value).toBeGreaterThan(0);
      expect(cpu.value).toBeLessThanOrEqual(1);
      expect(values.get(METRIC_PROCESS_MEMORY_USAGE)).toMatchObject({ unit: 'By' });
      expect(values.get(METRIC_PROCESS_MEMORY_USAGE)!.value).toBeGreaterThan(1_000_000);
      const delay = values.get(METRIC_NODEJS_EVENTLOOP_DELAY_P99)!;
      expect(delay.unit).toBe('s');
      expect(delay.value).toBeGreaterThan(0);
      expect(delay.value).toBeLessThan(10);
      expect(values.get(METRIC_AGENT_PROCESS_HEARTBEAT_TIMESTAMP)).toEqual({ unit: 's', value: now / 1000 });
    } finally {
      metrics.stop();
      metrics.stop();
      await provider.shutdown();
    }
  });

  it('stops updating the heartbeat once stopped', async () => {
    const { provider, reader } = setup();
    let now = 1_000_000;
    const metrics = startProcessMetrics(provider.getMeter('test'), {
      heartbeatIntervalMs: 5,
      clock: () => now,
    });
    metrics.stop();
    now = 9_000_000;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await collect(provider, reader)).get(METRIC_AGENT_PROCESS_HEARTBEAT_TIMESTAMP)!.value).toBe(1000);
    await provider.shutdown();
  });
});
