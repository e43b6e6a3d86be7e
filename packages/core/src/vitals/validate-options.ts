import type { Guard } from '../guard/guard.js';
import type { VitalsOptions } from './types.js';

const isPositiveInteger = (value: unknown) =>
  typeof value === 'number' && Number.isInteger(value) && value > 0;

/**
 * Checks `createVitals` options and throws one TypeError naming every bad field. Deeper
 * checks (prices, redaction patterns, sentiment thresholds) happen where those are built.
 */
export function validateVitalsOptions(options: VitalsOptions): {
  agentName: string;
  guards: readonly Guard[];
} {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('createVitals() needs an options object with at least { agentName }');
  }
  const problems: string[] = [];
  const { agentName } = options;
  if (typeof agentName !== 'string' || agentName.trim().length === 0) {
    problems.push('agentName: a non-empty string is required');
  } else if (agentName.length > 128) {
    problems.push('agentName: at most 128 characters');
  }
  for (const key of ['meterProvider', 'tracerProvider', 'loggerProvider'] as const) {
    const provider = options[key];
    const method =
      key === 'meterProvider' ? 'getMeter' : key === 'tracerProvider' ? 'getTracer' : 'getLogger';
    if (
      provider !== undefined &&
      typeof (provider as unknown as Record<string, unknown>)[method] !== 'function'
    ) {
      problems.push(`${key}: must have a ${method}() method`);
    }
  }
  for (const key of ['clock', 'generateRequestId'] as const) {
    if (options[key] !== undefined && typeof options[key] !== 'function')
      problems.push(`${key}: must be a function`);
  }
  if (options.tracing !== undefined && typeof options.tracing !== 'boolean') {
    problems.push('tracing: must be a boolean');
  }
  const limits = options.limits ?? {};
  for (const key of ['maxToolNames', 'maxModelNames', 'maxOtherValues', 'maxNameLength'] as const) {
    if (limits[key] !== undefined && !isPositiveInteger(limits[key])) {
      problems.push(`limits.${key}: must be a positive integer`);
    }
  }
  const guards: readonly Guard[] =
    options.guard === undefined
      ? []
      : Array.isArray(options.guard)
        ? options.guard
        : [options.guard as Guard];
  guards.forEach((guard, index) => {
    if (typeof guard?.check !== 'function' || typeof guard?.attach !== 'function') {
      problems.push(
        `guard${Array.isArray(options.guard) ? `[${index}]` : ''}: must have check() and attach()`,
      );
    }
  });
  if (problems.length > 0) {
    throw new TypeError(`Invalid Agent Vitals options:\n  - ${problems.join('\n  - ')}`);
  }
  return { agentName: (agentName as string).trim(), guards };
}
