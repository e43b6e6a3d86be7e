import type { Guard } from '../guard/guard.js';
import { deepOptionProblems } from './deep-option-problems.js';
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
  problems.push(...deepOptionProblems(options));
  if (problems.length > 0) {
    throw new TypeError(`Invalid Agent Vitals options:\n  - ${problems.join('\n  - ')}`);
  }
  return { agentName: (agentName as string).trim(), guards };
}

const OPTION_KEYS = [
  'agentName',
  'meterProvider',
  'tracerProvider',
  'loggerProvider',
  'tracing',
  'pricing',
  'sentiment',
  'thoughts',
  'limits',
  'guard',
  'clock',
  'generateRequestId',
] as const;

/**
 * The options read once into a plain object. Options that cannot be read (a throwing getter,
 * a revoked Proxy) are a configuration mistake: a TypeError naming the field.
 */
export function readVitalsOptions(options: unknown): VitalsOptions {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('createVitals() needs an options object with at least { agentName }');
  }
  const copy: Record<string, unknown> = {};
  for (const key of OPTION_KEYS) {
    try {
      const value = (options as Record<string, unknown>)[key];
      if (value !== undefined) copy[key] = value;
    } catch {
      throw new TypeError(`Invalid Agent Vitals options:\n  - ${key}: could not be read (its getter threw)`);
    }
  }
  for (const key of ['limits'] as const) {
    const nested = copy[key];
    if (nested === undefined) continue;
    const inner: Record<string, unknown> = {};
    try {
      for (const field of ['maxToolNames', 'maxModelNames', 'maxOtherValues', 'maxNameLength']) {
        const value = (nested as Record<string, unknown>)[field];
        if (value !== undefined) inner[field] = value;
      }
    } catch {
      throw new TypeError(`Invalid Agent Vitals options:\n  - ${key}: could not be read (a getter threw)`);
    }
    copy[key] = inner;
  }
  return copy as unknown as VitalsOptions;
}
