import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GEN_AI_SEMCONV_STREAMS } from './gen-ai-views.js';
import { METRIC_CATALOG } from './metrics.js';
import { PROCESS_METRIC_CATALOG } from './process-metrics.js';
import { prometheusLabelName, prometheusMetricName } from './prometheus-name.js';

describe('prometheusMetricName (the OTel Collector’s default translation)', () => {
  it.each([
    ['agent.run.duration', 's', 'histogram', 'agent_run_duration_seconds'],
    ['agent.tool.calls', '{call}', 'counter', 'agent_tool_calls_total'],
    ['agent.cost', 'USD', 'counter', 'agent_cost_USD_total'],
    ['agent.heartbeat.timestamp', 's', 'gauge', 'agent_heartbeat_timestamp_seconds'],
    ['process.memory.usage', 'By', 'gauge', 'process_memory_usage_bytes'],
    ['process.cpu.utilization', '1', 'gauge', 'process_cpu_utilization_ratio'],
    ['agent.sentiment.score', '1', 'histogram', 'agent_sentiment_score'],
    ['agent.escalation.backlog', '{escalation}', 'updowncounter', 'agent_escalation_backlog'],
    ['system.network.io', 'By/s', 'counter', 'system_network_io_bytes_per_second_total'],
    ['requests', '{request}/s', 'counter', 'requests_per_second_total'],
    ['queue.latency.seconds', 's', 'histogram', 'queue_latency_seconds'],
    ['hits.total', '1', 'counter', 'hits_total'],
    ['load.ratio', '1', 'gauge', 'load_ratio'],
    ['cache..size__now', 'KiBy', 'gauge', 'cache_size_now_kibibytes'],
    ['5xx.errors', '', 'counter', '_5xx_errors_total'],
    ['temperature', 'Cel', 'gauge', 'temperature_celsius'],
    ['odd', 'm²', 'gauge', 'odd_m_'], // the translator keeps a trailing underscore here too
  ] as const)('%s (%s, %s) → %s', (name, unit, kind, expected) => {
    expect(prometheusMetricName(name, unit, kind)).toBe(expected);
  });

  it('always gives a valid Prometheus metric name for a name with a letter or digit', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }).filter((s) => /[a-zA-Z0-9]/.test(s)),
        fc.string(),
        fc.constantFrom('counter', 'histogram', 'gauge', 'updowncounter' as const),
        (name, unit, kind) => {
          expect(prometheusMetricName(name, unit, kind)).toMatch(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/);
        },
      ),
    );
  });

  it('gives every catalog, process and GenAI stream a distinct series name', () => {
    const names = [
      ...METRIC_CATALOG.map((m) => m.prometheusName),
      ...PROCESS_METRIC_CATALOG.map((m) => m.prometheusName),
      ...GEN_AI_SEMCONV_STREAMS.map((s) => prometheusMetricName(s.name, s.source.unit, s.source.kind)),
    ];
    expect(new Set(names).size).toBe(names.length);
    for (const metric of [...METRIC_CATALOG, ...PROCESS_METRIC_CATALOG]) {
      expect(metric.prometheusName).toBe(prometheusMetricName(metric.name, metric.unit, metric.kind));
    }
  });
});

describe('prometheusLabelName', () => {
  it('replaces every character outside [a-zA-Z0-9_] and prefixes a leading digit', () => {
    expect(prometheusLabelName('gen_ai.agent.name')).toBe('gen_ai_agent_name');
    expect(prometheusLabelName('9lives')).toBe('key_9lives');
    expect(prometheusLabelName('a-b/c')).toBe('a_b_c');
  });
});
