import { createVitals } from '../vitals/create-vitals.js';
import type { Vitals } from '../vitals/types.js';
import {
  DEFAULT_DISPATCHER_METHODS,
  DEFAULT_REASONING_METHODS,
  DEFAULT_RUN_METHODS,
  DEFAULT_TOOL_MEMBERS,
} from './defaults.js';
import type { WrapConfig, WrapOptions } from './options.js';

/** Default vitals instances on the global providers, one per agent name (bounded). */
const defaultVitals = new Map<string, Vitals>();
const MAX_DEFAULT_VITALS = 100;

/** The vitals instance to record into: the given one, else a shared one per agent name on the global providers. */
export function vitalsFor(options: WrapOptions, fallbackName: string): Vitals {
  if (options.vitals) return options.vitals;
  const agentName = options.name ?? fallbackName;
  let vitals = defaultVitals.get(agentName);
  if (!vitals) {
    vitals = createVitals({ agentName });
    if (defaultVitals.size < MAX_DEFAULT_VITALS) defaultVitals.set(agentName, vitals);
  }
  return vitals;
}

/** The agent's name when none is given: its class name, else `agent`. */
export function agentNameOf(agent: object): string {
  try {
    const name = (Object.getPrototypeOf(agent) as { constructor?: { name?: unknown } } | null)?.constructor
      ?.name;
    if (typeof name === 'string' && name !== '' && name !== 'Object' && name !== 'Function') return name;
  } catch {
    // An exotic prototype chain: fall back to the generic name.
  }
  return 'agent';
}

/** What a recognised member is: a run, reasoning or dispatcher method, or a member holding tools. */
export type MemberKind = 'run' | 'reasoning' | 'dispatcher' | 'tools';

const LISTS = [
  ['runs', 'run', DEFAULT_RUN_METHODS],
  ['reasoning', 'reasoning', DEFAULT_REASONING_METHODS],
  ['dispatchers', 'dispatcher', DEFAULT_DISPATCHER_METHODS],
  ['tools', 'tools', DEFAULT_TOOL_MEMBERS],
] as const;

/** Member name → kind. Defaults first, then the lists given, so a name listed explicitly wins over a default. */
function memberKinds(options: WrapOptions): ReadonlyMap<string, MemberKind> {
  const kinds = new Map<string, MemberKind>();
  for (const [option, kind, defaults] of LISTS) {
    if (options[option] === undefined)
      for (const name of defaults) if (!kinds.has(name)) kinds.set(name, kind);
  }
  for (const [option, kind] of LISTS) {
    const list = options[option];
    if (list) for (const name of list) kinds.set(name, kind);
  }
  return kinds;
}

/** Resolves checked options into what the wrapper reads on every call. */
export function resolveConfig(options: WrapOptions, vitals: Vitals): WrapConfig {
  if (options.guard) vitals.use(options.guard);
  return {
    vitals,
    members: memberKinds(options),
    validators: options.validators ?? {},
    reasoningOptions: {
      ...(options.model !== undefined ? { model: options.model } : {}),
      ...(options.provider !== undefined ? { provider: options.provider } : {}),
      ...(options.extractUsage !== undefined ? { extractUsage: options.extractUsage } : {}),
    },
    ...(options.requestId !== undefined ? { requestId: options.requestId } : {}),
  };
}
