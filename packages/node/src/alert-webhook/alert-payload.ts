/** One alert of an Alertmanager webhook notification (payload version 4). */
export interface WebhookAlert {
  readonly status: 'firing' | 'resolved';
  readonly labels: Readonly<Record<string, string>>;
  readonly fingerprint: string;
}

/** The parts of an Alertmanager webhook notification (version 4) the alert webhook acts on. */
export interface WebhookPayload {
  readonly status: 'firing' | 'resolved';
  readonly alerts: readonly WebhookAlert[];
}

/** The most alerts one notification may carry. */
export const MAX_ALERTS_PER_NOTIFICATION = 10_000;
const MAX_LABELS = 64;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isStatus = (value: unknown): value is 'firing' | 'resolved' =>
  value === 'firing' || value === 'resolved';

function parseAlert(value: unknown, index: number): WebhookAlert | string {
  if (!isRecord(value)) return `alerts[${index}] must be an object`;
  if (!isStatus(value.status)) return `alerts[${index}].status must be "firing" or "resolved"`;
  if (typeof value.fingerprint !== 'string' || value.fingerprint === '' || value.fingerprint.length > 128)
    return `alerts[${index}].fingerprint must be a non-empty string of at most 128 characters`;
  if (!isRecord(value.labels)) return `alerts[${index}].labels must be an object`;
  const entries = Object.entries(value.labels);
  if (entries.length > MAX_LABELS) return `alerts[${index}].labels has more than ${MAX_LABELS} labels`;
  const labels: Record<string, string> = {};
  for (const [name, label] of entries) {
    if (typeof label !== 'string') return `alerts[${index}].labels.${name} must be a string`;
    labels[name] = label;
  }
  return { status: value.status, labels, fingerprint: value.fingerprint };
}

/**
 * Validates an Alertmanager webhook notification (`"version": "4"`). Returns the payload, or
 * the reason it is refused.
 */
export function parseWebhookPayload(value: unknown): WebhookPayload | string {
  if (!isRecord(value)) return 'the body must be a JSON object';
  if (value.version !== '4') return 'version must be "4" (Alertmanager webhook payload)';
  if (!isStatus(value.status)) return 'status must be "firing" or "resolved"';
  if (!Array.isArray(value.alerts)) return 'alerts must be an array';
  if (value.alerts.length > MAX_ALERTS_PER_NOTIFICATION)
    return `alerts has more than ${MAX_ALERTS_PER_NOTIFICATION} entries`;
  const alerts: WebhookAlert[] = [];
  for (const [index, entry] of value.alerts.entries()) {
    const alert = parseAlert(entry, index);
    if (typeof alert === 'string') return alert;
    alerts.push(alert);
  }
  return { status: value.status, alerts };
}
