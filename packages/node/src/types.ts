import type { Vitals, VitalsOptions } from '@agentvitals/core';
import type { LoggerProvider } from '@opentelemetry/sdk-logs';
import type { MeterProvider } from '@opentelemetry/sdk-metrics';
import type { TracerProvider } from '@opentelemetry/sdk-trace';
import type { DestinationStream, Logger } from 'pino';
import type { AlertHoldTarget, AlertWebhookSettings } from './alert-webhook/alert-webhook.js';
import type { OtlpSignal } from './config/otlp-endpoints.js';
import type { Environment, LogLevel, OtlpProtocol, ShutdownSignal } from './config/schema.js';

type ThoughtPatterns = NonNullable<VitalsOptions['thoughts']>['patterns'];

/** Options of `start()`. Every field is optional; see docs/node.md for defaults per environment. */
export interface StartOptions {
  readonly serviceName?: string;
  readonly serviceVersion?: string;
  readonly serviceInstanceId?: string;
  readonly agentName?: string;
  readonly agentId?: string;
  readonly environment?: Environment;
  readonly resourceAttributes?: Readonly<Record<string, string | number | boolean>>;
  readonly prometheus?: {
    readonly enabled?: boolean;
    readonly host?: string;
    readonly port?: number;
    readonly path?: string;
  };
  readonly otlp?: {
    readonly endpoint?: string;
    readonly tracesEndpoint?: string;
    readonly metricsEndpoint?: string;
    readonly logsEndpoint?: string;
    readonly headers?: Readonly<Record<string, string>>;
    readonly protocol?: OtlpProtocol;
    readonly traces?: boolean;
    readonly metrics?: boolean;
    readonly logs?: boolean;
    readonly timeoutMs?: number;
  };
  readonly metrics?: {
    readonly exportIntervalMs?: number;
    readonly cardinalityLimit?: number;
    readonly processMetrics?: boolean;
    readonly heartbeatIntervalMs?: number;
    /** Also record durations under their GenAI semantic-convention names. Default true. */
    readonly genAiStreams?: boolean;
  };
  readonly logger?: {
    readonly level?: LogLevel;
    readonly destination?: DestinationStream;
  };
  readonly thoughts?: {
    readonly enabled?: boolean;
    readonly redact?: boolean;
    readonly patterns?: ThoughtPatterns;
    readonly maxBytes?: number;
    readonly toLogger?: boolean;
  };
  readonly console?: boolean;
  /** False for metrics-only mode: `av.vitals` records every metric and event but no span. Default true. */
  readonly tracing?: boolean;
  readonly guard?: VitalsOptions['guard'];
  /** Serve Alertmanager's webhook: a firing fleet alert holds its agent until it resolves (docs/fleet.md). */
  readonly alertWebhook?: {
    readonly path?: string;
    readonly token: string;
    readonly hold: AlertHoldTarget;
    readonly alertNames?: readonly string[];
    readonly agentLabel?: string;
    readonly maxBodyBytes?: number;
  };
  /** Further `createVitals()` options for `av.vitals`. */
  readonly vitals?: Omit<
    VitalsOptions,
    'agentName' | 'meterProvider' | 'tracerProvider' | 'loggerProvider' | 'thoughts' | 'guard'
  >;
  readonly shutdownTimeoutMs?: number;
  readonly signals?: false | readonly ShutdownSignal[];
  readonly disabled?: boolean;
  /** The environment variables to read; `process.env` by default. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** The validated, merged configuration: options, then environment variables, then environment defaults. */
export interface ResolvedConfig {
  readonly environment: Environment;
  /** True when `disabled` or OTEL_SDK_DISABLED=true: nothing is exported, no server, timer or signal handler. */
  readonly disabled: boolean;
  readonly serviceName: string;
  readonly serviceVersion: string | undefined;
  readonly serviceInstanceId: string;
  readonly agentName: string;
  readonly agentId: string;
  /** OTEL_RESOURCE_ATTRIBUTES merged with `resourceAttributes`. */
  readonly resourceAttributes: Readonly<Record<string, string | number | boolean>>;
  readonly prometheus: {
    readonly enabled: boolean;
    readonly host: string;
    readonly port: number;
    readonly path: string;
  };
  readonly otlp: {
    /** Base URL (no trailing slash). */
    readonly endpoint: string;
    /** The URL each signal is sent to: its own endpoint as-is, else `endpoint` + `/v1/<signal>`. */
    readonly urls: Readonly<Record<OtlpSignal, string>>;
    readonly headers: Readonly<Record<string, string>>;
    readonly protocol: OtlpProtocol;
    readonly traces: boolean;
    readonly metrics: boolean;
    readonly logs: boolean;
    readonly timeoutMs: number;
  };
  readonly metrics: {
    readonly exportIntervalMs: number;
    readonly cardinalityLimit: number;
    readonly processMetrics: boolean;
    readonly heartbeatIntervalMs: number;
    readonly genAiStreams: boolean;
  };
  readonly logger: { readonly level: LogLevel; readonly destination: DestinationStream | undefined };
  readonly thoughts: {
    readonly enabled: boolean;
    readonly redact: boolean;
    readonly patterns: ThoughtPatterns;
    readonly maxBytes: number;
    readonly toLogger: boolean;
  };
  readonly console: boolean;
  /** Whether vitals record spans (false: metrics-only mode); instances from `av.createVitals()` too, unless they say otherwise. */
  readonly tracing: boolean;
  readonly guard: VitalsOptions['guard'];
  /** Absent when the alert webhook is off. */
  readonly alertWebhook: AlertWebhookSettings | undefined;
  readonly vitals: StartOptions['vitals'];
  readonly shutdownTimeoutMs: number;
  readonly signals: readonly ShutdownSignal[];
}

export interface PrometheusEndpoint {
  /** Full URL of the metrics endpoint, e.g. http://127.0.0.1:9464/metrics. */
  readonly url: string;
  /** The bound port (the real one when 0 was asked for). */
  readonly port: number;
  readonly host: string;
  readonly path: string;
}

/** What `start()` returns. */
export interface AgentVitalsNode {
  /** `createVitals({ agentName, ... })` recording into this SDK's providers. */
  readonly vitals: Vitals;
  /** JSON lines with trace_id, span_id, trace_flags, request_id, service.name and gen_ai.agent.name. */
  readonly logger: Logger;
  readonly config: ResolvedConfig;
  /** The bound Prometheus endpoint; absent when it is disabled. */
  readonly prometheus?: PrometheusEndpoint;
  readonly meterProvider: MeterProvider;
  readonly tracerProvider: TracerProvider;
  readonly loggerProvider: LoggerProvider;
  /** Vitals for another agent in the same process, recording into the same providers. */
  createVitals(options: Omit<VitalsOptions, 'meterProvider' | 'tracerProvider' | 'loggerProvider'>): Vitals;
  /** Exports everything buffered now (serverless: call before the function returns). */
  flush(): Promise<void>;
  /** Flushes and stops everything within `shutdownTimeoutMs`; idempotent, never rejects. */
  shutdown(): Promise<void>;
}
