const PLACEHOLDER = /\{\{\s*\$(value|labels\.([A-Za-z_][A-Za-z0-9_]*))\s*\}\}/g;

/** A value as annotations show it: whole numbers as is, others to at most 4 decimals. */
export function formatValue(value: number | undefined): string {
  if (value === undefined || Number.isNaN(value)) return '';
  if (!Number.isFinite(value) || Number.isInteger(value)) return String(value);
  return String(Math.round(value * 10_000) / 10_000);
}

/**
 * Fills `{{ $value }}` and `{{ $labels.name }}` in, the placeholders Prometheus alerting
 * rules use, so one annotation text serves in-process alerts and generated rules.
 * Other text is left as is.
 */
export function renderTemplate(
  template: string,
  value: number | undefined,
  labels: Readonly<Record<string, string>>,
): string {
  return template.replace(PLACEHOLDER, (_match, _what: string, label: string | undefined) =>
    label === undefined ? formatValue(value) : (labels[label] ?? ''),
  );
}
