import { unobserved } from '../pipeline/guard-decision.js';
import { type CallPlan, callRecorded, type Scope, wrapLogger } from './call.js';
import { TOOL_CALL_METHODS } from './defaults.js';
import { isFixedMember, MemberCache, mimic } from './member-cache.js';
import type { WrapConfig } from './options.js';
import { isClass } from './receiver.js';
import { registerWrapped } from './registry.js';

type AnyFunction = (...args: any[]) => any;

/** What the wrapped parts of one agent share. */
export interface WrapContext {
  readonly config: WrapConfig;
  readonly scope: Scope;
  /** Proxies handed out for collections and tool objects, so each is wrapped once. */
  readonly proxies: WeakMap<object, object>;
}

/**
 * A function that records each call as `plan(args)` says and calls `original` with the
 * receiver `receiverFor(this)` picks. Never throws on its own.
 */
export function recordedFunction(
  wrap: WrapContext,
  original: AnyFunction,
  plan: (args: unknown[]) => CallPlan,
  receiverFor: (thisArg: unknown) => unknown,
): AnyFunction {
  const state = wrap.config.internals?.state;
  // `arguments`, not a rest parameter: the pass-through below then allocates no array.
  const wrapped = function (this: unknown) {
    let receiver: unknown = this;
    let observed = true;
    try {
      receiver = receiverFor(this);
      // Nothing records, decides or listens (no SDK registered): the call goes straight through.
      observed = state === undefined || !unobserved(state);
    } catch (error) {
      wrapLogger.warn('could not instrument a call; it runs unrecorded', error);
      observed = false;
    }
    // biome-ignore lint/complexity/noArguments: see above.
    if (!observed) return original.apply(receiver, arguments as unknown as unknown[]);
    // Copied element by element: V8 then never builds the `arguments` object (a slice of it does).
    const args: unknown[] = [];
    // biome-ignore lint/complexity/noArguments: see above.
    for (let i = 0; i < arguments.length; i++) args.push(arguments[i]);
    let callPlan: CallPlan | undefined;
    try {
      callPlan = plan(args);
    } catch (error) {
      wrapLogger.warn('could not instrument a call; it runs unrecorded', error);
    }
    if (callPlan === undefined) return original.apply(receiver, args);
    return callRecorded(wrap.config, wrap.scope, callPlan, original, receiver, args);
  };
  return registerWrapped(mimic(wrapped, original), original);
}

/** The name a tool object gives itself, if any. */
function ownToolName(tool: object): string | undefined {
  try {
    const name = (tool as { name?: unknown }).name;
    return typeof name === 'string' && name !== '' ? name : undefined;
  } catch {
    return undefined;
  }
}

/** True for an object with one of the callable members of the known tool shapes. */
export function isToolObject(value: unknown): value is object {
  if (typeof value !== 'object' || value === null) return false;
  try {
    return TOOL_CALL_METHODS.some(
      (method) => typeof (value as Record<string, unknown>)[method] === 'function',
    );
  } catch {
    return false;
  }
}

function cached<T extends object>(wrap: WrapContext, original: object, make: () => T): T {
  const existing = wrap.proxies.get(original);
  if (existing !== undefined) return existing as T;
  const proxy = make();
  wrap.proxies.set(original, proxy);
  registerWrapped(proxy, original);
  return proxy;
}

/**
 * A tool object (Vercel AI SDK `{ execute }`, OpenAI Agents SDK `{ name, invoke }`, LangChain
 * `{ name, invoke, _call }`): each callable member records one tool call and runs with the
 * original object as `this`, so calls between its own members are not counted again. Other
 * methods are bound to the original (classes with `#private` members keep working).
 */
export function wrapToolObject<T extends object>(
  wrap: WrapContext,
  tool: T,
  fallbackName: string | undefined,
): T {
  return cached(wrap, tool, () => {
    const toolName = ownToolName(tool) ?? fallbackName;
    const plan: CallPlan = { kind: 'tool', ...(toolName !== undefined ? { toolName } : {}) };
    const members = new MemberCache();
    let proxy: T;
    const receiverFor = (thisArg: unknown) => (thisArg === proxy ? tool : thisArg);
    proxy = new Proxy(tool, {
      get(target, property) {
        const value = Reflect.get(target, property, target);
        if (typeof value !== 'function') return value;
        const handed = members.handed(property, value);
        if (handed !== undefined) return handed;
        // Checked once per member, when first handed out, not on every read.
        return members.get(property, value, () => {
          if (isFixedMember(target, property) || isClass(value)) return value;
          if (typeof property === 'string' && TOOL_CALL_METHODS.includes(property)) {
            return recordedFunction(wrap, value as AnyFunction, () => plan, receiverFor);
          }
          return value.bind(target);
        });
      },
      set: (target, property, value) => Reflect.set(target, property, value, target),
    });
    return proxy;
  });
}

/** Wraps one entry of a tool collection: a function, or a tool object; anything else is returned as is. */
function wrapEntry(
  wrap: WrapContext,
  value: unknown,
  key: string | undefined,
  receiver: object,
  proxy: object,
): unknown {
  if (typeof value === 'function') {
    const toolName = key ?? ((value as AnyFunction).name || undefined);
    if (isClass(value) || toolName === undefined) return value;
    const plan: CallPlan = { kind: 'tool', toolName };
    return recordedFunction(
      wrap,
      value as AnyFunction,
      () => plan,
      (thisArg) => (thisArg === proxy ? receiver : thisArg),
    );
  }
  if (isToolObject(value)) return wrapToolObject(wrap, value, key);
  return value;
}

const INDEX = /^(?:0|[1-9]\d*)$/;

/**
 * A collection of tools, wrapped lazily: entries are wrapped when read. A record maps names
 * to functions or tool objects; an array holds tool objects (their `name` names them).
 * Array methods run with the proxy as `this`, so `tools.map(...)`, spreading and iteration
 * see wrapped tools.
 */
export function wrapToolCollection<T extends object>(wrap: WrapContext, collection: T): T {
  return cached(wrap, collection, () => {
    const isArray = Array.isArray(collection);
    const members = new MemberCache();
    let proxy: T;
    proxy = new Proxy(collection, {
      get(target, property) {
        if (typeof property === 'symbol') return Reflect.get(target, property, isArray ? proxy : target);
        if (isArray && !INDEX.test(property)) return Reflect.get(target, property, proxy);
        const value = (target as Record<string, unknown>)[property];
        if (typeof value !== 'function' && (typeof value !== 'object' || value === null)) return value;
        // Handed out before, for this same value: the common read, one map lookup.
        const handed = members.handed(property, value);
        if (handed !== undefined) return handed;
        try {
          // Checked once per entry, when first handed out, not on every read.
          return members.get(property, value, () =>
            isFixedMember(target, property)
              ? value
              : wrapEntry(wrap, value, isArray ? undefined : property, target, proxy),
          );
        } catch (error) {
          wrapLogger.warn(`could not instrument the tool '${property}'; it runs unrecorded`, error);
          return value;
        }
      },
      set: (target, property, value) => Reflect.set(target, property, value, isArray ? proxy : target),
    });
    return proxy;
  });
}

/** A member holding tools: a function is one tool, an object or array a collection. */
export function wrapToolMember(
  wrap: WrapContext,
  value: unknown,
  name: string,
  receiverFor: (thisArg: unknown) => unknown,
): unknown {
  if (typeof value === 'function') {
    if (isClass(value)) return value;
    const plan: CallPlan = { kind: 'tool', toolName: name };
    return recordedFunction(wrap, value as AnyFunction, () => plan, receiverFor);
  }
  if (typeof value === 'object' && value !== null) {
    return isToolObject(value) && !Array.isArray(value)
      ? wrapToolObject(wrap, value, name)
      : wrapToolCollection(wrap, value);
  }
  return value;
}
