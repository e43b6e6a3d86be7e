import { isCircuitOpenError } from '@agentvitals/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createGuard } from '../packages/alerts/src/create-guard.js';
import { createFleetHold } from '../packages/alerts/src/fleet/fleet-hold.js';
import { start } from '../packages/node/src/start.js';
import type { AgentVitalsNode } from '../packages/node/src/types.js';

const TOKEN = 'fleet-webhook-token-0123456789abcdef';
let av: AgentVitalsNode | undefined;
afterEach(async () => {
  await av?.shutdown();
  av = undefined;
});

const notify = (url: string, status: 'firing' | 'resolved') =>
  fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      version: '4',
      status,
      receiver: 'replicas',
      alerts: [
        {
          status,
          labels: { alertname: 'AgentFleetCostSpike', gen_ai_agent_name: 'billing', severity: 'critical' },
          fingerprint: '3f2a9c1d',
        },
      ],
    }),
  });

describe('a fleet alert through the webhook of start() holds the agent breaker until it resolves', () => {
  it('stops reasoning calls of the agent while AgentFleetCostSpike fires, over real HTTP', async () => {
    const guard = createGuard({ breaker: { coolDownMs: 20 } });
    const hold = createFleetHold({ guard });
    av = await start({
      agentName: 'billing',
      env: {},
      signals: false,
      prometheus: { host: '127.0.0.1', port: 0 },
      guard: [guard, hold],
      alertWebhook: { token: TOKEN, hold },
    });
    const url = `http://127.0.0.1:${av.prometheus!.port}/alerts`;
    const call = () => av!.vitals.reasoning(async () => 'ok', { model: 'm', provider: 'p' });
    await expect(call()).resolves.toBe('ok');

    expect((await notify(url, 'firing')).status).toBe(200);
    await expect(call()).rejects.toSatisfy(isCircuitOpenError);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(call()).rejects.toSatisfy(isCircuitOpenError);
    expect(guard.breaker('billing')?.state).not.toBe('closed');
    const scrape = await (await fetch(av.prometheus!.url)).text();
    expect(scrape).toMatch(/agent_breaker_state\{[^}]*gen_ai_agent_name="billing"[^}]*\} [12]/);

    expect((await notify(url, 'resolved')).status).toBe(200);
    expect(guard.breaker('billing')?.state).toBe('closed');
    await expect(call()).resolves.toBe('ok');
  });
});
