import type { Guard } from '../guard/guard.js';
import type { ExtractedUsage } from '../usage/extract-usage.js';
import type { ToolValidator, Vitals } from '../vitals/types.js';
import { type CallPlan, callRecorded } from './call.js';
import { resolveConfig, vitalsFor } from './config.js';
import { mimic } from './member-cache.js';
import { checkWrapOptions, readableOptions, type WrapOptions } from './options.js';
import { originalOf, registerWrapped } from './registry.js';

type AnyFunction = (...args: any[]) => any;

interface FunctionWrapOptions {
  /** `gen_ai.agent.name` of the default vitals instance; default `agent`. */
  readonly name?: string;
  /** Where to record; default a vitals instance on the global providers. */
  readonly vitals?: Vitals;
  /** A guard consulted before each call (reasoning and tools), attached once. */
  readonly guard?: Guard;
}

export interface WrapToolOptions<F extends AnyFunction> extends FunctionWrapOptions {
  /** Rejects a result (returns false or a reason, or throws): `agent.tool.outcome=invalid`. */
  readonly validate?: ToolValidator<F>;
}

export interface WrapReasoningOptions extends FunctionWrapOptions {
  readonly model?: string;
  readonly provider?: string;
  readonly extractUsage?: (result: unknown) => ExtractedUsage | undefined;
}

export interface WrapRunOptions<F extends AnyFunction> extends FunctionWrapOptions {
  /** The run's request id from the call's arguments; generated when it returns undefined. */
  readonly requestId?: (...args: Parameters<F>) => string | undefined;
}

const COMMON = ['name', 'vitals', 'guard'];

function wrapFunction<F extends AnyFunction>(
  caller: string,
  fn: F,
  options: WrapOptions,
  allowed: readonly string[],
  plan: CallPlan,
): F {
  if (typeof fn !== 'function')
    throw new TypeError(`${caller} needs a function; got ${fn === null ? 'null' : typeof fn}`);
  const checked = checkWrapOptions(options, caller, new Set([...COMMON, ...allowed]));
  const original = (originalOf(fn) ?? fn) as F;
  const config = resolveConfig(checked, vitalsFor(checked, 'agent'));
  const wrapped = function (this: unknown, ...args: unknown[]) {
    return callRecorded(config, undefined, plan, original, this, args);
  };
  return registerWrapped(mimic(wrapped, original), original) as F;
}

/** A tool function recording each call: `execute_tool` span, `agent.tool.calls`, `agent.tool.duration`, an action. */
export function wrapTool<F extends AnyFunction>(name: string, fn: F, options: WrapToolOptions<F> = {}): F {
  if (typeof name !== 'string' || name === '') throw new TypeError('wrapTool() needs a non-empty tool name');
  const { validate, ...rest } = (
    options === undefined || options === null ? {} : readableOptions(options, `wrapTool('${name}')`)
  ) as WrapToolOptions<F>;
  if (validate !== undefined && typeof validate !== 'function') {
    throw new TypeError(`wrapTool('${name}'): 'validate' must be a function`);
  }
  const withValidator: WrapOptions = validate
    ? { ...rest, validators: { [name]: validate as ToolValidator<AnyFunction> } }
    : rest;
  return wrapFunction('wrapTool()', fn, withValidator, ['validators'], { kind: 'tool', toolName: name });
}

/** A model-calling function recording each call as reasoning: `chat` span, `agent.reasoning.duration`, usage. */
export function wrapReasoning<F extends AnyFunction>(fn: F, options: WrapReasoningOptions = {}): F {
  return wrapFunction('wrapReasoning()', fn, options, ['model', 'provider', 'extractUsage'], {
    kind: 'reasoning',
  });
}

/** A request-handling function recording each call as a run: `invoke_agent` span, `agent.runs`, a request id. */
export function wrapRun<F extends AnyFunction>(fn: F, options: WrapRunOptions<F> = {}): F {
  return wrapFunction('wrapRun()', fn, options as WrapOptions, ['requestId'], { kind: 'run' });
}
