import type { Environment, LogLevel } from './schema.js';

/** What each environment changes; everything else has one default for all. */
export interface EnvironmentDefaults {
  readonly logLevel: LogLevel;
  readonly thoughtsToLogger: boolean;
  readonly metricExportIntervalMs: number;
}

export const ENVIRONMENT_DEFAULTS: Readonly<Record<Environment, EnvironmentDefaults>> = {
  dev: { logLevel: 'debug', thoughtsToLogger: true, metricExportIntervalMs: 10_000 },
  staging: { logLevel: 'info', thoughtsToLogger: false, metricExportIntervalMs: 60_000 },
  prod: { logLevel: 'info', thoughtsToLogger: false, metricExportIntervalMs: 60_000 },
};

/** Defaults shared by every environment. */
export const DEFAULTS = {
  prometheusHost: '127.0.0.1',
  prometheusPort: 9464,
  prometheusPath: '/metrics',
  otlpEndpoint: 'http://localhost:4318',
  otlpProtocol: 'http/protobuf',
  otlpTimeoutMs: 10_000,
  cardinalityLimit: 2000,
  heartbeatIntervalMs: 10_000,
  shutdownTimeoutMs: 5000,
  thoughtMaxBytes: 8192,
  signals: ['SIGTERM', 'SIGINT'],
} as const;
