// The "Entry points" of the design contract, written the way a user types them and run through
// the packages' public entry points: if a public name or its behaviour drifts, this fails.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { alertmanagerSink, createGuard, defaultRules } from '@agentvitals/alerts';
import { createVitals, isPolicyDeniedError, wrap } from '@agentvitals/core';
import { start } from '@agentvitals/node';
import { createTestKit } from '@agentvitals/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** A stand-in Alertmanager on loopback that records what the sink posts. */
function fakeAlertmanager(): Promise<{ server: Server; url: string; posts: unknown[] }> {
  const posts: unknown[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      if (request.method === 'POST' && request.url === '/api/v2/alerts') posts.push(JSON.parse(body));
      response.writeHead(200).end();
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, url: `http://127.0.0.1:${port}`, posts });
    });
  });
}

describe('the design contract entry points', () => {
  let alertmanager: Awaited<ReturnType<typeof fakeAlertmanager>>;
  beforeAll(async () => {
    alertmanager = await fakeAlertmanager();
  });
  afterAll(() => new Promise<void>((resolve) => alertmanager.server.close(() => resolve())));

  it('start(), createVitals(), the vitals methods, wrap() and createGuard() work as the design writes them', async () => {
    const av = await start({
      serviceName: 'support',
      agentName: 'support-bot',
      environment: 'prod',
      prometheus: { port: 0 },
      signals: false,
      env: {},
    });
    try {
      expect(av.logger.info).toBeTypeOf('function');
      // @agentvitals/core on the global providers that start() registered.
      const vitals = createVitals({ agentName: 'support-bot' });
      const ticket = { id: 'T-1', text: 'My refund is late' };
      const queue = [ticket];
      const llm = {
        chat: async (messages: string[]) => ({
          model: 'gpt-4o-mini',
          usage: { prompt_tokens: 40 * messages.length, completion_tokens: 12 },
          choices: [{ message: { content: 'Looking into it' } }],
        }),
      };
      const searchFn = async (query: string) => [`article about ${query}`];
      const handle = async (t: typeof ticket) => {
        await vitals.reasoning(() => llm.chat([t.text]), { model: 'gpt-4o-mini', provider: 'openai' });
        const search = vitals.tool('kb.search', searchFn, { validate: (hits) => hits.length > 0 });
        await search('refunds');
        vitals.usage({ inputTokens: 10, outputTokens: 5, model: 'gpt-4o-mini', provider: 'openai' });
        vitals.action();
        vitals.sentiment(-0.6);
        vitals.heartbeat();
        vitals.thought(() => 'customer is waiting on a refund');
        vitals.escalate('refund');
      };
      vitals.queueDepth('tickets', () => queue.length);
      await vitals.run(() => handle(ticket), { requestId: ticket.id });

      // @agentvitals/alerts: a guard with the default rules, an Alertmanager sink and a policy.
      const policy = { roles: { support: { deny: ['shell'] } }, defaultRole: 'support' };
      const guard = createGuard({
        rules: [...defaultRules()],
        sinks: [alertmanagerSink({ url: alertmanager.url })],
        policy,
      });
      let shellRan = false;
      const myAgent = {
        async handle(t: typeof ticket) {
          return `handled ${t.id}`;
        },
        tools: {
          shell: async (command: string) => {
            shellRan = true;
            return command;
          },
        },
      };
      const agent = wrap(myAgent, { name: 'support-bot', guard });
      expect(await agent.handle(ticket)).toBe('handled T-1');
      await expect(agent.tools.shell('rm -rf /')).rejects.toSatisfy(isPolicyDeniedError);
      expect(shellRan).toBe(false);
      await guard.shutdown();

      // What a platform team scrapes.
      const scrape = await (await fetch(av.prometheus!.url)).text();
      for (const series of [
        'agent_runs_total{',
        'agent_reasoning_duration_seconds_bucket{',
        'agent_tool_calls_total{',
        'gen_ai_client_token_usage_bucket{',
        'agent_cost_USD_total{',
        'agent_actions_total{',
        'agent_tokens_per_action_bucket{',
        'agent_sentiment_messages_total{',
        'agent_heartbeat_timestamp_seconds{',
        'agent_escalations_total{',
        'agent_escalation_backlog{',
        'agent_queue_depth{',
      ]) {
        expect(scrape, series).toContain(series);
      }
      expect(scrape).toMatch(/agent_tool_calls_total\{[^}]*agent_tool_outcome="denied"[^}]*\} 1/);
      expect(scrape).toMatch(/agent_runs_total\{[^}]*gen_ai_agent_name="support-bot"[^}]*\} 2/);
    } finally {
      await av.shutdown();
    }
  });

  it('createTestKit() asserts metrics in one call', async () => {
    const kit = createTestKit();
    const fn = () => 'ok';
    kit.vitals.tool('x', fn)();
    expect(await kit.metric('agent.tool.calls', { 'agent.tool.outcome': 'success' })).toBe(1);
    await kit.shutdown();
  });
});
