import { ConfigurationError } from './configuration-error.js';

const SUMMARY = 'Invalid Agent Vitals configuration:';

/**
 * `createVitals()` and `createRedactor()` refuse bad options with a TypeError; `start()` promises
 * a `ConfigurationError` for every bad option, so their refusal is reported as one, each problem
 * under the option path it came from (`prefix`, e.g. `vitals.` or `thoughts.`). Anything else
 * passes through unchanged.
 */
export function asConfigurationError(error: unknown, prefix: string): unknown {
  if (!(error instanceof TypeError)) return error;
  const [first = '', ...rest] = error.message.split('\n');
  const listed = rest.map((line) => line.replace(/^\s*-\s*/, '').trim()).filter((line) => line !== '');
  const issues = listed.length > 0 ? listed : [first];
  return new ConfigurationError(
    SUMMARY,
    issues.map((issue) => `${prefix}${issue}`),
  );
}

/** Runs `build`, turning an option refusal into a `ConfigurationError` (see `asConfigurationError`). */
export function buildOrRefuse<T>(build: () => T, prefix: string): T {
  try {
    return build();
  } catch (error) {
    throw asConfigurationError(error, prefix);
  }
}
