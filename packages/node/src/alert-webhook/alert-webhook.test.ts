import { afterEach, describe, expect, it } from 'vitest';
import { isConfigurationError } from '../config/configuration-error.js';
import { start } from '../start.js';
import { TEST_OPTIONS } from '../test-support.js';
import type { AgentVitalsNode } from '../types.js';
import { parseWebhookPayload } from './alert-payload.js';

const TOKEN = 'a-long-enough-test-token-0123456789';

function recordingHold() {
  const calls: string[] = [];
  return {
    calls,
    hold: (agent: string, reason: string) => calls.push(`hold ${agent} ${reason}`),
    release: (agent: string, reason: string) => calls.push(`release ${agent} ${reason}`),
  };
}

const started: AgentVitalsNode[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((av) => av.shutdown()));
});

async function startWithWebhook(hold = recordingHold(), extra: Record<string, unknown> = {}) {
  const av = await start({
    ...TEST_OPTIONS,
    prometheus: { port: 0, host: '127.0.0.1' },
    agentName: 'replica',
    alertWebhook: { token: TOKEN, hold, ...extra },
  });
  started.push(av);
  return { av, hold, url: `http://127.0.0.1:${av.prometheus!.port}/alerts` };
}

const alert = (
  status: 'firing' | 'resolved',
  agent: string,
  fingerprint: string,
  name = 'AgentFleetCostSpike',
) => ({
  status,
  labels: { alertname: name, gen_ai_agent_name: agent, severity: 'critical' },
  annotations: { summary: 's' },
  startsAt: '2026-01-01T00:00:00Z',
  endsAt: '0001-01-01T00:00:00Z',
  generatorURL: 'http://prometheus/graph',
  fingerprint,
});
const notification = (status: 'firing' | 'resolved', alerts: unknown[]) => ({
  version: '4',
  groupKey: '{}:{alertname="AgentFleetCostSpike"}',
  truncatedAlerts: 0,
  status,
  receiver: 'replicas',
  groupLabels: {},
  commonLabels: {},
  commonAnnotations: {},
  externalURL: 'http://alertmanager',
  alerts,
});

const post = (url: string, body: unknown, token: string | null = TOKEN) =>
  fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token === null ? {} : { authorization: `Bearer ${token}` }),
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('alertWebhook of start()', () => {
  it('holds on a firing fleet alert and releases on the resolved one, once per fingerprint and status', async () => {
    const { hold, url } = await startWithWebhook();
    const firing = notification('firing', [
      alert('firing', 'billing', 'f1'),
      alert('firing', 'x', 'f2', 'AgentHeartbeatStale'),
    ]);
    const first = await post(url, firing);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ received: 2, applied: 1 });
    expect((await post(url, firing)).status).toBe(200);
    expect(hold.calls).toEqual(['hold billing AgentFleetCostSpike (f1)']);
    await post(url, notification('resolved', [alert('resolved', 'billing', 'f1')]));
    await post(url, notification('resolved', [alert('resolved', 'billing', 'f1')]));
    expect(hold.calls).toEqual([
      'hold billing AgentFleetCostSpike (f1)',
      'release billing AgentFleetCostSpike (f1)',
    ]);
    // Firing again after it resolved is a new effect.
    await post(url, firing);
    expect(hold.calls).toHaveLength(3);
  });

  it('refuses a missing or wrong token, other methods, bad payloads and oversized bodies', async () => {
    const { hold, url, av } = await startWithWebhook(recordingHold(), { maxBodyBytes: 2048 });
    const body = notification('firing', [alert('firing', 'billing', 'f1')]);
    expect((await post(url, body, null)).status).toBe(401);
    expect((await post(url, body, `${TOKEN}x`)).status).toBe(401);
    expect((await post(url, body, TOKEN.slice(0, -1))).status).toBe(401);
    expect((await fetch(url)).status).toBe(405);
    expect((await post(url, '{not json')).status).toBe(400);
    expect((await post(url, { ...body, version: '3' })).status).toBe(400);
    expect(
      (await post(url, { ...body, alerts: [{ status: 'firing', labels: { a: 1 }, fingerprint: 'x' }] }))
        .status,
    ).toBe(400);
    const big = notification(
      'firing',
      Array.from({ length: 50 }, (_, i) => alert('firing', 'b', `f${i}`)),
    );
    expect((await post(url, big)).status).toBe(413);
    expect(hold.calls).toEqual([]);
    // The metrics endpoint still answers on the same server.
    expect((await fetch(av.prometheus!.url)).status).toBe(200);
  });

  it('reads the Bearer scheme case-insensitively, and still wants the exact token', async () => {
    const { hold, url } = await startWithWebhook();
    const send = (authorization: string) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
        body: JSON.stringify(notification('firing', [alert('firing', 'billing', 'f1')])),
      });
    expect((await send(`bearer ${TOKEN}`)).status).toBe(200);
    expect((await send(`BEARER ${TOKEN}`)).status).toBe(200);
    expect((await send(`Basic ${TOKEN}`)).status).toBe(401);
    expect((await send(`bearer ${TOKEN.toUpperCase()}`)).status).toBe(401);
    expect((await send(`Bearer${TOKEN}`)).status).toBe(401);
    expect(hold.calls).toEqual(['hold billing AgentFleetCostSpike (f1)']);
  });

  it('is refused at configuration time without a token, with a short one, or without Prometheus', async () => {
    const hold = recordingHold();
    const bad = [
      { alertWebhook: { hold } },
      { alertWebhook: { token: 'short', hold } },
      { alertWebhook: { token: TOKEN, hold: {} } },
      { alertWebhook: { token: TOKEN, hold }, prometheus: { enabled: false } },
      { alertWebhook: { token: TOKEN, hold, path: '/metrics' }, prometheus: { port: 0 } },
    ];
    for (const options of bad) {
      const error = await start({ ...TEST_OPTIONS, agentName: 'r', ...(options as object) }).catch(
        (e: unknown) => e,
      );
      expect(isConfigurationError(error), JSON.stringify(options)).toBe(true);
    }
  });
});

describe('parseWebhookPayload', () => {
  it('accepts Alertmanager v4 and names the first problem otherwise', () => {
    expect(parseWebhookPayload(notification('firing', [alert('firing', 'a', 'f')]))).toMatchObject({
      status: 'firing',
      alerts: [{ fingerprint: 'f', labels: { gen_ai_agent_name: 'a' } }],
    });
    for (const bad of [null, [], 'x', { version: '4' }, { version: '4', status: 'x', alerts: [] }]) {
      expect(typeof parseWebhookPayload(bad)).toBe('string');
    }
    expect(
      parseWebhookPayload(notification('firing', [{ status: 'firing', labels: {}, fingerprint: '' }])),
    ).toMatch(/fingerprint/);
  });
});
