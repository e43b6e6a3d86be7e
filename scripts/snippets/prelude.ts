/**
 * The stand-ins the documentation's examples assume: an agent, a ticket, a model client and a
 * few tools, all in-process (no network, nothing executed). `scripts/check-snippets.ts`
 * loads this before every snippet, so a snippet uses them as a reader's own code would.
 */
import { createVitals, type Vitals } from '@agentvitals/core';
import { expect as vitestExpect } from 'vitest';

export interface DocsTicket {
  readonly id: string;
  readonly subject: string;
  readonly body: string;
}

export interface DocsMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string | null;
  tool_call_id?: string;
  tool_calls?: DocsToolCall[];
}

export interface DocsToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export interface DocsCompletion {
  id: string;
  model: string;
  choices: Array<{ index: number; message: DocsMessage; finish_reason: string }>;
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
}

export interface DocsChatRequest {
  model: string;
  messages: DocsMessage[];
  tools?: unknown[];
  max_tokens?: number;
}

/** A Chat Completions client that answers in-process: a tool call first when tools are offered, then text. */
function createChatClient() {
  let counter = 0;
  return {
    chat: {
      completions: {
        async create(body: DocsChatRequest): Promise<DocsCompletion> {
          counter++;
          const toolAnswered = body.messages.some((message) => message.role === 'tool');
          const callTool = Array.isArray(body.tools) && body.tools.length > 0 && !toolAnswered;
          const message: DocsMessage = callTool
            ? {
                role: 'assistant',
                content: null,
                tool_calls: [
                  {
                    id: `call_${counter}`,
                    type: 'function',
                    function: { name: 'get_order', arguments: JSON.stringify({ orderId: 'A-1' }) },
                  },
                ],
              }
            : { role: 'assistant', content: 'Your refund is on its way.' };
          return {
            id: `chatcmpl-${counter}`,
            model: `${body.model}-2024-07-18`,
            choices: [{ index: 0, message, finish_reason: callTool ? 'tool_calls' : 'stop' }],
            usage: { prompt_tokens: 120, completion_tokens: 18, total_tokens: 138 },
          };
        },
      },
    },
  };
}

const chatClient = createChatClient();

declare global {
  type Ticket = DocsTicket;
  type Message = DocsMessage;
  /** An OpenAI-style client answering in-process. */
  var openai: ReturnType<typeof createChatClient>;
  var client: ReturnType<typeof createChatClient>;
  /** A chat request for `openai.chat.completions.create`. */
  var request: DocsChatRequest;
  var ticket: Ticket;
  /** An agent object with a run method, a reasoning method and tools. */
  var myAgent: {
    tools: { 'kb.search': (query: string) => Promise<string[]> };
    think(messages: Message[]): Promise<DocsCompletion>;
    run(ticket: Ticket): Promise<string>;
  };
  var handle: (ticket: Ticket) => Promise<string>;
  var searchKnowledgeBase: (query: string | null) => Promise<string[]>;
  var kb: { search(query: string): Promise<string[]> };
  var payments: { refund(orderId: string): Promise<{ refunded: boolean }> };
  var toMessages: (ticket: Ticket, articles: readonly string[]) => Message[];
  /** A stand-in shell tool: it never executes anything, it reports what it was given. */
  var runShell: (command: string) => Promise<string>;
  var getOrder: (args: { orderId: string }) => Promise<{ orderId: string; status: string }>;
  var tools: unknown[];
  var vitals: Vitals;
  var expect: typeof vitestExpect;
}

const articles = async (query: string | null) => [`How to: ${query ?? ''}`];

globalThis.openai = chatClient;
globalThis.client = chatClient;
globalThis.request = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Where is my refund?' }] };
globalThis.ticket = { id: 'T-0001', subject: 'Refund', body: 'Where is my refund?' };
globalThis.searchKnowledgeBase = articles;
globalThis.kb = { search: articles };
globalThis.payments = { refund: async () => ({ refunded: true }) };
globalThis.toMessages = (t, found) => [
  { role: 'system', content: `Articles: ${found.join('; ')}` },
  { role: 'user', content: t.body },
];
globalThis.runShell = async (command) => `would run: ${command}`;
globalThis.getOrder = async ({ orderId }) => ({ orderId, status: 'shipped' });
globalThis.tools = [{ type: 'function', function: { name: 'get_order', parameters: { type: 'object' } } }];
globalThis.handle = async (t) => `handled ${t.id}`;
globalThis.myAgent = {
  tools: { 'kb.search': articles },
  async think(messages) {
    return chatClient.chat.completions.create({ model: 'gpt-4o-mini', messages });
  },
  async run(t) {
    const found = await this.tools['kb.search'](t.subject);
    const reply = await this.think(toMessages(t, found));
    return reply.choices[0]?.message.content ?? '';
  },
};
globalThis.vitals = createVitals({ agentName: 'docs-example' });
globalThis.expect = vitestExpect;
