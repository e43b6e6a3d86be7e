import { type CallPlan, createScope, toolNameFromCall, wrapLogger } from './call.js';
import { agentNameOf, type MemberKind, resolveConfig, vitalsFor } from './config.js';
import { refuseFrameworkAgent } from './framework-agents.js';
import { isFixedMember, MemberCache } from './member-cache.js';
import { checkWrapOptions, type WrapOptions } from './options.js';
import { isClass, needsOriginalReceiver } from './receiver.js';
import { originalOf, registerWrapped } from './registry.js';
import { recordedFunction, type WrapContext, wrapToolMember } from './tools.js';

type AnyFunction = (...args: any[]) => any;

const RUN_PLAN: CallPlan = { kind: 'run' };
const REASONING_PLAN: CallPlan = { kind: 'reasoning' };

function planFor(kind: Exclude<MemberKind, 'tools'>): (args: unknown[]) => CallPlan {
  if (kind === 'run') return () => RUN_PLAN;
  if (kind === 'reasoning') return () => REASONING_PLAN;
  return (args) => {
    const toolName = toolNameFromCall(args[0]);
    return toolName === undefined ? { kind: 'tool' } : { kind: 'tool', toolName };
  };
}

/**
 * Instruments a whole agent object in one line. The result is a Proxy that behaves like the
 * agent (same values, errors, `this`, sync/async, `instanceof`, getters, symbols); its run
 * methods record runs, its reasoning methods reasoning calls, and its tools and dispatcher
 * methods tool calls, into `options.vitals` (default: one on the global providers).
 *
 * Methods run with the wrapped object as `this`, so the agent's own calls (`this.think()`,
 * `this.tools.search()`) are recorded too; for classes with `#private` members and
 * built-ins, which reject a Proxy as `this`, they run with the original object, and only
 * calls made through the wrapped object are recorded. Wrapping a wrapped agent returns it
 * unchanged (or, with new options, wraps its original), so nothing is recorded twice.
 */
export function wrap<T extends object>(agent: T, options?: WrapOptions): T {
  if (typeof agent !== 'object' || agent === null) {
    throw new TypeError(
      `wrap() needs the agent object; got ${agent === null ? 'null' : typeof agent}. For a function use wrapRun, wrapReasoning or wrapTool`,
    );
  }
  refuseFrameworkAgent(agent);
  const original = originalOf(agent);
  if (original !== undefined) {
    if (options === undefined) return agent;
    return wrap(original, options);
  }
  const checked = checkWrapOptions(options, 'wrap()');
  const config = resolveConfig(checked, vitalsFor(checked, agentNameOf(agent)));
  const context: WrapContext = { config, scope: createScope(), proxies: new WeakMap() };
  const originalReceiver = needsOriginalReceiver(agent);
  const members = new MemberCache();
  let proxy: T;
  const receiverFor = (thisArg: unknown) => (thisArg === proxy && originalReceiver ? agent : thisArg);

  const instrument = (target: T, property: PropertyKey, value: unknown): unknown => {
    if (isFixedMember(target, property)) return value;
    const kind = typeof property === 'string' ? config.members.get(property) : undefined;
    if (kind === 'tools') {
      return members.get(property, value, () =>
        wrapToolMember(context, value, property as string, receiverFor),
      );
    }
    if (typeof value !== 'function' || isClass(value)) return value;
    if (kind !== undefined) {
      return members.get(property, value, () =>
        recordedFunction(context, value as AnyFunction, planFor(kind), receiverFor),
      );
    }
    return originalReceiver ? members.get(property, value, () => value.bind(target)) : value;
  };

  proxy = new Proxy(agent, {
    get(target, property) {
      // Getters run once, with the original as `this`; what they throw reaches the caller.
      const value = Reflect.get(target, property, target);
      try {
        return instrument(target, property, value);
      } catch (error) {
        wrapLogger.warn(`could not instrument the member '${String(property)}'; it is returned as is`, error);
        return value;
      }
    },
    set: (target, property, value) => Reflect.set(target, property, value, target),
  });
  return registerWrapped(proxy, agent);
}
