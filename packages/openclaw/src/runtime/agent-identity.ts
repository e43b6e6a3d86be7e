import { BoundedMap } from './bounded-map.js';

const SESSION_KEY_AGENT = /^agent:([^:]{1,128}):/;

/** What hooks may carry about the agent they belong to. */
export interface AgentHints {
  readonly agentId?: unknown;
  readonly runId?: unknown;
  readonly sessionKey?: unknown;
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.length > 0 && value.length <= 256 ? value : undefined;

/**
 * Which OpenClaw agent a hook is about. `ctx.agentId` when the hook carries it; else the
 * agent last seen with the same run id (`model_call_*` contexts carry no agent id); else
 * the id inside an `agent:<id>:...` session key; else the configured default agent.
 */
export class AgentIdentity {
  readonly #runs = new BoundedMap<string, string>(10_000);
  readonly #defaultAgent: string;

  constructor(defaultAgent: string) {
    this.#defaultAgent = defaultAgent;
  }

  resolve(...hints: readonly (AgentHints | undefined)[]): string {
    let runId: string | undefined;
    let agentId: string | undefined;
    let sessionKey: string | undefined;
    for (const hint of hints) {
      if (hint === undefined || hint === null) continue;
      runId ??= text(hint.runId);
      agentId ??= text(hint.agentId);
      sessionKey ??= text(hint.sessionKey);
    }
    const fromSession = sessionKey === undefined ? undefined : SESSION_KEY_AGENT.exec(sessionKey)?.[1];
    const resolved = agentId ?? (runId === undefined ? undefined : this.#runs.get(runId)) ?? fromSession;
    if (resolved !== undefined && runId !== undefined) this.#runs.set(runId, resolved);
    return resolved ?? this.#defaultAgent;
  }

  forgetRun(runId: unknown): void {
    const id = text(runId);
    if (id !== undefined) this.#runs.delete(id);
  }
}
