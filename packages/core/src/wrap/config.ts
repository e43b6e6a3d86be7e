import { agentView } from '../api/agent-view.js';
import { createVitals } from '../api/create-vitals.js';
import { internalsOf } from '../vitals/internals.js';
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

/** The shared default vitals instance per agent name, on the global providers. */
function defaultVitalsFor(agentName: string): Vitals {
  let vitals = defaultVitals.get(agentName);
  if (!vitals) {
    vitals = createVitals({ agentName });
    if (defaultVitals.size < MAX_DEFAULT_VITALS) defaultVitals.set(agentName, vitals);
  }
  return vitals;
}

/**
 * Where one agent records: the given vitals instance (else a shared one per agent name on
 * the global providers), seen through a per-agent view when the agent has a name or guard
 * of its own. A hand-made vitals object (not from `createVitals`) cannot have views: the
 * agent then records under its name, and a guard is attached to it with `use()`.
 */
export function vitalsFor(options: WrapOptions, fallbackName: string): Vitals {
  const base = options.vitals ?? defaultVitalsFor(options.name ?? fallbackName);
  const view = agentView(base, {
    ...(options.name !== undefined ? { agentName: options.name } : {}),
    ...(options.guard !== undefined ? { guard: options.guard } : {}),
  });
  if (view !== undefined) return view;
  if (options.guard) base.use(options.guard);
  return base;
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
  return {
    vitals,
    internals: internalsOf(vitals),
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
