import { createVitals, type Guard, type Vitals } from '@agentvitals/core';

/** Judges a tool's result: return `false` or a reason string (or throw) to count it `invalid`. */
export type ToolResultValidator = (result: unknown, input: unknown) => unknown;

/** Where and how an integration records. */
export interface VitalsIntegrationOptions {
  /** The vitals instance to record into (`createVitals(...)`, or a test kit's `kit.vitals`). */
  readonly vitals?: Vitals;
  /** `gen_ai.agent.name` of the vitals instance created when `vitals` is not given. */
  readonly name?: string;
  /** A guard (`createGuard()` from `@agentvitals/alerts`) consulted before every model and tool call. */
  readonly guard?: Guard;
  /** Per tool name, a validator of the tool's result: a rejected result counts as `invalid`. */
  readonly validators?: Readonly<Record<string, ToolResultValidator>>;
}

/** The options, checked, with the vitals instance to record into. */
export interface ResolvedOptions {
  readonly vitals: Vitals;
  readonly validators: Readonly<Record<string, ToolResultValidator>>;
}

const isVitals = (value: unknown): value is Vitals =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Vitals).run === 'function' &&
  typeof (value as Vitals).reasoning === 'function' &&
  typeof (value as Vitals).callTool === 'function';

const resolved = new WeakMap<object, ResolvedOptions>();

/**
 * Checks the options once, at configuration time: one `TypeError` names every bad field. A
 * vitals instance may be passed directly in place of the options.
 */
export function resolveOptions(
  options: VitalsIntegrationOptions | Vitals | undefined,
  where: string,
  defaultName: string,
): ResolvedOptions {
  if (isVitals(options)) return { vitals: options, validators: {} };
  if (options !== undefined && (typeof options !== 'object' || options === null)) {
    throw new TypeError(`${where}: options must be an object or a vitals instance`);
  }
  const cached = options === undefined ? undefined : resolved.get(options);
  if (cached) return cached;
  const { vitals, name, guard, validators = {} } = options ?? {};
  const problems: string[] = [];
  if (vitals !== undefined && !isVitals(vitals)) problems.push('vitals must come from createVitals()');
  if (name !== undefined && (typeof name !== 'string' || name.length === 0 || name.length > 128)) {
    problems.push('name must be a string of 1 to 128 characters');
  }
  if (
    guard !== undefined &&
    (typeof guard !== 'object' || guard === null || typeof guard.check !== 'function')
  ) {
    problems.push('guard must be a Guard (createGuard() from @agentvitals/alerts)');
  }
  if (typeof validators !== 'object' || validators === null) problems.push('validators must be an object');
  else {
    for (const [tool, validate] of Object.entries(validators)) {
      if (typeof validate !== 'function') problems.push(`validators.${tool} must be a function`);
    }
  }
  if (problems.length > 0) throw new TypeError(`${where}: ${problems.join('; ')}`);
  const target = vitals ?? createVitals({ agentName: name ?? defaultName });
  if (guard !== undefined) target.use(guard);
  const result: ResolvedOptions = { vitals: target, validators };
  if (options !== undefined) resolved.set(options, result);
  return result;
}
