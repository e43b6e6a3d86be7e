import type { ResolvedOptions } from '@agentvitals/ai-sdk';

type AnyRecord = Record<PropertyKey, any>;
type Execute = (input: unknown, ...rest: unknown[]) => unknown;

const RECORDED = Symbol.for('@agentvitals/mastra recorded tool');

/** A copy of one tool (same prototype, so a Mastra `Tool` stays one) whose `execute` records a tool call. */
function instrumentTool(name: string, tool: AnyRecord, options: ResolvedOptions): AnyRecord {
  const execute = tool.execute as Execute | undefined;
  if (typeof execute !== 'function' || tool[RECORDED] === true) return tool;
  const validate = options.validators[name];
  const recorded = (input: unknown, ...rest: unknown[]) =>
    options.vitals.callTool(
      name,
      (toolInput: unknown) => execute.call(tool, toolInput, ...rest),
      undefined,
      [input],
      validate
        ? { returnsPromise: true, validate: (result) => validate(result, input) }
        : { returnsPromise: true },
    );
  const copy = Object.assign(Object.create(Object.getPrototypeOf(tool)), tool, { execute: recorded });
  Object.defineProperty(copy, RECORDED, { value: true });
  return copy;
}

/** The tools record (or the function that returns it) with every tool recorded, named by its key. */
export function instrumentToolsSetting(setting: unknown, options: ResolvedOptions): unknown {
  const instrumentRecord = (tools: unknown) => {
    if (typeof tools !== 'object' || tools === null) return tools;
    const copy: AnyRecord = {};
    for (const [name, tool] of Object.entries(tools)) {
      copy[name] = typeof tool === 'object' && tool !== null ? instrumentTool(name, tool, options) : tool;
    }
    return copy;
  };
  if (typeof setting === 'function') {
    return async (...args: unknown[]) => instrumentRecord(await setting(...args));
  }
  return instrumentRecord(setting);
}
