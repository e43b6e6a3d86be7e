import { type Context, context, createContextKey, diag } from '@opentelemetry/api';
import { isMarked } from '../pipeline/call-pipeline.js';
import { callReasoning } from '../pipeline/reasoning-recorder.js';
import { callRun } from '../pipeline/run-recorder.js';
import { callTool, type ToolCallOptions } from '../pipeline/tool-recorder.js';
import { isAsyncFunction } from '../vitals/settle.js';
import type { RunOptions, ToolValidator } from '../vitals/types.js';
import { runGenerator } from './generator-run.js';
import type { WrapConfig } from './options.js';
import { generatorKind } from './receiver.js';

export const wrapLogger = diag.createComponentLogger({ namespace: '@agentvitals/core/wrap' });

export type CallKind = 'run' | 'reasoning' | 'tool';

/**
 * Context keys of one wrapped agent. A run or reasoning call made while a call of the same
 * kind of the same agent is in progress (a run method calling another) is passed through, so
 * it is counted once, as the outer call. A tool called from inside another tool (a dispatcher
 * looking the tool up in `tools`, a tool calling another) is still decided on by the guards,
 * as the tool it is, but recorded once, as the outer call.
 */
export interface Scope {
  readonly keys: Readonly<Record<CallKind, symbol>>;
}

export function createScope(): Scope {
  return {
    keys: {
      run: createContextKey('@agentvitals/core wrap run'),
      reasoning: createContextKey('@agentvitals/core wrap reasoning'),
      tool: createContextKey('@agentvitals/core wrap tool'),
    },
  };
}

type AnyFunction = (...args: any[]) => any;

/** What a call is recorded as: decided before the call, so a failure here never affects it. */
export interface CallPlan {
  readonly kind: CallKind;
  /** The tool name (tools and dispatchers). */
  readonly toolName?: string;
  /** The arguments the tool receives, when they differ from the call's (a dispatcher's). */
  readonly inputArgs?: readonly unknown[];
}

function runOptionsFor(config: WrapConfig, args: readonly unknown[]): RunOptions | undefined {
  if (!config.requestId) return undefined;
  try {
    const requestId = config.requestId(...args);
    return requestId === undefined ? undefined : { requestId };
  } catch (error) {
    wrapLogger.warn('the requestId option threw; a generated request id is used', error);
    return undefined;
  }
}

/**
 * Calls `original` exactly once with `thisArg` and `args`, recorded as `plan` says. Whatever
 * fails in deciding how to record it, the call goes through unrecorded; what the call returns
 * or throws (and what a guard throws to veto it) reaches the caller unchanged.
 */
export function callRecorded(
  config: WrapConfig,
  scope: Scope | undefined,
  plan: CallPlan,
  original: AnyFunction,
  thisArg: unknown,
  args: unknown[],
): unknown {
  // The common call, a tool of an agent recording through `createVitals`: no closure to build.
  if (plan.kind === 'tool' && config.internals !== undefined) {
    let options: ToolCallOptions;
    try {
      options = toolCallOptions(config, scope, plan, original);
    } catch (error) {
      wrapLogger.warn('could not instrument a call; it runs unrecorded', error);
      return original.apply(thisArg, args);
    }
    return callTool(config.internals.state, plan.toolName ?? '_unknown', original, thisArg, args, options);
  }
  let recorded: (() => unknown) | undefined;
  try {
    recorded = prepare(config, scope, plan, original, thisArg, args);
  } catch (error) {
    wrapLogger.warn('could not instrument a call; it runs unrecorded', error);
    recorded = undefined;
  }
  return recorded === undefined ? original.apply(thisArg, args) : recorded();
}

/**
 * How `callTool` records a tool call of a wrapped agent: its validator, and whether it is made
 * from inside another tool call of the agent (then guards decide, but it is not recorded again).
 */
function toolCallOptions(
  config: WrapConfig,
  scope: Scope | undefined,
  plan: CallPlan,
  original: AnyFunction,
): ToolCallOptions {
  const key = scope?.keys.tool;
  const parent = context.active();
  const toolName = plan.toolName ?? '_unknown';
  const validate = Object.hasOwn(config.validators, toolName) ? config.validators[toolName] : undefined;
  // One shape of options for every tool call (inputArgs undefined means the call's own).
  return {
    validate: validate as ToolValidator<AnyFunction> | undefined,
    returnsPromise: isAsyncFunction(original),
    mark: key,
    guardOnly: key !== undefined && isMarked(parent, key),
    inputArgs: plan.inputArgs,
    parent,
  };
}

function prepare(
  config: WrapConfig,
  scope: Scope | undefined,
  plan: CallPlan,
  original: AnyFunction,
  thisArg: unknown,
  args: unknown[],
): (() => unknown) | undefined {
  const key = scope?.keys[plan.kind];
  const parent = context.active();
  const inner = key !== undefined && isMarked(parent, key);
  if (inner && plan.kind !== 'tool') return undefined;
  const { internals } = config;
  if (internals === undefined) return viaPublicApi(config, key, inner, plan, original, thisArg, args);
  const { state, shared } = internals;
  switch (plan.kind) {
    case 'run': {
      const options = runOptionsFor(config, args);
      const generator = generatorKind(original);
      if (generator !== undefined) {
        const marker = { active: true };
        const mark = (ctx: Context) => (key === undefined ? ctx : ctx.setValue(key, marker));
        const start = () => original.apply(thisArg, args);
        return () =>
          runGenerator(config.vitals, options, generator, mark, start, () => {
            marker.active = false;
          });
      }
      return () => callRun(state, shared.generateRequestId, original, options, { thisArg, args, mark: key });
    }
    case 'reasoning':
      return () =>
        callReasoning(state, original, config.reasoningOptions, {
          thisArg,
          args,
          mark: key,
          returnsPromise: isAsyncFunction(original),
        });
  }
  // A tool recording through `createVitals` never gets here: `callRecorded` calls `callTool` itself.
  return undefined;
}

/** Runs `fn` in a context marked with `key` until it returns, or until the promise it returns settles. */
function runMarked<T>(key: symbol | undefined, fn: () => T): T {
  if (key === undefined) return fn();
  const marker = { active: true };
  const end = () => {
    marker.active = false;
  };
  let result: T;
  try {
    result = context.with(context.active().setValue(key, marker), fn);
  } catch (error) {
    end();
    throw error;
  }
  if (result instanceof Promise) result.then(end, end);
  else end();
  return result;
}

/**
 * A vitals object not made by `createVitals` (a hand-made stand-in): calls go through its
 * public methods. A tool called from inside another is passed through to it unrecorded.
 */
function viaPublicApi(
  config: WrapConfig,
  key: symbol | undefined,
  inner: boolean,
  plan: CallPlan,
  original: AnyFunction,
  thisArg: unknown,
  args: unknown[],
): (() => unknown) | undefined {
  if (inner) return undefined;
  const { vitals } = config;
  const call = () => runMarked(key, () => original.apply(thisArg, args));
  if (plan.kind === 'run') return () => vitals.run(call, runOptionsFor(config, args));
  if (plan.kind === 'reasoning') {
    const options = { ...config.reasoningOptions, returnsPromise: isAsyncFunction(original) };
    return () => vitals.reasoning(call, options);
  }
  const toolName = plan.toolName ?? '_unknown';
  const validate = Object.hasOwn(config.validators, toolName) ? config.validators[toolName] : undefined;
  const shim = function (this: unknown, ...shimArgs: unknown[]) {
    return runMarked(key, () => original.apply(this, shimArgs));
  };
  return () =>
    vitals.callTool(toolName, shim, thisArg, args as never, {
      validate: validate as ToolValidator<AnyFunction> | undefined,
      returnsPromise: isAsyncFunction(original),
    });
}

/** The tool named by a dispatcher's first argument: a name, or a tool-call object (OpenAI, Anthropic, Vercel). */
export function toolNameFromCall(first: unknown): string | undefined {
  if (typeof first === 'string') return first;
  if (typeof first !== 'object' || first === null) return undefined;
  const call = first as { name?: unknown; toolName?: unknown; function?: { name?: unknown } };
  for (const candidate of [call.name, call.toolName, call.function?.name]) {
    if (typeof candidate === 'string' && candidate !== '') return candidate;
  }
  return undefined;
}
