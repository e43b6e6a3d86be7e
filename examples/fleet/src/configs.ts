import { renderPrometheusRules } from '@agentvitals/alerts';

/** Staleness threshold of the heartbeat alert in this simulation, in seconds. */
export const HEARTBEAT_STALE_SECONDS = 5;

/** The generated rules with short thresholds and `for` durations, so the simulation runs in seconds. */
export const fleetRules = (): string =>
  renderPrometheusRules({
    rules: {
      AgentHeartbeatStale: { threshold: HEARTBEAT_STALE_SECONDS },
      AgentTargetDown: { for: '2s', window: '10m' },
      AgentVanished: { for: '2s', window: '10m' },
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

/** Alertmanager with a receiver that sends nothing: the check reads its API. */
export const alertmanagerConfig = (): string =>
  'route:\n  receiver: none\n  group_by: [alertname]\n  group_wait: 0s\n  group_interval: 1s\n  repeat_interval: 1h\nreceivers:\n  - name: none\n';
