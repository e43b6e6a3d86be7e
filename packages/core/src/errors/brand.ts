/**
 * Branded errors: `isXError(value)` checks a symbol registered in the global symbol
 * registry (`Symbol.for('@agentvitals/<ErrorName>')`, declared `unique symbol` so the
 * published types compile on TypeScript 5.0), so the check holds even when two copies of
 * the package are installed.
 */

export function hasBrand(value: unknown, brand: symbol): boolean {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[brand] === true;
}
