/**
 * Branded errors: `isXError(value)` checks a symbol registered in the global symbol
 * registry, so the check holds even when two copies of the package are installed.
 */
export const brandOf = (name: string): symbol => Symbol.for(`@agentvitals/${name}`);

export function hasBrand(value: unknown, brand: symbol): boolean {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[brand] === true;
}
