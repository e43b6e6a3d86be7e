/** Slots of the table: calls in flight whose real tool name is remembered (a power of two). */
const SLOTS = 4096;

/**
 * The real (canonical) tool name of each tool call in flight, by call id, from the guard
 * request: the events of a call may carry a bounded label instead (a long name cut, or
 * `_overflow` past the label cap), and rules must tell distinct tools apart. A fixed table
 * indexed by the id: constant memory, no hashing; with more than `SLOTS` calls in flight an
 * older entry is overwritten and that call's events keep their own label.
 */
export class CallNames {
  readonly #ids = new Float64Array(SLOTS).fill(Number.NaN);
  readonly #names: (string | undefined)[] = new Array(SLOTS).fill(undefined);

  set(callId: number, toolName: string): void {
    const slot = (callId >>> 0) & (SLOTS - 1);
    this.#ids[slot] = callId;
    this.#names[slot] = toolName;
  }

  /** The name of `callId`, forgotten as it is read. */
  take(callId: number): string | undefined {
    const slot = (callId >>> 0) & (SLOTS - 1);
    if (this.#ids[slot] !== callId) return undefined;
    const name = this.#names[slot];
    this.#ids[slot] = Number.NaN;
    this.#names[slot] = undefined;
    return name;
  }

  delete(callId: number): void {
    this.take(callId);
  }
}
