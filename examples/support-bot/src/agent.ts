import {
  analyzeSentiment,
  type Escalation,
  isCircuitOpenError,
  isPolicyDeniedError,
  type Vitals,
} from '@agentvitals/core';
import {
  DEFAULT_SLA_RULES,
  ESCALATION_REASONS,
  isAngry,
  refundNeedsApproval,
  type SlaRules,
} from './escalation-rules.js';
import type { ChatCompletion, ChatMessage, ChatRequest, ScriptedModel, ToolCall } from './model.js';
import type { Ticket } from './tickets.js';
import type { SupportTools } from './tools.js';

export const SYSTEM_PROMPT =
  'You are the support agent of an online shop. Use the CRM, knowledge base, billing and ticketing tools; be brief and kind.';

/** A key-shaped string in the agent's notes: redaction must remove it before a thought leaves the process. */
export const DEMO_CRM_KEY = 'sk-proj-DEMOcrmKEY0000notREAL1111forREDACTIONdemo';

/** How a ticket ended. */
export interface TicketOutcome {
  readonly ticketId: string;
  readonly status: 'resolved' | 'escalated';
  readonly escalations: readonly string[];
  readonly turns: number;
}

export interface SupportAgentOptions {
  readonly vitals: Vitals;
  readonly model: ScriptedModel;
  readonly tools: SupportTools;
  /** A real current model name, so the pricing table applies. */
  readonly modelName?: string;
  readonly rules?: SlaRules;
  /** Most model turns per ticket; default 10. */
  readonly maxTurns?: number;
}

type ToolFunction = (args: Record<string, unknown>) => Promise<unknown>;

export class UnknownToolError extends Error {
  override readonly name = 'UnknownToolError';
}

/**
 * The support agent: reads a ticket, lets the model drive tool calls turn by turn, and
 * escalates on the SLA rules. It is a plain object: `wrap()` turns `handle` into runs,
 * `think` into reasoning calls and `callTool` into tool calls; sentiment, thoughts and
 * escalations go through the vitals API directly.
 */
export class SupportAgent {
  private readonly vitals: Vitals;
  private readonly model: ScriptedModel;
  private readonly toolbox: SupportTools;
  private readonly modelName: string;
  private readonly rules: SlaRules;
  private readonly maxTurns: number;
  /** Refund escalations waiting for the manager's approval. */
  private readonly pendingApprovals: Escalation[] = [];

  constructor(options: SupportAgentOptions) {
    this.vitals = options.vitals;
    this.model = options.model;
    this.toolbox = options.tools;
    this.modelName = options.modelName ?? 'gpt-4o-mini';
    this.rules = options.rules ?? DEFAULT_SLA_RULES;
    this.maxTurns = options.maxTurns ?? 10;
  }

  /** The on-call manager approves every refund waiting for approval; returns how many. */
  approvePendingRefunds(): number {
    const approved = this.pendingApprovals.splice(0);
    for (const escalation of approved) escalation.resolve();
    return approved.length;
  }

  /** Handles one ticket: a run under `wrap()` (`invoke_agent` span, `agent.runs`). */
  async handle(ticket: Ticket): Promise<TicketOutcome> {
    const vitals = this.vitals;
    const escalations: Escalation[] = [];
    const escalate = (reason: string) => escalations.push(vitals.escalate(reason));

    const message = `${ticket.subject}. ${ticket.body}`;
    const mood = analyzeSentiment(message);
    vitals.sentiment(mood);
    vitals.thought(
      () =>
        `Ticket ${ticket.id} from ${ticket.customerEmail} (${ticket.customerId}): ${ticket.category}, mood ${mood.toFixed(2)}.` +
        (ticket.category === 'account' ? ` Will query the CRM with key ${DEMO_CRM_KEY}.` : ''),
    );
    if (isAngry(mood, this.rules)) escalate(ESCALATION_REASONS.angryCustomer);

    const messages: ChatMessage[] = [
      { role: 'system', content: SYSTEM_PROMPT },
      { role: 'user', content: message },
    ];
    const failures = new Map<string, number>();
    let turns = 0;
    let handedOver = false;
    while (turns < this.maxTurns && !handedOver) {
      turns++;
      const completion = await this.think({
        model: this.modelName,
        messages: [...messages],
        metadata: {
          ticketId: ticket.id,
          category: ticket.category,
          customerId: ticket.customerId,
          order: ticket.order,
          ...(ticket.refundAmountUsd !== undefined ? { refundAmountUsd: ticket.refundAmountUsd } : {}),
        },
      });
      const reply = completion.choices[0]?.message;
      if (!reply?.tool_calls?.length) break;
      messages.push({ role: 'assistant', content: reply.content, tool_calls: reply.tool_calls });
      for (const call of reply.tool_calls) {
        const result = await this.useToolCall(ticket, call, escalate);
        messages.push({ role: 'tool', tool_call_id: call.id, content: JSON.stringify(result.content) });
        if (result.failed) {
          const count = (failures.get(call.function.name) ?? 0) + 1;
          failures.set(call.function.name, count);
          if (count >= this.rules.maxToolFailures) {
            vitals.thought(
              `Ticket ${ticket.id}: ${call.function.name} failed ${count} times; handing over to a human.`,
            );
            escalate(ESCALATION_REASONS.toolFailure);
            handedOver = true;
          }
        }
      }
    }

    // Refunds over the limit wait for the on-call manager, who approves them in one batch.
    for (const escalation of escalations) {
      if (escalation.reason === ESCALATION_REASONS.refundOverLimit) this.pendingApprovals.push(escalation);
    }
    return {
      ticketId: ticket.id,
      status: escalations.length > 0 ? 'escalated' : 'resolved',
      escalations: escalations.map((escalation) => escalation.reason),
      turns,
    };
  }

  /** One model call: a reasoning call under `wrap()` (`chat` span, latency, usage and cost from the response). */
  think(request: ChatRequest): Promise<ChatCompletion> {
    return this.model.complete(request);
  }

  /** Runs the tool `name`: a tool call under `wrap()` (`execute_tool` span, outcome, an action), checked by the guard first. */
  async callTool(name: string, args: Record<string, unknown>): Promise<unknown> {
    const tool = (this.toolbox as unknown as Record<string, ToolFunction | undefined>)[name];
    if (tool === undefined) throw new UnknownToolError(`no tool named ${name}`);
    return tool.call(this.toolbox, args);
  }

  private async useToolCall(
    ticket: Ticket,
    call: ToolCall,
    escalate: (reason: string) => void,
  ): Promise<{ content: unknown; failed: boolean }> {
    const name = call.function.name;
    const args = JSON.parse(call.function.arguments) as Record<string, unknown>;
    if (name === 'billing.issue_refund' && refundNeedsApproval(Number(args.amountUsd), this.rules)) {
      this.vitals.thought(
        `Ticket ${ticket.id}: refund of $${args.amountUsd} is above the limit; asking a manager.`,
      );
      escalate(ESCALATION_REASONS.refundOverLimit);
      return { content: { status: 'pending_approval' }, failed: false };
    }
    try {
      return { content: await this.callTool(name, args), failed: false };
    } catch (error) {
      if (isCircuitOpenError(error)) throw error;
      if (isPolicyDeniedError(error)) {
        this.vitals.thought(`Ticket ${ticket.id}: policy denied ${name}; flagging the ticket.`);
        escalate(ESCALATION_REASONS.policyDenied);
        return { content: { error: 'denied by policy' }, failed: false };
      }
      return { content: { error: (error as Error).message }, failed: true };
    }
  }
}
