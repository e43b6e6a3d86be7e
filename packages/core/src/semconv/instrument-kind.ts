/** The OpenTelemetry instrument kinds of the metric catalog. */
export type InstrumentKind = 'counter' | 'histogram' | 'gauge' | 'updowncounter';
