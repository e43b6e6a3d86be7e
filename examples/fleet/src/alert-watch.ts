import { type ApiAlert, alertmanagerActive, prometheusFiring } from './prometheus-api.js';
import { sleep } from './servers.js';

export type AlertSource = 'Prometheus' | 'Alertmanager';

/**
 * Every alert seen through the two APIs while the watch runs: firing in Prometheus
 * (`/api/v1/alerts`), active in Alertmanager (`/api/v2/alerts`). An alert is keyed by the agent
 * it names (`gen_ai_agent_name`), else by its target (`instance`).
 */
export interface AlertWatch {
  /** When (ms since the epoch) each key of `alertName` was first seen in `source`. */
  firstSeen(source: AlertSource, alertName: string): ReadonlyMap<string, number>;
  /** The keys of `alertName` seen in `source` at the latest poll. */
  current(source: AlertSource, alertName: string): readonly string[];
  /** Every alert name seen in `source`. */
  names(source: AlertSource): readonly string[];
  stop(): Promise<void>;
}

const keyOf = (alert: ApiAlert) => alert.labels.gen_ai_agent_name ?? alert.labels.instance ?? '';

/** Polls both APIs every `everyMs` until stopped; a failed poll is skipped. */
export function watchAlerts(prometheus: string, alertmanager: string, everyMs = 250): AlertWatch {
  const fetchers: Record<AlertSource, () => Promise<ApiAlert[]>> = {
    Prometheus: () => prometheusFiring(prometheus),
    Alertmanager: () => alertmanagerActive(alertmanager),
  };
  const seen = { Prometheus: new Map(), Alertmanager: new Map() } as Record<
    AlertSource,
    Map<string, Map<string, number>>
  >;
  const latest: Record<AlertSource, ApiAlert[]> = { Prometheus: [], Alertmanager: [] };
  let running = true;
  const poll = async (source: AlertSource) => {
    const alerts = await fetchers[source]().catch(() => undefined);
    if (alerts === undefined) return;
    const now = Date.now();
    latest[source] = alerts;
    for (const alert of alerts) {
      const name = alert.labels.alertname ?? '';
      const keys = seen[source].get(name) ?? new Map<string, number>();
      seen[source].set(name, keys);
      if (!keys.has(keyOf(alert))) keys.set(keyOf(alert), now);
    }
  };
  const loop = (async () => {
    while (running) {
      await Promise.all([poll('Prometheus'), poll('Alertmanager')]);
      await sleep(everyMs);
    }
  })();
  return {
    firstSeen: (source, alertName) => seen[source].get(alertName) ?? new Map(),
    current: (source, alertName) =>
      latest[source].filter((alert) => alert.labels.alertname === alertName).map(keyOf),
    names: (source) => [...seen[source].keys()],
    async stop() {
      running = false;
      await loop;
    },
  };
}
