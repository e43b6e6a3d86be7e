// A scripted Anthropic-compatible server on 127.0.0.1 (port 0) for client tests: serves the
// Messages API (POST /v1/messages) as JSON or as SSE in Anthropic's wire format
// (message_start, content_block_start/delta/stop, ping, message_delta, message_stop), from a script.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readJsonBody } from './read-json-body.js';

/** A request as the script sees it. */
export interface ScriptedMessagesRequest {
  readonly model: string;
  readonly stream: boolean;
  /** The text of every user message, in order (tool results left out). */
  readonly userText: string;
  /** The content of the tool_result blocks sent so far in this conversation, in order. */
  readonly toolResults: readonly string[];
  readonly body: Record<string, unknown>;
}

export interface ScriptedToolUse {
  readonly name: string;
  readonly input: Record<string, unknown>;
}

/** One model turn: text and/or tool_use blocks, with the usage to report as Anthropic does. */
export interface ScriptedMessagesTurn {
  readonly text?: string;
  readonly toolUses?: readonly ScriptedToolUse[];
  /** Input tokens neither read from nor written to the cache (Anthropic's `input_tokens`). */
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cacheReadInputTokens?: number;
  readonly cacheCreationInputTokens?: number;
  /**
   * What message_delta's usage carries: the final `output_tokens` only (default), or every
   * count, cumulative, as the API now sends them.
   */
  readonly deltaUsage?: 'output' | 'cumulative';
  /** The model the response reports; default `${requested}-20250929` (a dated id). */
  readonly responseModel?: string;
  /** Answer with this HTTP status and an Anthropic error body instead. */
  readonly status?: number;
  /** The error body's message; default `scripted failure`. */
  readonly errorMessage?: string;
}

export type MessagesScript = (request: ScriptedMessagesRequest) => ScriptedMessagesTurn;

export interface ScriptedAnthropicServer {
  /** e.g. http://127.0.0.1:41234 (the client adds /v1/messages). */
  readonly baseURL: string;
  readonly requests: ScriptedMessagesRequest[];
  close(): Promise<void>;
}

type Block = Record<string, unknown>;

const textOf = (content: unknown): string => {
  if (typeof content === 'string') return content;
  if (Array.isArray(content))
    return content.map((part) => (typeof part?.text === 'string' ? part.text : '')).join('');
  return '';
};

function parseRequest(body: Record<string, unknown>): ScriptedMessagesRequest {
  const user: string[] = [];
  const toolResults: string[] = [];
  for (const message of (body.messages as Array<Record<string, unknown>>) ?? []) {
    if (message.role !== 'user') continue;
    const content = message.content;
    if (Array.isArray(content)) {
      for (const block of content as Block[]) {
        if (block.type === 'tool_result') toolResults.push(textOf(block.content));
        else if (block.type === 'text') user.push(String(block.text));
      }
    } else user.push(textOf(content));
  }
  return {
    model: String(body.model ?? ''),
    stream: body.stream === true,
    userText: user.join('\n'),
    toolResults,
    body,
  };
}

let sequence = 0;
const nextId = (prefix: string) => `${prefix}_${(++sequence).toString(36).padStart(6, '0')}`;

function messageBody(request: ScriptedMessagesRequest, turn: ScriptedMessagesTurn) {
  const content: Block[] = [];
  if (turn.text !== undefined) content.push({ type: 'text', text: turn.text });
  for (const use of turn.toolUses ?? []) {
    content.push({ type: 'tool_use', id: nextId('toolu'), name: use.name, input: use.input });
  }
  return {
    id: nextId('msg'),
    type: 'message',
    role: 'assistant',
    model: turn.responseModel ?? `${request.model}-20250929`,
    content,
    stop_reason: (turn.toolUses ?? []).length > 0 ? 'tool_use' : 'end_turn',
    stop_sequence: null,
    usage: {
      input_tokens: turn.inputTokens,
      cache_creation_input_tokens: turn.cacheCreationInputTokens ?? 0,
      cache_read_input_tokens: turn.cacheReadInputTokens ?? 0,
      cache_creation: {
        ephemeral_5m_input_tokens: turn.cacheCreationInputTokens ?? 0,
        ephemeral_1h_input_tokens: 0,
      },
      output_tokens: turn.outputTokens,
      service_tier: 'standard',
    },
  };
}

/** The SSE events of one message: input and cache counts in message_start, the final output count in message_delta. */
function messageEvents(body: ReturnType<typeof messageBody>, turn: ScriptedMessagesTurn): Block[] {
  const events: Block[] = [
    {
      type: 'message_start',
      message: {
        ...body,
        content: [],
        stop_reason: null,
        // As the API does: message_start carries the input counts and a provisional output count.
        usage: { ...body.usage, output_tokens: 1 },
      },
    },
    { type: 'ping' },
  ];
  body.content.forEach((block, index) => {
    if (block.type === 'text') {
      events.push({ type: 'content_block_start', index, content_block: { type: 'text', text: '' } });
      for (const word of String(block.text).split(/(?<= )/)) {
        events.push({ type: 'content_block_delta', index, delta: { type: 'text_delta', text: word } });
      }
    } else {
      events.push({ type: 'content_block_start', index, content_block: { ...block, input: {} } });
      const json = JSON.stringify(block.input);
      const middle = Math.floor(json.length / 2);
      for (const partial of [json.slice(0, middle), json.slice(middle)]) {
        events.push({
          type: 'content_block_delta',
          index,
          delta: { type: 'input_json_delta', partial_json: partial },
        });
      }
    }
    events.push({ type: 'content_block_stop', index });
  });
  events.push({
    type: 'message_delta',
    delta: { stop_reason: body.stop_reason, stop_sequence: null },
    usage:
      turn.deltaUsage === 'cumulative'
        ? {
            input_tokens: body.usage.input_tokens,
            cache_creation_input_tokens: body.usage.cache_creation_input_tokens,
            cache_read_input_tokens: body.usage.cache_read_input_tokens,
            output_tokens: body.usage.output_tokens,
          }
        : { output_tokens: body.usage.output_tokens },
  });
  events.push({ type: 'message_stop' });
  return events;
}

function sse(response: ServerResponse, events: readonly Block[]) {
  response.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    'request-id': nextId('req'),
  });
  for (const event of events)
    response.write(`event: ${String(event.type)}\ndata: ${JSON.stringify(event)}\n\n`);
  response.end();
}

const ERROR_TYPES: Readonly<Record<number, string>> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  429: 'rate_limit_error',
  500: 'api_error',
  529: 'overloaded_error',
};

/** Starts the server; every request is answered by `script`. */
export async function startScriptedAnthropicServer(script: MessagesScript): Promise<ScriptedAnthropicServer> {
  const requests: ScriptedMessagesRequest[] = [];
  const server = createServer(async (request, response) => {
    try {
      const url = request.url ?? '';
      if (request.method !== 'POST' || !url.startsWith('/v1/messages')) {
        response.writeHead(404, { 'content-type': 'application/json' });
        response.end(
          JSON.stringify({
            type: 'error',
            error: { type: 'not_found_error', message: `no route ${request.method} ${url}` },
          }),
        );
        return;
      }
      const parsed = parseRequest(await readJsonBody(request));
      requests.push(parsed);
      const turn = script(parsed);
      if (turn.status !== undefined) {
        response.writeHead(turn.status, { 'content-type': 'application/json', 'request-id': nextId('req') });
        response.end(
          JSON.stringify({
            type: 'error',
            error: {
              type: ERROR_TYPES[turn.status] ?? 'api_error',
              message: turn.errorMessage ?? 'scripted failure',
            },
          }),
        );
        return;
      }
      const body = messageBody(parsed, turn);
      if (parsed.stream) sse(response, messageEvents(body, turn));
      else {
        response.writeHead(200, { 'content-type': 'application/json', 'request-id': nextId('req') });
        response.end(JSON.stringify(body));
      }
    } catch (error) {
      response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ type: 'error', error: { type: 'api_error', message: String(error) } }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
