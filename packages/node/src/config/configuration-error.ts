const BRAND: unique symbol = Symbol.for('@agentvitals/node.ConfigurationError');

/** `start()` refused its configuration; `issues` has one line per bad field or check. */
export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
  readonly issues: readonly string[];
  readonly [BRAND] = true;

  constructor(summary: string, issues: readonly string[]) {
    super(`${summary}\n${issues.map((issue) => `  - ${issue}`).join('\n')}`);
    this.issues = issues;
  }
}

export function isConfigurationError(value: unknown): value is ConfigurationError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}
