/** The OTLP signals `start()` exports. */
export const OTLP_SIGNALS = ['traces', 'metrics', 'logs'] as const;
export type OtlpSignal = (typeof OTLP_SIGNALS)[number];

/** Paths appended to a base endpoint, as the OTLP exporter specification says. */
export const OTLP_PATHS: Readonly<Record<OtlpSignal, string>> = {
  traces: '/v1/traces',
  metrics: '/v1/metrics',
  logs: '/v1/logs',
};

/** The endpoint settings of one source (the options, or the environment variables). */
export interface OtlpEndpointSettings {
  readonly endpoint?: string;
  readonly tracesEndpoint?: string;
  readonly metricsEndpoint?: string;
  readonly logsEndpoint?: string;
}

const SIGNAL_KEY = {
  traces: 'tracesEndpoint',
  metrics: 'metricsEndpoint',
  logs: 'logsEndpoint',
} as const satisfies Record<OtlpSignal, keyof OtlpEndpointSettings>;

/** `base` with the signal's path appended (`http://c:4318/` → `http://c:4318/v1/traces`). */
export const signalUrl = (base: string, signal: OtlpSignal): string =>
  `${base.replace(/\/+$/, '')}${OTLP_PATHS[signal]}`;

/**
 * The URL each signal is sent to. Within one source, a per-signal endpoint
 * (`OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`, `otlp.tracesEndpoint`) is used as-is and wins over the
 * base endpoint, to which `/v1/<signal>` is appended. Options win over the environment;
 * `fallback` (a base URL) applies when neither names one.
 */
export function resolveOtlpEndpoints(
  options: OtlpEndpointSettings | undefined,
  environment: OtlpEndpointSettings | undefined,
  fallback: string,
): Record<OtlpSignal, string> {
  const fromSource = (source: OtlpEndpointSettings | undefined, signal: OtlpSignal) => {
    const own = source?.[SIGNAL_KEY[signal]];
    if (own !== undefined) return own;
    return source?.endpoint === undefined ? undefined : signalUrl(source.endpoint, signal);
  };
  const url = (signal: OtlpSignal) =>
    fromSource(options, signal) ?? fromSource(environment, signal) ?? signalUrl(fallback, signal);
  return { traces: url('traces'), metrics: url('metrics'), logs: url('logs') };
}

/** True when either source names an endpoint for `signal` (which then turns its export on by default). */
export function hasOtlpEndpoint(
  sources: ReadonlyArray<OtlpEndpointSettings | undefined>,
  signal: OtlpSignal,
): boolean {
  return sources.some(
    (source) => source?.endpoint !== undefined || source?.[SIGNAL_KEY[signal]] !== undefined,
  );
}
