import type { Guard } from '../guard/guard.js';
import type { ExtractedUsage } from '../usage/extract-usage.js';
import type { VitalsInternals } from '../vitals/internals.js';
import type { ToolValidator, Vitals } from '../vitals/types.js';

/** Options of `wrap()`. Every member list replaces its default; `false` turns the kind off. */
export interface WrapOptions {
  /**
   * `gen_ai.agent.name` of this agent's records; default the name of `vitals`, else the
   * agent's class name, else `agent`. With a shared `vitals`, each name is recorded apart.
   */
  readonly name?: string;
  /** Where to record: from `createVitals` or a test kit's `kit.vitals`; default one on the global providers. */
  readonly vitals?: Vitals;
  /** Methods that are runs (`invoke_agent` span, `agent.runs`). */
  readonly runs?: readonly string[] | false;
  /** Methods that are reasoning (model) calls (`chat` span, `agent.reasoning.duration`, usage). */
  readonly reasoning?: readonly string[] | false;
  /** Members holding tools (a record or array of tools), or methods that are tools themselves. */
  readonly tools?: readonly string[] | false;
  /** Methods called as `dispatcher(toolName | toolCall, ...args)`. */
  readonly dispatchers?: readonly string[] | false;
  /** Result validators per tool name; a rejected result counts as `agent.tool.outcome=invalid`. */
  readonly validators?: Readonly<Record<string, ToolValidator<(...args: any[]) => any>>>;
  /** Reads usage from reasoning results of shapes the built-in extractor does not know. */
  readonly extractUsage?: (result: unknown) => ExtractedUsage | undefined;
  /** Model and provider of reasoning calls whose result does not name them. */
  readonly model?: string;
  readonly provider?: string;
  /** The request id of a run, from the run call's arguments; generated when it returns undefined. */
  readonly requestId?: (...args: any[]) => string | undefined;
  /**
   * A guard consulted before each of this agent's reasoning and tool calls (after the guards
   * of `vitals`). It guards this agent only: other agents recording into the same vitals
   * instance are not affected.
   */
  readonly guard?: Guard;
}

/** The options resolved once, at wrap time. */
export interface WrapConfig {
  /** Where this agent records: a per-agent view when `name` or `guard` differ from the instance's. */
  readonly vitals: Vitals;
  /** The state behind `vitals`, for calls straight into the pipeline; undefined for a hand-made vitals object. */
  readonly internals: VitalsInternals | undefined;
  /** Member name → what it is. */
  readonly members: ReadonlyMap<string, 'run' | 'reasoning' | 'dispatcher' | 'tools'>;
  readonly validators: Readonly<Record<string, ToolValidator<(...args: any[]) => any>>>;
  readonly reasoningOptions: {
    readonly model?: string;
    readonly provider?: string;
    readonly extractUsage?: (result: unknown) => ExtractedUsage | undefined;
  };
  readonly requestId?: (...args: any[]) => string | undefined;
}

const KNOWN_KEYS = new Set([
  'name',
  'vitals',
  'runs',
  'reasoning',
  'tools',
  'dispatchers',
  'validators',
  'extractUsage',
  'model',
  'provider',
  'requestId',
  'guard',
]);

/**
 * A plain copy of an options object, read once: options whose keys or values cannot be read
 * (a throwing getter, a revoked Proxy) are a configuration mistake, reported as a TypeError.
 */
export function readableOptions(options: unknown, caller: string): Record<string, unknown> {
  let isArray = false;
  try {
    isArray = Array.isArray(options);
  } catch {
    throw new TypeError(`${caller}: options could not be read (a revoked Proxy)`);
  }
  if (typeof options !== 'object' || options === null || isArray) {
    throw new TypeError(`${caller}: options must be an object`);
  }
  const copy: Record<string, unknown> = {};
  let keys: string[];
  try {
    keys = Object.keys(options);
  } catch {
    throw new TypeError(`${caller}: options could not be read (listing their keys threw)`);
  }
  for (const key of keys) {
    try {
      copy[key] = (options as Record<string, unknown>)[key];
    } catch {
      throw new TypeError(`${caller}: option '${key}' could not be read (its getter threw)`);
    }
  }
  return copy;
}

/** Checks the options, collecting every problem into one TypeError that names each bad field. */
export function checkWrapOptions(
  options: unknown,
  caller: string,
  allowed: ReadonlySet<string> = KNOWN_KEYS,
): WrapOptions {
  if (options === undefined) return {};
  const o = readableOptions(options, caller);
  const problems: string[] = [];
  for (const key of Object.keys(o)) if (!allowed.has(key)) problems.push(`unknown option '${key}'`);
  const optionalString = (key: string) => {
    if (o[key] !== undefined && (typeof o[key] !== 'string' || o[key] === '')) {
      problems.push(`'${key}' must be a non-empty string`);
    }
  };
  const optionalFunction = (key: string) => {
    if (o[key] !== undefined && typeof o[key] !== 'function') problems.push(`'${key}' must be a function`);
  };
  optionalString('name');
  optionalString('model');
  optionalString('provider');
  optionalFunction('extractUsage');
  optionalFunction('requestId');
  for (const key of ['runs', 'reasoning', 'tools', 'dispatchers']) {
    const list = o[key];
    if (list === undefined || list === false) continue;
    if (!Array.isArray(list) || !list.every((item) => typeof item === 'string' && item !== '')) {
      problems.push(`'${key}' must be an array of member names, or false`);
    }
  }
  const vitals = o.vitals as Partial<Vitals> | undefined;
  if (
    vitals !== undefined &&
    (typeof vitals !== 'object' ||
      vitals === null ||
      typeof vitals.run !== 'function' ||
      typeof vitals.reasoning !== 'function' ||
      typeof vitals.callTool !== 'function')
  ) {
    problems.push(`'vitals' must be a vitals instance (createVitals() or a test kit's kit.vitals)`);
  }
  const validators = o.validators;
  if (validators !== undefined) {
    if (typeof validators !== 'object' || validators === null || Array.isArray(validators)) {
      problems.push(`'validators' must be an object mapping tool names to functions`);
    } else {
      for (const [tool, validate] of Object.entries(validators)) {
        if (typeof validate !== 'function') problems.push(`'validators.${tool}' must be a function`);
      }
    }
  }
  const guard = o.guard as { check?: unknown; attach?: unknown } | undefined;
  if (
    guard !== undefined &&
    (typeof guard !== 'object' ||
      guard === null ||
      typeof guard.check !== 'function' ||
      typeof guard.attach !== 'function')
  ) {
    problems.push(`'guard' must be a guard with check() and attach()`);
  }
  if (problems.length > 0) throw new TypeError(`${caller}: ${problems.join('; ')}`);
  return o as WrapOptions;
}
