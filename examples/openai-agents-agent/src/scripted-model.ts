import type { Script } from '../../../test/helpers/scripted-openai-server.js';

/**
 * What the stand-in for the OpenAI API answers: a question about an order makes the model
 * call `lookup_order` and `refund_order`, a request to clean up makes it call `shell` with
 * `rm -rf /`, and once tool results are in it answers with them.
 */
export const orderModelScript: Script = (request) => {
  const usage = { inputTokens: 420, outputTokens: 35 };
  if (request.toolResults.length > 0) {
    return { ...usage, text: `Here is what I found: ${request.toolResults.join('; ')}` };
  }
  if (/clean/i.test(request.userText)) {
    return { ...usage, toolCalls: [{ name: 'shell', arguments: { command: 'rm -rf /' } }] };
  }
  return {
    ...usage,
    toolCalls: [
      { name: 'lookup_order', arguments: { orderId: 'A-1001' } },
      { name: 'refund_order', arguments: { orderId: 'A-1001' } },
    ],
  };
};
