import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One message of an OpenAI Chat Completions request, as the model server receives it. */
export interface ChatMessage {
  readonly role: string;
  readonly content?: unknown;
  readonly tool_calls?: readonly { id: string; function: { name: string; arguments: string } }[];
  readonly tool_call_id?: string;
}

/** What the scripted model answers: text, or tool calls (name and arguments object). */
export type ScriptedReply = (
  | { readonly text: string }
  | { readonly toolCalls: readonly { readonly name: string; readonly arguments: object }[] }
) & {
  /** Token usage reported for this reply; `USAGE` by default. */
  readonly usage?: { readonly prompt_tokens: number; readonly completion_tokens: number };
};

/** Decides the next reply from the whole conversation (OpenClaw appends a user message after tool results). */
export type Script = (messages: readonly ChatMessage[]) => ScriptedReply;

export interface ScriptedModelServer {
  /** Base URL for an OpenAI-compatible provider, e.g. http://127.0.0.1:40123/v1. */
  readonly baseUrl: string;
  /** Every request body received, in order. */
  readonly requests: { readonly messages: readonly ChatMessage[]; readonly stream: boolean }[];
  close(): Promise<void>;
}

export const USAGE = { prompt_tokens: 1000, completion_tokens: 200 } as const;

/** The text of a message's content (a string or an array of text parts). */
export function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content.map((part) => (typeof part?.text === 'string' ? (part.text as string) : '')).join('');
  }
  return '';
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
}

function toolCallsOf(reply: ScriptedReply, turn: number) {
  if (!('toolCalls' in reply)) return undefined;
  return reply.toolCalls.map((call, index) => ({
    index,
    id: `call_${turn}_${index}`,
    type: 'function',
    function: { name: call.name, arguments: JSON.stringify(call.arguments) },
  }));
}

function send(response: ServerResponse, reply: ScriptedReply, stream: boolean, turn: number, model: string) {
  const toolCalls = toolCallsOf(reply, turn);
  const content = 'text' in reply ? reply.text : null;
  const finish = toolCalls ? 'tool_calls' : 'stop';
  const counts = reply.usage ?? USAGE;
  const usage = { ...counts, total_tokens: counts.prompt_tokens + counts.completion_tokens };
  const id = `chatcmpl-${turn}`;
  const created = Math.floor(Date.now() / 1000);
  if (!stream) {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify({
        id,
        object: 'chat.completion',
        created,
        model,
        choices: [
          { index: 0, message: { role: 'assistant', content, tool_calls: toolCalls }, finish_reason: finish },
        ],
        usage,
      }),
    );
    return;
  }
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const chunk = (delta: object, finishReason: string | null, extra: object = {}) =>
    response.write(
      `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [{ index: 0, delta, finish_reason: finishReason }], ...extra })}\n\n`,
    );
  chunk({ role: 'assistant', content: toolCalls ? null : content }, null);
  if (toolCalls) chunk({ tool_calls: toolCalls }, null);
  chunk({}, finish);
  response.write(
    `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [], usage })}\n\n`,
  );
  response.end('data: [DONE]\n\n');
}

/** An OpenAI-compatible Chat Completions server on 127.0.0.1 that answers from a script. */
export async function startScriptedModelServer(script: Script): Promise<ScriptedModelServer> {
  const requests: { messages: readonly ChatMessage[]; stream: boolean }[] = [];
  let turn = 0;
  const server = createServer((request, response) => {
    const path = (request.url ?? '').split('?')[0];
    if (request.method === 'GET' && path?.endsWith('/models')) {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ object: 'list', data: [{ id: 'scripted', object: 'model' }] }));
      return;
    }
    if (request.method !== 'POST' || !path?.endsWith('/chat/completions')) {
      response.writeHead(404).end();
      return;
    }
    readJson(request)
      .then((body) => {
        const messages = (body.messages ?? []) as ChatMessage[];
        const stream = body.stream === true;
        requests.push({ messages, stream });
        turn += 1;
        let reply: ScriptedReply;
        try {
          reply = script(messages);
        } catch (error) {
          reply = { text: `script failed: ${(error as Error).message}` };
        }
        send(response, reply, stream, turn, String(body.model ?? 'scripted'));
      })
      .catch(() => response.writeHead(400).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
