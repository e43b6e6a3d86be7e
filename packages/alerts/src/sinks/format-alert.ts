import type { Alert } from '../lifecycle/alert.js';

const iso = (ms: number | undefined) =>
  ms === undefined || !Number.isFinite(ms) ? null : new Date(ms).toISOString();

/** The JSON body the webhook sink posts for one alert. */
export interface AlertJson {
  readonly status: Alert['status'];
  readonly alertname: string;
  readonly severity: Alert['severity'];
  readonly agent: string;
  readonly action: Alert['action'];
  readonly fingerprint: string;
  readonly value: number | null;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly activeAt: string | null;
  readonly startsAt: string | null;
  readonly endsAt: string | null;
}

export function alertToJson(alert: Alert): AlertJson {
  return {
    status: alert.status,
    alertname: alert.name,
    severity: alert.severity,
    agent: alert.agentName,
    action: alert.action,
    fingerprint: alert.fingerprint,
    value: alert.value === undefined || !Number.isFinite(alert.value) ? null : alert.value,
    labels: alert.labels,
    annotations: alert.annotations,
    activeAt: iso(alert.activeAt),
    startsAt: iso(alert.startsAt),
    endsAt: iso(alert.endsAt),
  };
}

/** A one-message text for chat tools (Slack's `text`, plain text for logs). */
export function alertToText(alert: Alert): string {
  const icon =
    alert.status === 'resolved'
      ? ':white_check_mark:'
      : alert.severity === 'critical'
        ? ':rotating_light:'
        : ':warning:';
  const head = `${icon} *[${alert.status.toUpperCase()}] ${alert.name}* (${alert.severity}) agent \`${alert.agentName}\``;
  const lines = [head];
  const { summary, description } = alert.annotations;
  if (summary) lines.push(summary);
  if (description) lines.push(description);
  if (alert.action === 'trip' && alert.status === 'firing') lines.push('The circuit breaker was tripped.');
  return lines.join('\n');
}

/** Alertmanager's v2 `postableAlert`: firing alerts carry no `endsAt` (Alertmanager applies its resolve timeout). */
export function alertToAlertmanager(alert: Alert, generatorURL: string | undefined): Record<string, unknown> {
  const body: Record<string, unknown> = {
    labels: alert.labels,
    annotations: alert.annotations,
    startsAt: iso(alert.startsAt),
  };
  if (alert.status === 'resolved') body.endsAt = iso(alert.endsAt);
  if (generatorURL !== undefined) body.generatorURL = generatorURL;
  return body;
}
