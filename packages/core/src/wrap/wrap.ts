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
    const first = args[0];
    const toolName = toolNameFromCall(first);
    // The tool receives what follows its name, or the tool-call object that carries its arguments.
    const inputArgs = typeof first === 'string' ? args.slice(1) : [first];
    return toolName === undefined ? { kind: 'tool', inputArgs } : { kind: 'tool', toolName, inputArgs };
  };
}

/** True when reading the agent's own property descriptors throws (a hostile Proxy). */
function hasThrowingDescriptors(agent: object): boolean {
  try {
    Reflect.getOwnPropertyDescriptor(agent, 'constructor');
    return false;
  } catch {
    return true;
  }
}

/** Traps that forward every operation to `agent`, for a stand-in target that holds nothing. */
function forwardingTraps(agent: object): ProxyHandler<object> {
  return {
    has: (_target, property) => Reflect.has(agent, property),
    ownKeys: () => Reflect.ownKeys(agent),
    getOwnPropertyDescriptor: (_target, property) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(agent, property);
      // The stand-in target holds nothing, so a descriptor must be reported configurable.
      return descriptor === undefined ? undefined : { ...descriptor, configurable: true };
    },
    defineProperty: (_target, property, descriptor) => Reflect.defineProperty(agent, property, descriptor),
    deleteProperty: (_target, property) => Reflect.deleteProperty(agent, property),
    getPrototypeOf: () => Reflect.getPrototypeOf(agent),
    setPrototypeOf: (_target, prototype) => Reflect.setPrototypeOf(agent, prototype),
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

  // A member is checked once, when first handed out (not on every read): the Proxy invariants
  // require a fixed own member (non-configurable, non-writable) to be returned unchanged.
  const shadow = hasThrowingDescriptors(agent);
  const handOut = (property: PropertyKey, value: unknown, make: () => unknown) =>
    members.get(property, value, () => (!shadow && isFixedMember(agent, property) ? value : make()));

  const instrument = (property: PropertyKey, value: unknown): unknown => {
    const kind = typeof property === 'string' ? config.members.get(property) : undefined;
    if (kind === 'tools') {
      return handOut(property, value, () => wrapToolMember(context, value, property as string, receiverFor));
    }
    if (typeof value !== 'function') return value;
    if (kind !== undefined) {
      return handOut(property, value, () =>
        isClass(value) ? value : recordedFunction(context, value as AnyFunction, planFor(kind), receiverFor),
      );
    }
    if (!originalReceiver) return value;
    return handOut(property, value, () => (isClass(value) ? value : value.bind(agent)));
  };

  const get = (_target: T, property: PropertyKey) => {
    // Getters run once, with the original as `this`; what they throw reaches the caller.
    const value = Reflect.get(agent, property, agent);
    try {
      return instrument(property, value);
    } catch (error) {
      wrapLogger.warn(`could not instrument the member '${String(property)}'; it is returned as is`, error);
      return value;
    }
  };
  const set = (_target: T, property: PropertyKey, value: unknown) =>
    Reflect.set(agent, property, value, agent);
  proxy = new Proxy(
    // An agent whose own descriptors cannot be read (a Proxy whose getOwnPropertyDescriptor
    // throws) would make every read fail the engine's invariant checks: such an agent is
    // reached through an empty stand-in target, every operation forwarded to it.
    shadow ? (Object.create(null) as T) : agent,
    shadow ? { ...forwardingTraps(agent), get, set } : { get, set },
  ) as T;
  return registerWrapped(proxy, agent);
}
