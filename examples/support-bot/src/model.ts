import { DURATION_BUCKETS_SECONDS } from '@agentvitals/core';
import { createRandom, hashString } from './random.js';
import type { TicketCategory } from './tickets.js';

/** The subset of the OpenAI Chat Completions request the scripted model reads. */
export interface ChatMessage {
  readonly role: 'system' | 'user' | 'assistant' | 'tool';
  readonly content: string | null;
  readonly tool_calls?: readonly ToolCall[];
  readonly tool_call_id?: string;
}

export interface ToolCall {
  readonly id: string;
  readonly type: 'function';
  readonly function: { readonly name: string; readonly arguments: string };
}

export interface ChatRequest {
  readonly model: string;
  readonly messages: readonly ChatMessage[];
  /** Scripting input: what the ticket is about (the real API also accepts string metadata). */
  readonly metadata: {
    readonly ticketId: string;
    readonly category: TicketCategory;
    readonly customerId: string;
    readonly order?: string;
    readonly refundAmountUsd?: number;
  };
}

/** An OpenAI Chat Completions response, with `usage` as the API returns it. */
export interface ChatCompletion {
  readonly id: string;
  readonly object: 'chat.completion';
  readonly created: number;
  readonly model: string;
  readonly choices: readonly {
    readonly index: number;
    readonly message: {
      readonly role: 'assistant';
      readonly content: string | null;
      readonly tool_calls?: ToolCall[];
    };
    readonly finish_reason: 'stop' | 'tool_calls';
  }[];
  readonly usage: {
    readonly prompt_tokens: number;
    readonly completion_tokens: number;
    readonly total_tokens: number;
    readonly prompt_tokens_details: { readonly cached_tokens: number };
  };
}

export interface ScriptedModelOptions {
  readonly seed: number;
  /** Shortest and longest simulated latency per call, in ms. */
  readonly latencyMs?: readonly [number, number];
  readonly sleep?: (ms: number) => Promise<void>;
  /** Seconds since the epoch for `created`. */
  readonly now?: () => number;
}

/** The tool each ticket category goes through, in order; the final turn answers the customer. */
export const PLANS: Readonly<Record<TicketCategory, readonly string[]>> = {
  refund: ['crm.lookup_customer', 'crm.order_history', 'billing.issue_refund', 'ticketing.update_ticket'],
  shipping: ['crm.lookup_customer', 'crm.order_history', 'ticketing.update_ticket'],
  account: ['crm.lookup_customer', 'ticketing.update_ticket'],
  bug: ['kb.search', 'ticketing.update_ticket'],
};

const SYSTEM_PROMPT_TOKENS = 420;
const DELETION_REQUEST = /ignore (all )?previous instructions.*delete/i;
const CACHED_PREFIX_TOKENS = 384;

const REPLIES: Readonly<Record<TicketCategory, string>> = {
  refund: 'I have issued your refund; it will reach your card within 5 business days. Sorry for the trouble.',
  shipping: 'Your parcel is on its way; I have added a note to the carrier and will follow up tomorrow.',
  account: 'Your account is unlocked and the change is saved. You can sign in again now.',
  bug: 'Thanks for the report; our engineers are tracking it and I have linked your ticket to the fix.',
};

const estimateTokens = (text: string | null | undefined): number => Math.ceil((text?.length ?? 0) / 4);

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A scripted latency moved out of the margin just below a duration bucket's bound (15 % of
 * the bound, at most 25 ms: timer and scheduling slack), so that real timers rarely carry a
 * call into the next bucket. Never below `min`.
 */
export function clearOfBucketBounds(ms: number, min = 0): number {
  for (const bound of DURATION_BUCKETS_SECONDS) {
    const boundMs = bound * 1000;
    const below = boundMs - Math.min(25, boundMs * 0.15);
    if (ms > below && ms <= boundMs) return below >= min ? below : ms;
  }
  return ms;
}

/**
 * A deterministic stand-in for a chat model: no network, the same answers for the same
 * conversation, OpenAI-shaped responses whose `usage` the vitals read like a real one's.
 * It calls one tool per turn following the ticket's plan; a failed tool result is retried.
 */
export class ScriptedModel {
  readonly #seed: number;
  readonly #latency: readonly [number, number];
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #now: () => number;

  constructor(options: ScriptedModelOptions) {
    this.#seed = options.seed;
    this.#latency = options.latencyMs ?? [60, 260];
    this.#sleep = options.sleep ?? sleepFor;
    this.#now = options.now ?? (() => Math.floor(Date.now() / 1000));
  }

  async complete(request: ChatRequest): Promise<ChatCompletion> {
    const { metadata, messages } = request;
    const turn = messages.filter((m) => m.role === 'assistant').length;
    const random = createRandom(hashString(`${this.#seed}:${metadata.ticketId}:${turn}`));
    await this.#sleep(clearOfBucketBounds(random.int(this.#latency[0], this.#latency[1]), this.#latency[0]));

    const promptTokens =
      SYSTEM_PROMPT_TOKENS + messages.reduce((sum, m) => sum + estimateTokens(m.content) + 4, 0);
    const cachedTokens = turn > 0 ? CACHED_PREFIX_TOKENS : 0;
    const userText = messages.find((m) => m.role === 'user')?.content ?? '';
    if (turn === 0 && DELETION_REQUEST.test(userText)) {
      // A prompt-injected ticket talks the model into a destructive call: the tool policy must stop it.
      const toolCall: ToolCall = {
        id: `call_${metadata.ticketId}_${turn}`,
        type: 'function',
        function: {
          name: 'crm.delete_customer',
          arguments: JSON.stringify({ customerId: metadata.customerId, all: true }),
        },
      };
      return this.#response(
        request,
        turn,
        { toolCall, finish: 'tool_calls' },
        promptTokens,
        cachedTokens,
        30,
      );
    }

    const completed = messages.filter((m) => m.role === 'tool' && !m.content?.includes('"error"')).length;
    const plan = PLANS[metadata.category];
    const next = plan[completed];

    if (next === undefined) {
      const content = REPLIES[metadata.category];
      return this.#response(
        request,
        turn,
        { content, finish: 'stop' },
        promptTokens,
        cachedTokens,
        random.int(60, 140),
      );
    }
    const toolCall: ToolCall = {
      id: `call_${metadata.ticketId}_${turn}`,
      type: 'function',
      function: { name: next, arguments: JSON.stringify(argumentsFor(next, metadata)) },
    };
    return this.#response(
      request,
      turn,
      { toolCall, finish: 'tool_calls' },
      promptTokens,
      cachedTokens,
      random.int(18, 45),
    );
  }

  #response(
    request: ChatRequest,
    turn: number,
    output: { content?: string; toolCall?: ToolCall; finish: 'stop' | 'tool_calls' },
    promptTokens: number,
    cachedTokens: number,
    completionTokens: number,
  ): ChatCompletion {
    return {
      id: `chatcmpl-${request.metadata.ticketId}-${turn}`,
      object: 'chat.completion',
      created: this.#now(),
      model: request.model,
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: output.content ?? null,
            ...(output.toolCall ? { tool_calls: [output.toolCall] } : {}),
          },
          finish_reason: output.finish,
        },
      ],
      usage: {
        prompt_tokens: promptTokens,
        completion_tokens: completionTokens,
        total_tokens: promptTokens + completionTokens,
        prompt_tokens_details: { cached_tokens: cachedTokens },
      },
    };
  }
}

function argumentsFor(tool: string, metadata: ChatRequest['metadata']): Record<string, unknown> {
  switch (tool) {
    case 'crm.lookup_customer':
      return { customerId: metadata.customerId };
    case 'crm.order_history':
      return { customerId: metadata.customerId, limit: 5 };
    case 'billing.issue_refund':
      return { order: metadata.order ?? 'unknown', amountUsd: metadata.refundAmountUsd ?? 0 };
    case 'kb.search':
      return { query: `${metadata.category} troubleshooting` };
    default:
      return { ticketId: metadata.ticketId, status: 'resolved' };
  }
}
