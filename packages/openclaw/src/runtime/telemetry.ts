import { createVitals, type Vitals, type VitalsOptions } from '@agentvitals/core';
import { type StartOptions, start } from '@agentvitals/node';
import type { PluginConfig } from '../config/plugin-config.js';

type AgentVitalsOptions = Omit<VitalsOptions, 'meterProvider' | 'tracerProvider' | 'loggerProvider'>;

/** Where the plugin's vitals record to. */
export interface Telemetry {
  createVitals(options: AgentVitalsOptions): Vitals;
  /** The bound Prometheus endpoint, when one is served. */
  readonly prometheusUrl?: string;
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

/** `gateway`: a long-lived gateway process. `cli`: `openclaw agent --local`, too short-lived to scrape. */
export type TelemetryMode = 'gateway' | 'cli';

export type StartTelemetry = (config: PluginConfig, mode: TelemetryMode) => Promise<Telemetry>;

/** `start()` options of `@agentvitals/node` for the plugin configuration. */
export function nodeStartOptions(config: PluginConfig, mode: TelemetryMode): StartOptions {
  const prometheus = config.prometheus ?? {};
  return {
    serviceName: config.serviceName ?? 'openclaw-gateway',
    agentName: config.defaultAgentName ?? 'main',
    environment: config.environment,
    prometheus: {
      enabled: mode === 'gateway' && prometheus.enabled !== false,
      host: prometheus.host ?? '127.0.0.1',
      port: prometheus.port,
      path: prometheus.path,
    },
    otlp: config.otlp,
    metrics: config.metrics,
    // OpenClaw owns the process: it handles SIGTERM and calls gateway_stop.
    signals: false,
    vitals: { pricing: config.pricing },
  };
}

/** Starts `@agentvitals/node` (Prometheus endpoint, OTLP exporters, process heartbeat). */
export const startNodeTelemetry: StartTelemetry = async (config, mode) => {
  const av = await start(nodeStartOptions(config, mode));
  return {
    createVitals: (options) => av.createVitals(options),
    prometheusUrl: av.prometheus?.url,
    flush: () => av.flush(),
    shutdown: () => av.shutdown(),
  };
};

/** When the SDK could not start (a port in use): vitals on the global providers, so the guard still enforces. */
export const fallbackTelemetry: Telemetry = {
  createVitals: (options) => createVitals(options),
  flush: async () => {},
  shutdown: async () => {},
};
