import { hashString } from './random.js';

/** Thrown by a tool whose backend is down: `error.type` on the span and metric. */
export class ToolUnavailableError extends Error {
  override readonly name = 'ToolUnavailableError';
}

export interface ToolOptions {
  /** Share of `ticketing.update_ticket` calls that fail, 0..1; decided by a hash, so it is deterministic. */
  readonly flakyFailureRate?: number;
  readonly seed?: number;
  readonly latencyMs?: readonly [number, number];
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface Customer {
  readonly customerId: string;
  readonly tier: 'standard' | 'gold';
  readonly openTickets: number;
}

export interface Order {
  readonly order: string;
  readonly totalUsd: number;
  readonly status: 'delivered' | 'in_transit';
}

export interface SupportTools {
  'crm.lookup_customer'(args: { customerId: string }): Promise<Customer>;
  'crm.order_history'(args: { customerId: string; limit: number }): Promise<Order[]>;
  'kb.search'(args: { query: string }): Promise<{ articles: string[] }>;
  'billing.issue_refund'(args: {
    order: string;
    amountUsd: number;
  }): Promise<{ refundId: string; amountUsd: number }>;
  'ticketing.update_ticket'(args: {
    ticketId: string;
    status: string;
  }): Promise<{ ticketId: string; status: string }>;
}

export type ToolName = keyof SupportTools;

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * CRM, knowledge-base, billing and ticketing tools backed by deterministic fakes.
 * `ticketing.update_ticket` is the flaky one: it fails for a fixed share of (ticket, attempt) pairs.
 */
export function createTools(options: ToolOptions = {}): SupportTools {
  const rate = options.flakyFailureRate ?? 0.25;
  if (!Number.isFinite(rate) || rate < 0 || rate > 1) {
    throw new RangeError(`flakyFailureRate must be a number in 0..1, got ${rate}`);
  }
  const seed = options.seed ?? 1;
  const [minMs, maxMs] = options.latencyMs ?? [5, 40];
  const sleep = options.sleep ?? sleepFor;
  const attempts = new Map<string, number>();
  const pause = (key: string) => sleep(minMs + (hashString(`${seed}:latency:${key}`) % (maxMs - minMs + 1)));

  return {
    async 'crm.lookup_customer'({ customerId }) {
      await pause(customerId);
      const hash = hashString(`${seed}:${customerId}`);
      return { customerId, tier: hash % 5 === 0 ? 'gold' : 'standard', openTickets: hash % 3 };
    },
    async 'crm.order_history'({ customerId, limit }) {
      await pause(`orders:${customerId}`);
      const count = Math.min(limit, 1 + (hashString(`${seed}:orders:${customerId}`) % 4));
      return Array.from({ length: count }, (_, i) => ({
        order: `ORD-${10_000 + (hashString(`${customerId}:${i}`) % 90_000)}`,
        totalUsd: 20 + (hashString(`${seed}:${customerId}:${i}`) % 400),
        status: i === 0 ? 'in_transit' : 'delivered',
      }));
    },
    async 'kb.search'({ query }) {
      await pause(`kb:${query}`);
      return { articles: [`How to fix: ${query}`, 'Known issues this week'] };
    },
    async 'billing.issue_refund'({ order, amountUsd }) {
      await pause(`refund:${order}`);
      return { refundId: `RF-${hashString(`${seed}:${order}`) % 1_000_000}`, amountUsd };
    },
    async 'ticketing.update_ticket'({ ticketId, status }) {
      const attempt = (attempts.get(ticketId) ?? 0) + 1;
      attempts.set(ticketId, attempt);
      await pause(`ticket:${ticketId}:${attempt}`);
      if ((hashString(`${seed}:flaky:${ticketId}:${attempt}`) % 10_000) / 10_000 < rate) {
        throw new ToolUnavailableError(
          `ticketing backend unavailable (ticket ${ticketId}, attempt ${attempt})`,
        );
      }
      return { ticketId, status };
    },
  };
}
