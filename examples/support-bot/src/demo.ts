import { wrap } from '@agentvitals/core';
import type { AgentVitalsNode } from '@agentvitals/node';
import { SupportAgent, type TicketOutcome } from './agent.js';
import type { DemoArgs } from './args.js';
import { DEFAULT_SLA_RULES } from './escalation-rules.js';
import { createSupportGuard } from './guard.js';
import { ScriptedModel } from './model.js';
import { parsePrometheusText } from './prometheus-text.js';
import { summarize, type VitalsSummary } from './summary.js';
import { generateTickets, TicketQueue } from './tickets.js';
import { createTools } from './tools.js';
import { processQueue } from './workers.js';

export const AGENT_NAME = 'support-bot';
export const MODEL_NAME = 'gpt-4o-mini';
export const QUEUE_NAME = 'tickets';

export interface DemoRun {
  readonly outcomes: readonly TicketOutcome[];
  /** Tickets whose run threw (an open breaker, say). */
  readonly failed: number;
  /** Tickets left in the queue when the duration ran out. */
  readonly leftInQueue: number;
  /** Read back from the process's own /metrics; undefined when the endpoint is off. */
  readonly summary: VitalsSummary | undefined;
}

const scaledSleep = (scale: number) => (ms: number) =>
  scale === 0
    ? new Promise<void>((resolve) => setImmediate(resolve))
    : new Promise<void>((resolve) => setTimeout(resolve, ms * scale));

/** Scrapes the process's own Prometheus endpoint and summarises the agent's series. */
export async function readSummary(metricsUrl: string, agentName = AGENT_NAME): Promise<VitalsSummary> {
  const response = await fetch(metricsUrl);
  if (!response.ok) throw new Error(`GET ${metricsUrl} answered ${response.status}`);
  return summarize(parsePrometheusText(await response.text()), agentName);
}

/** Works through the ticket queue with the wrapped support agent, recording into `av`. */
export async function runDemo(av: AgentVitalsNode, args: DemoArgs): Promise<DemoRun> {
  const sleep = scaledSleep(args.latencyScale);
  // The rules are evaluated before each ticket is taken rather than on a timer, so the alerts
  // depend on the tickets handled so far, not on how fast this machine is: the same seed gives
  // the same alerts on every run.
  const guard = createSupportGuard(av.logger, { service: AGENT_NAME }, 3_600_000);
  const queue = new TicketQueue(generateTickets(args.tickets, args.seed));
  // Reported until shutdown: an empty queue is worth seeing as 0.
  av.vitals.queueDepth(QUEUE_NAME, () => queue.depth);

  const agent = wrap(
    new SupportAgent({
      vitals: av.vitals,
      model: new ScriptedModel({ seed: args.seed, sleep }),
      tools: createTools({ seed: args.seed, flakyFailureRate: args.flakyRate, sleep }),
      modelName: MODEL_NAME,
      rules: { ...DEFAULT_SLA_RULES, refundLimitUsd: args.refundLimitUsd },
    }),
    {
      vitals: av.vitals,
      guard,
      runs: ['handle'],
      reasoning: ['think'],
      dispatchers: ['callTool'],
      tools: false,
      provider: 'openai',
      requestId: (ticket: { id?: unknown }) => (typeof ticket?.id === 'string' ? ticket.id : undefined),
    },
  );

  const started = Date.now();
  const result = await processQueue(queue, (ticket) => agent.handle(ticket), {
    concurrency: args.concurrency,
    deadline: args.durationSeconds === undefined ? undefined : started + args.durationSeconds * 1000,
    onIdle: () => {
      av.vitals.heartbeat();
      guard.evaluate();
    },
  });
  for (const failure of result.failures) {
    av.logger.warn({ ticket: failure.ticket.id, err: failure.error }, 'ticket failed');
  }
  // At the end of the shift, after the queue is worked through (so open escalations only grow
  // while tickets are handled, and the alerts are the same on every run with the same seed).
  agent.approvePendingRefunds();
  guard.evaluate();
  await guard.flush(2000);

  const summary = av.prometheus ? await readSummary(av.prometheus.url) : undefined;
  return { outcomes: result.outcomes, failed: result.failures.length, leftInQueue: queue.depth, summary };
}
