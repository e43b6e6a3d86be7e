import type { Vitals } from '@agentvitals/core';
import { type ResolvedOptions, resolveOptions, type VitalsIntegrationOptions } from '../options.js';

type AnyRecord = Record<PropertyKey, any>;
type Execute = (input: unknown, ...rest: unknown[]) => unknown;

const INSTRUMENTED = Symbol.for('@agentvitals/ai-sdk instrumented tool');

/** One tool's `execute`, recorded as `name`: the guard decides on `input`, the call runs once. */
export function recordedExecute(
  name: string,
  execute: Execute,
  owner: unknown,
  options: ResolvedOptions,
): Execute {
  const { vitals, validators } = options;
  const validate = validators[name];
  const recorded = function (this: unknown, input: unknown, ...rest: unknown[]) {
    return vitals.callTool(
      name,
      (toolInput: unknown) => execute.call(owner ?? this, toolInput, ...rest),
      undefined,
      [input],
      validate
        ? { returnsPromise: true, validate: (result) => validate(result, input) }
        : { returnsPromise: true },
    );
  };
  Object.defineProperty(recorded, INSTRUMENTED, { value: true });
  return recorded;
}

/** Whether this `execute` already records. */
export const isRecordedExecute = (execute: unknown): boolean =>
  typeof execute === 'function' && (execute as unknown as AnyRecord)[INSTRUMENTED] === true;

/**
 * A copy of an AI SDK tool set (`{ name: tool({ inputSchema, execute }) }`) whose every
 * `execute` records one tool call named by its key, with its real outcome. A tool a guard
 * stops rejects before it runs (outcome `denied` or `blocked`), which the AI SDK turns into a
 * `tool-error` for the model like any failing tool. Tools without `execute` (answered by the
 * client) are kept as they are.
 */
export function instrumentTools<T extends Record<string, unknown>>(
  tools: T,
  options?: VitalsIntegrationOptions | Vitals,
): T {
  if (typeof tools !== 'object' || tools === null) {
    throw new TypeError('instrumentTools() needs the tools record ({ name: tool({ ... }) })');
  }
  return instrumentToolSet(tools, resolveOptions(options, 'instrumentTools()', 'agent'));
}

/** `instrumentTools` with checked options. */
export function instrumentToolSet<T extends Record<string, unknown>>(tools: T, options: ResolvedOptions): T {
  const copy: AnyRecord = {};
  for (const [name, tool] of Object.entries(tools)) {
    const execute = (tool as AnyRecord | undefined)?.execute;
    copy[name] =
      typeof execute !== 'function' || isRecordedExecute(execute)
        ? tool
        : { ...(tool as AnyRecord), execute: recordedExecute(name, execute, tool, options) };
  }
  return copy as T;
}
