import { diag } from '@opentelemetry/api';

export const vitalsLogger = diag.createComponentLogger({ namespace: '@agentvitals/core/vitals' });

/** A finite number that is not negative, or undefined (with a warning) for anything else. */
export function nonNegative(value: unknown, what: string): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
  vitalsLogger.warn(`${what} must be a finite number >= 0; got ${describe(value)}: dropped`);
  return undefined;
}

/** Like `nonNegative`, but `undefined` input is accepted silently as "not given". */
export function optionalNonNegative(value: unknown, what: string): number | undefined | null {
  if (value === undefined) return undefined;
  const checked = nonNegative(value, what);
  return checked === undefined ? null : checked;
}

export function describe(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return `a string (${JSON.stringify(value.slice(0, 40))})`;
  if (value === null) return 'null';
  return typeof value;
}
