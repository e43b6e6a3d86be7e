// A scripted OpenAI-compatible server on 127.0.0.1 (port 0) for framework tests: serves the
// Chat Completions and Responses APIs, as JSON or as SSE (with usage), from a script.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readJsonBody } from './read-json-body.js';

/** A request as the script sees it, the same for both APIs. */
export interface ScriptedRequest {
  readonly api: 'responses' | 'chat';
  readonly model: string;
  readonly stream: boolean;
  /** The text of every user message, in order. */
  readonly userText: string;
  /** Outputs of the tool calls answered so far in this conversation, in order. */
  readonly toolResults: readonly string[];
  readonly body: Record<string, unknown>;
}

export interface ScriptedToolCall {
  readonly name: string;
  readonly arguments: Record<string, unknown>;
}

/** One model turn: tool calls, or a final text; with the usage to report. */
export interface ScriptedTurn {
  readonly text?: string;
  readonly toolCalls?: readonly ScriptedToolCall[];
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** The part of `inputTokens` served from the prompt cache; default 0. */
  readonly cachedInputTokens?: number;
  /** The model the response reports; default `${requested}-2024-07-18` (a dated id). */
  readonly responseModel?: string;
  /** Answer with this HTTP status and an error body instead. */
  readonly status?: number;
}

export type Script = (request: ScriptedRequest) => ScriptedTurn;

export interface ScriptedOpenAIServer {
  /** e.g. http://127.0.0.1:41234/v1 */
  readonly baseURL: string;
  readonly requests: ScriptedRequest[];
  close(): Promise<void>;
}

const textOf = (content: unknown): string => {
  if (typeof content === 'string') return content;
  if (Array.isArray(content))
    return content.map((part) => (typeof part?.text === 'string' ? part.text : '')).join('');
  return '';
};

function parseRequest(api: 'responses' | 'chat', body: Record<string, unknown>): ScriptedRequest {
  const user: string[] = [];
  const toolResults: string[] = [];
  if (api === 'responses') {
    const input = body.input;
    if (typeof input === 'string') user.push(input);
    else if (Array.isArray(input)) {
      for (const item of input) {
        if (item?.type === 'function_call_output') toolResults.push(textOf(item.output));
        else if (item?.role === 'user') user.push(textOf(item.content));
      }
    }
  } else {
    for (const message of (body.messages as Array<Record<string, unknown>>) ?? []) {
      if (message.role === 'tool') toolResults.push(textOf(message.content));
      else if (message.role === 'user') user.push(textOf(message.content));
    }
  }
  return {
    api,
    model: String(body.model ?? ''),
    stream: body.stream === true,
    userText: user.join('\n'),
    toolResults,
    body,
  };
}

let sequence = 0;
const nextId = (prefix: string) => `${prefix}_${(++sequence).toString(36)}`;

function responsesBody(request: ScriptedRequest, turn: ScriptedTurn) {
  const output: Record<string, unknown>[] = [];
  for (const call of turn.toolCalls ?? []) {
    output.push({
      type: 'function_call',
      id: nextId('fc'),
      call_id: nextId('call'),
      name: call.name,
      arguments: JSON.stringify(call.arguments),
      status: 'completed',
    });
  }
  if (turn.text !== undefined) {
    output.push({
      type: 'message',
      id: nextId('msg'),
      role: 'assistant',
      status: 'completed',
      content: [{ type: 'output_text', text: turn.text, annotations: [] }],
    });
  }
  return {
    id: nextId('resp'),
    object: 'response',
    created_at: Math.floor(Date.now() / 1000),
    status: 'completed',
    model: turn.responseModel ?? `${request.model}-2024-07-18`,
    output,
    parallel_tool_calls: true,
    tool_choice: 'auto',
    tools: [],
    usage: {
      input_tokens: turn.inputTokens,
      output_tokens: turn.outputTokens,
      total_tokens: turn.inputTokens + turn.outputTokens,
      input_tokens_details: { cached_tokens: turn.cachedInputTokens ?? 0 },
      output_tokens_details: { reasoning_tokens: 0 },
    },
  };
}

function chatBody(request: ScriptedRequest, turn: ScriptedTurn) {
  const toolCalls = (turn.toolCalls ?? []).map((call) => ({
    id: nextId('call'),
    type: 'function',
    function: { name: call.name, arguments: JSON.stringify(call.arguments) },
  }));
  return {
    id: nextId('chatcmpl'),
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: turn.responseModel ?? `${request.model}-2024-07-18`,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: turn.text ?? null,
          ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
        },
        finish_reason: toolCalls.length > 0 ? 'tool_calls' : 'stop',
      },
    ],
    usage: {
      prompt_tokens: turn.inputTokens,
      completion_tokens: turn.outputTokens,
      total_tokens: turn.inputTokens + turn.outputTokens,
      prompt_tokens_details: { cached_tokens: turn.cachedInputTokens ?? 0 },
    },
  };
}

function sse(response: ServerResponse, events: readonly unknown[], done: boolean) {
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  for (const event of events) {
    const type = (event as { type?: unknown }).type;
    if (typeof type === 'string' && !done) response.write(`event: ${type}\n`);
    response.write(`data: ${JSON.stringify(event)}\n\n`);
  }
  if (done) response.write('data: [DONE]\n\n');
  response.end();
}

function responsesEvents(body: ReturnType<typeof responsesBody>) {
  const events: Record<string, unknown>[] = [];
  let sequenceNumber = 0;
  const push = (event: Record<string, unknown>) =>
    events.push({ ...event, sequence_number: sequenceNumber++ });
  push({ type: 'response.created', response: { ...body, status: 'in_progress', output: [], usage: null } });
  body.output.forEach((item, index) => {
    const message = item as { type: string; id: string; content?: Array<{ text: string }> };
    push({
      type: 'response.output_item.added',
      output_index: index,
      item: { ...item, status: 'in_progress' },
    });
    if (message.type === 'message') {
      for (const word of (message.content?.[0]?.text ?? '').split(/(?<= )/)) {
        push({
          type: 'response.output_text.delta',
          item_id: message.id,
          output_index: index,
          content_index: 0,
          delta: word,
        });
      }
    }
    push({ type: 'response.output_item.done', output_index: index, item });
  });
  push({ type: 'response.completed', response: body });
  return events;
}

function chatChunks(body: ReturnType<typeof chatBody>) {
  const base = { id: body.id, object: 'chat.completion.chunk', created: body.created, model: body.model };
  const message = body.choices[0]!.message;
  const chunks: Record<string, unknown>[] = [
    { ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] },
  ];
  for (const word of (message.content ?? '').split(/(?<= )/).filter(Boolean)) {
    chunks.push({ ...base, choices: [{ index: 0, delta: { content: word }, finish_reason: null }] });
  }
  (message.tool_calls ?? []).forEach((call, index) => {
    chunks.push({
      ...base,
      choices: [{ index: 0, delta: { tool_calls: [{ index, ...call }] }, finish_reason: null }],
    });
  });
  chunks.push({ ...base, choices: [{ index: 0, delta: {}, finish_reason: body.choices[0]!.finish_reason }] });
  // The last chunk carries the usage and no choices (stream_options.include_usage).
  chunks.push({ ...base, choices: [], usage: body.usage });
  return chunks;
}

/** Starts the server; every request is answered by `script`. */
export async function startScriptedOpenAIServer(script: Script): Promise<ScriptedOpenAIServer> {
  const requests: ScriptedRequest[] = [];
  const server = createServer(async (request, response) => {
    try {
      const url = request.url ?? '';
      const api = url.endsWith('/responses')
        ? 'responses'
        : url.endsWith('/chat/completions')
          ? 'chat'
          : undefined;
      if (request.method !== 'POST' || api === undefined) {
        response.writeHead(404, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: { message: `no route ${request.method} ${url}` } }));
        return;
      }
      const parsed = parseRequest(api, await readJsonBody(request));
      requests.push(parsed);
      const turn = script(parsed);
      if (turn.status !== undefined) {
        response.writeHead(turn.status, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: { message: 'scripted failure', type: 'server_error' } }));
        return;
      }
      if (api === 'responses') {
        const body = responsesBody(parsed, turn);
        if (parsed.stream) sse(response, responsesEvents(body), false);
        else {
          response.writeHead(200, { 'content-type': 'application/json' });
          response.end(JSON.stringify(body));
        }
      } else {
        const body = chatBody(parsed, turn);
        if (parsed.stream) sse(response, chatChunks(body), true);
        else {
          response.writeHead(200, { 'content-type': 'application/json' });
          response.end(JSON.stringify(body));
        }
      }
    } catch (error) {
      response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { message: String(error) } }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
