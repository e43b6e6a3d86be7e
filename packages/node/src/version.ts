/** Instrumentation scope of the process metrics. */
export const SCOPE_NAME = '@agentvitals/node';
export const SCOPE_VERSION = '0.1.0';
