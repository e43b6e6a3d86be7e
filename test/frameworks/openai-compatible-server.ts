// A scripted OpenAI-compatible Chat Completions server on 127.0.0.1 (port 0): each request is
// answered with the next step of a script, as JSON or as SSE with a final usage chunk.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Step } from './scripted-model.js';

export const SERVER_RESPONSE_MODEL = 'gpt-4o-mini-2024-07-18';

export interface ScriptedServer {
  readonly url: string;
  readonly requests: unknown[];
  close(): Promise<void>;
}

async function bodyOf(request: IncomingMessage): Promise<Record<string, any>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

function messageOf(step: Step, index: number) {
  return 'toolCall' in step
    ? {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: `call_${index}`,
            type: 'function',
            function: { name: step.toolCall.name, arguments: JSON.stringify(step.toolCall.input) },
          },
        ],
      }
    : { role: 'assistant', content: step.text };
}

export async function startScriptedServer(script: readonly Step[]): Promise<ScriptedServer> {
  const requests: unknown[] = [];
  const server: Server = createServer(async (request, response) => {
    const body = await bodyOf(request);
    requests.push(body);
    const index = (body.messages as { role: string }[]).filter(
      (message) => message.role === 'assistant',
    ).length;
    const step = script[Math.min(index, script.length - 1)]!;
    const [input, output] = step.usage ?? [100, 10];
    const usage = { prompt_tokens: input, completion_tokens: output, total_tokens: input + output };
    const finishReason = 'toolCall' in step ? 'tool_calls' : 'stop';
    const base = { id: `chatcmpl-${index}`, created: 0, model: SERVER_RESPONSE_MODEL };
    if (!body.stream) {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          ...base,
          object: 'chat.completion',
          choices: [{ index: 0, message: messageOf(step, index), finish_reason: finishReason }],
          usage,
        }),
      );
      return;
    }
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    const send = (chunk: unknown) => response.write(`data: ${JSON.stringify(chunk)}\n\n`);
    const chunk = (delta: unknown, finish: string | null = null) => ({
      ...base,
      object: 'chat.completion.chunk',
      choices: [{ index: 0, delta, finish_reason: finish }],
    });
    const message = messageOf(step, index);
    if ('tool_calls' in message) {
      send(
        chunk({
          role: 'assistant',
          tool_calls: message.tool_calls!.map((call, at) => ({ index: at, ...call })),
        }),
      );
    } else {
      send(chunk({ role: 'assistant', content: '' }));
      for (const word of String(message.content).split(/(?= )/)) send(chunk({ content: word }));
    }
    send(chunk({}, finishReason));
    send({ ...base, object: 'chat.completion.chunk', choices: [], usage });
    response.end('data: [DONE]\n\n');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
