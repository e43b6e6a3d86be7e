import { ConsoleLogRecordExporter, type LogRecordExporter } from '@opentelemetry/sdk-logs';
import { ConsoleMetricExporter, type PushMetricExporter } from '@opentelemetry/sdk-metrics';
import { ConsoleSpanExporter, type SpanExporter } from '@opentelemetry/sdk-trace';
import type { OtlpSignal } from '../config/otlp-endpoints.js';
import type { ResolvedConfig } from '../types.js';
import { createExportAgents } from './export-agents.js';

/** The push exporters of each signal (OTLP and console); Prometheus is a pull reader, set up apart. */
export interface Exporters {
  readonly spans: SpanExporter[];
  readonly metrics: PushMetricExporter[];
  readonly logs: LogRecordExporter[];
  /** Cuts the OTLP connections still open (see `createExportAgents`); call once shutdown is over. */
  abandon(): void;
}

/**
 * Builds the exporters the configuration asks for. OTLP modules are imported only when a
 * signal is exported over OTLP, so a Prometheus-only process never loads protobuf code.
 */
export async function createExporters(config: ResolvedConfig): Promise<Exporters> {
  const agents = createExportAgents();
  const exporters: Exporters = { spans: [], metrics: [], logs: [], abandon: agents.abandon };
  if (config.disabled) return exporters;
  const { otlp } = config;
  const common = (signal: OtlpSignal) => ({
    url: otlp.urls[signal],
    headers: { ...otlp.headers },
    timeoutMillis: otlp.timeoutMs,
    httpAgentOptions: agents.factory(signal),
  });
  const json = otlp.protocol === 'http/json';
  if (otlp.traces) {
    const { OTLPTraceExporter } = json
      ? await import('@opentelemetry/exporter-trace-otlp-http')
      : await import('@opentelemetry/exporter-trace-otlp-proto');
    exporters.spans.push(new OTLPTraceExporter(common('traces')));
  }
  if (otlp.metrics) {
    const { OTLPMetricExporter } = json
      ? await import('@opentelemetry/exporter-metrics-otlp-http')
      : await import('@opentelemetry/exporter-metrics-otlp-proto');
    exporters.metrics.push(new OTLPMetricExporter(common('metrics')));
  }
  if (otlp.logs) {
    const { OTLPLogExporter } = json
      ? await import('@opentelemetry/exporter-logs-otlp-http')
      : await import('@opentelemetry/exporter-logs-otlp-proto');
    exporters.logs.push(new OTLPLogExporter(common('logs')));
  }
  if (config.console) {
    exporters.spans.push(new ConsoleSpanExporter());
    exporters.metrics.push(new ConsoleMetricExporter());
    exporters.logs.push(new ConsoleLogRecordExporter());
  }
  return exporters;
}
