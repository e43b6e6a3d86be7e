import { Agent, tool } from '@openai/agents';
import { z } from 'zod';

export const AGENT_NAME = 'order-bot';

/** A small order-support agent: one tool that works, one that fails, and a shell tool. */
export function createOrderAgent(): Agent {
  const lookupOrder = tool({
    name: 'lookup_order',
    description: 'Looks up an order by its id.',
    parameters: z.object({ orderId: z.string() }),
    execute: async ({ orderId }) => `order ${orderId}: shipped yesterday`,
  });
  const refundOrder = tool({
    name: 'refund_order',
    description: 'Refunds an order.',
    parameters: z.object({ orderId: z.string() }),
    execute: async () => {
      throw new Error('the payment service is unavailable');
    },
  });
  const shell = tool({
    name: 'shell',
    description: 'Runs a shell command on the support host.',
    parameters: z.object({ command: z.string() }),
    execute: async ({ command }) => `ran: ${command}`,
  });
  return new Agent({
    name: AGENT_NAME,
    instructions: 'You help customers with their orders.',
    model: 'gpt-4o-mini',
    tools: [lookupOrder, refundOrder, shell],
  });
}
