import { vitalsAgent } from '@agentvitals/ai-sdk';
import type { Guard, Vitals } from '@agentvitals/core';
import { ToolLoopAgent, type ToolSet, tool } from 'ai';
import { z } from 'zod';
import { scriptedModel } from './model.js';

/** An order-support agent as AI SDK users build it, plus the one line that records it. */
export function createSupportAgent(vitals: Vitals, guard: Guard): ToolLoopAgent<never, ToolSet> {
  const tools: ToolSet = {
    lookupOrder: tool({
      description: 'Looks an order up',
      inputSchema: z.object({ orderId: z.string() }),
      execute: async ({ orderId }) => ({ orderId, status: 'shipped' }),
    }),
    carrierStatus: tool({
      description: "Reads the carrier's tracking page",
      inputSchema: z.object({ orderId: z.string() }),
      execute: async (): Promise<string> => {
        throw new Error('carrier page unavailable');
      },
    }),
    shell: tool({
      description: 'Runs a shell command on the support host',
      inputSchema: z.object({ command: z.string() }),
      execute: async () => 'done',
    }),
  };
  const agent = new ToolLoopAgent({
    id: 'order-support',
    model: scriptedModel(),
    instructions: 'You answer questions about orders.',
    tools,
  });
  return vitalsAgent(agent, { vitals, guard });
}
