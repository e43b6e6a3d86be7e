/** The parts of the Prometheus and Alertmanager HTTP APIs the simulation reads. */
export interface ApiAlert {
  readonly labels: Readonly<Record<string, string>>;
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return (await response.json()) as T;
}

/** The alerts firing in Prometheus (not the pending ones). */
export async function prometheusFiring(base: string): Promise<ApiAlert[]> {
  const body = await getJson<{ data: { alerts: (ApiAlert & { state: string })[] } }>(`${base}/api/v1/alerts`);
  return body.data.alerts.filter((alert) => alert.state === 'firing');
}

/** The active alerts that have arrived in Alertmanager (not the resolved ones). */
export async function alertmanagerActive(base: string): Promise<ApiAlert[]> {
  const alerts = await getJson<(ApiAlert & { status: { state: string } })[]>(`${base}/api/v2/alerts`);
  return alerts.filter((alert) => alert.status.state === 'active');
}

/** The values of an instant query, one per series. */
export async function query(base: string, expr: string): Promise<number[]> {
  const body = await getJson<{ data: { result: { value: [number, string] }[] } }>(
    `${base}/api/v1/query?query=${encodeURIComponent(expr)}`,
  );
  return body.data.result.map((sample) => Number(sample.value[1]));
}

/** One unlabelled sample from a Prometheus text exposition, such as Prometheus's own /metrics. */
export async function ownMetric(base: string, name: string): Promise<number> {
  const response = await fetch(`${base}/metrics`, { signal: AbortSignal.timeout(5_000) });
  const text = await response.text();
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${name} `));
  if (line === undefined) throw new Error(`${name} not in ${base}/metrics`);
  return Number(line.slice(name.length + 1));
}
