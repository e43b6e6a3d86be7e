import { renderPrometheusRules } from '@agentvitals/alerts';

/** Staleness threshold of the heartbeat alert in this simulation, in seconds. */
export const HEARTBEAT_STALE_SECONDS = 5;
/** The `for` of AgentTargetDown, AgentVanished and AgentNegativeSentiment. */
export const FOR = '2s';
/** The window of the cost and sentiment rates. */
export const RATE_WINDOW = '10s';

/**
 * Spend rates in USD per hour, each about a third apart so that neither timer jitter nor
 * Prometheus's rate extrapolation can cross a threshold by accident: one replica spends under
 * the per-process cap, the over-spending agent between the per-process and the fleet cap, and the
 * three replicas together over the fleet cap.
 */
export const SPEND = {
  replica: 36_000,
  processCap: 48_000,
  overspender: 64_000,
  fleetCap: 84_000,
} as const;
/** Replicas of the agent that the fleet cap holds. */
export const REPLICAS = 3;
export const REPLICA_AGENT = 'billing';

/** Negative share of the messages over which AgentNegativeSentiment fires, and the two agents' shares. */
export const SENTIMENT = { threshold: 0.3, unhappy: 0.6, content: 0.1, minMessages: 10 } as const;

/** The generated rules with short thresholds, windows and `for` durations, so the simulation runs in seconds. */
export const fleetRules = (): string =>
  renderPrometheusRules({
    rules: {
      AgentHeartbeatStale: { threshold: HEARTBEAT_STALE_SECONDS },
      AgentTargetDown: { for: FOR, window: '10m' },
      AgentVanished: { for: FOR, window: '10m' },
      AgentCostSpike: { threshold: SPEND.processCap, window: RATE_WINDOW },
      AgentFleetCostSpike: { threshold: SPEND.fleetCap, window: RATE_WINDOW },
      AgentNegativeSentiment: {
        threshold: SENTIMENT.threshold,
        window: RATE_WINDOW,
        for: FOR,
        minCount: SENTIMENT.minMessages,
      },
    },
  });

export function prometheusConfig(rulesFile: string, alertmanagerPort: number, targets: readonly number[]) {
  return [
    'global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n  evaluation_interval: 1s',
    `rule_files: [${JSON.stringify(rulesFile)}]`,
    `alerting:\n  alertmanagers:\n    - static_configs:\n        - targets: ['127.0.0.1:${alertmanagerPort}']`,
    `scrape_configs:\n  - job_name: agents\n    static_configs:\n      - targets: [${targets.map((port) => `'127.0.0.1:${port}'`).join(', ')}]`,
    '',
  ].join('\n');
}

/**
 * Alertmanager routing AgentFleetCostSpike to every replica's alert webhook (bearer token read
 * from `tokenFile`, resolved notifications sent); every other alert goes to a receiver that
 * sends nothing: the check reads the API.
 */
export function alertmanagerConfig(replicaPorts: readonly number[], tokenFile: string): string {
  const webhooks = replicaPorts.map(
    (port) =>
      `      - url: http://127.0.0.1:${port}/alerts\n        send_resolved: true\n        http_config:\n          authorization:\n            credentials_file: ${JSON.stringify(tokenFile)}\n`,
  );
  return [
    'route:\n  receiver: none\n  group_by: [alertname, gen_ai_agent_name]\n  group_wait: 0s\n  group_interval: 1s\n  repeat_interval: 1h',
    '  routes:\n    - receiver: replicas\n      matchers: [alertname="AgentFleetCostSpike"]',
    `receivers:\n  - name: none\n  - name: replicas\n    webhook_configs:\n${webhooks.join('')}`,
  ].join('\n');
}
