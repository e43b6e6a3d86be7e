/** Something that can be released; calling `dispose` more than once is harmless. */
export interface Disposable {
  dispose(): void;
}

/** A disposable that does nothing. */
export const NOOP_DISPOSABLE: Disposable = Object.freeze({ dispose() {} });
