/** Calls in flight whose real tool name is remembered; the oldest is forgotten beyond it. */
const MAX_CALLS = 10_000;

/**
 * The real (canonical) tool name of each tool call in flight, by call id, from the guard
 * request: the events of a call may carry a bounded label instead (a long name cut, or
 * `_overflow` past the label cap), and rules must tell distinct tools apart. Bounded: at most
 * `MAX_CALLS` entries, each removed when its call ends or is refused.
 */
export class CallNames {
  readonly #names = new Map<number, string>();

  set(callId: number, toolName: string): void {
    if (this.#names.size >= MAX_CALLS) {
      const oldest = this.#names.keys().next();
      if (oldest.done !== true) this.#names.delete(oldest.value);
    }
    this.#names.set(callId, toolName);
  }

  /** The name of `callId`, forgotten as it is read. */
  take(callId: number): string | undefined {
    const name = this.#names.get(callId);
    if (name !== undefined) this.#names.delete(callId);
    return name;
  }

  delete(callId: number): void {
    this.#names.delete(callId);
  }

  get size(): number {
    return this.#names.size;
  }
}
