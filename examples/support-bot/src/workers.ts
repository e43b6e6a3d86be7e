import type { Ticket, TicketQueue } from './tickets.js';

export interface WorkerOptions {
  readonly concurrency: number;
  /** Stop taking new tickets at this time (ms since the epoch); tickets under way finish. */
  readonly deadline?: number;
  /** Called by each worker before it takes a ticket: the agent loop's heartbeat. */
  readonly onIdle?: () => void;
  readonly now?: () => number;
}

export interface WorkerResult<T> {
  readonly outcomes: T[];
  readonly failures: Array<{ readonly ticket: Ticket; readonly error: unknown }>;
}

/** Drains the queue with `concurrency` workers; a failing ticket is recorded, not fatal. */
export async function processQueue<T>(
  queue: TicketQueue,
  handle: (ticket: Ticket) => Promise<T>,
  options: WorkerOptions,
): Promise<WorkerResult<T>> {
  if (!Number.isInteger(options.concurrency) || options.concurrency < 1) {
    throw new RangeError(`concurrency must be a positive integer, got ${options.concurrency}`);
  }
  const now = options.now ?? Date.now;
  const outcomes: T[] = [];
  const failures: WorkerResult<T>['failures'] = [];
  const worker = async () => {
    for (;;) {
      options.onIdle?.();
      if (options.deadline !== undefined && now() >= options.deadline) return;
      const ticket = queue.take();
      if (ticket === undefined) return;
      try {
        outcomes.push(await handle(ticket));
      } catch (error) {
        failures.push({ ticket, error });
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return { outcomes, failures };
}
