import type { OpenCall } from '@agentvitals/core';
import type { Context } from '@opentelemetry/api';

/** What the handler keeps per LangChain run id. */
export interface Entry {
  /** The OpenTelemetry context nested calls start in. */
  readonly context: Context;
  /** The recorded call this run id is, if it is one (an agent run, a model call, a tool call). */
  readonly call?: OpenCall;
}

/** Bounded: callbacks that never end (a host bug) cannot grow the map forever. */
const MAX_ENTRIES = 20_000;

/** Open LangChain runs by run id, oldest first. */
export class OpenCalls {
  readonly #entries = new Map<string, Entry>();

  get(runId: string | undefined): Entry | undefined {
    return runId === undefined ? undefined : this.#entries.get(runId);
  }

  set(runId: string, entry: Entry): void {
    if (this.#entries.size >= MAX_ENTRIES) {
      const [oldestId, oldest] = this.#entries.entries().next().value ?? [];
      if (oldestId !== undefined) {
        oldest?.call?.end();
        this.#entries.delete(oldestId);
      }
    }
    this.#entries.set(runId, entry);
  }

  /** Removes and returns the entry. */
  take(runId: string): Entry | undefined {
    const entry = this.#entries.get(runId);
    this.#entries.delete(runId);
    return entry;
  }

  get size(): number {
    return this.#entries.size;
  }
}
