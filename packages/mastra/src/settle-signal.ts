/**
 * A thenable settled by a call, not by a job: the callbacks given to its `then` run inside
 * `resolve()` or `reject()` (or at once if it has settled). A run that ends on it is recorded
 * before the code that settled it goes on, not one job later, after the caller has resumed.
 * The first settlement wins.
 */
export interface SettleSignal extends PromiseLike<void> {
  resolve(): void;
  reject(error: unknown): void;
  /** Settles the signal as `source` settles, if it has not settled before. */
  follow(source: unknown): void;
}

type Deliver = (fulfilled: boolean, error: unknown) => void;

export function settleSignal(): SettleSignal {
  let outcome: { readonly fulfilled: boolean; readonly error: unknown } | undefined;
  const waiting: Deliver[] = [];
  const settle: Deliver = (fulfilled, error) => {
    if (outcome) return;
    outcome = { fulfilled, error };
    for (const deliver of waiting.splice(0)) deliver(fulfilled, error);
  };
  const signal: SettleSignal = {
    // biome-ignore lint/suspicious/noThenProperty: a thenable on purpose
    then(onFulfilled, onRejected) {
      return new Promise((resolve, reject) => {
        const deliver: Deliver = (fulfilled, error) => {
          const handler = fulfilled ? onFulfilled : onRejected;
          try {
            if (typeof handler === 'function') resolve(handler(error as never));
            else if (fulfilled) resolve(undefined as never);
            else reject(error);
          } catch (thrown) {
            reject(thrown);
          }
        };
        if (outcome) deliver(outcome.fulfilled, outcome.error);
        else waiting.push(deliver);
      });
    },
    resolve: () => settle(true, undefined),
    reject: (error) => settle(false, error),
    follow(source) {
      try {
        if (typeof (source as { then?: unknown } | null | undefined)?.then !== 'function') return;
        (source as PromiseLike<unknown>).then(signal.resolve, signal.reject);
      } catch (error) {
        signal.reject(error);
      }
    },
  };
  return signal;
}
