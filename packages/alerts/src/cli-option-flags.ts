/**
 * Turns the option paths of a generator's `TypeError` ("rules.AgentCostSpike.threshold:
 * must be ...") into the command-line flags that set them ("--cost-per-hour: must be ..."),
 * so a usage error names what the user typed.
 */

/** Top-level option → flag, for every command (`agentLabel` is `--agent-label` in all of them). */
const OPTION_FLAGS: Readonly<Record<string, string>> = {
  groupName: '--group-name',
  interval: '--interval',
  agentLabel: '--agent-label',
  runbookUrl: '--runbook-url',
  title: '--title',
  uid: '--uid',
  deployment: '--deployment',
  namespace: '--namespace',
  agentName: '--agent',
  queueName: '--queue',
  itemsPerReplica: '--items-per-replica',
  cpuUtilizationPercent: '--cpu-percent',
  minReplicas: '--min-replicas',
  maxReplicas: '--max-replicas',
  prometheusUrl: '--prometheus-url',
};

/** Per-alert setting → flag; `threshold` comes from the alert's own threshold flag. */
const ALERT_SETTING_FLAGS: Readonly<Record<string, string>> = {
  for: '--for',
  window: '--window',
  severity: '--severity',
  enabled: '--disable',
};

function flagOf(path: string, thresholdFlags: Readonly<Record<string, string>>): string | undefined {
  const top = OPTION_FLAGS[path];
  if (top !== undefined) return top;
  if (path.startsWith('labels.')) return `--label ${path.slice('labels.'.length)}`;
  const alertSetting = /^rules\.([A-Za-z]+)\.([A-Za-z]+)$/.exec(path);
  if (alertSetting === null) return undefined;
  const [, alert = '', setting = ''] = alertSetting;
  if (setting === 'threshold') return thresholdFlags[alert];
  const flag = ALERT_SETTING_FLAGS[setting];
  return flag === undefined ? undefined : `${flag} ${alert}`;
}

/**
 * Rewrites the `  - <path>: <message>` lines of a generator's error as `  - <flag>: <message>`
 * (keeping a path no flag sets), and drops the generator's own heading.
 * `thresholdFlags` maps an alert name to its threshold flag (`AgentCostSpike` → `--cost-per-hour`).
 */
export function describeOptionErrors(
  message: string,
  thresholdFlags: Readonly<Record<string, string>>,
): string {
  const lines = message.split('\n');
  const issues = lines.slice(1).filter((line) => line.startsWith('  - '));
  if (!/: invalid options$/.test(lines[0] ?? '') || issues.length === 0) return message;
  const described = issues.map((line) => {
    const text = line.slice('  - '.length);
    const unknownKey = /^rules\.([A-Za-z]+): Unrecognized keys?: "([A-Za-z]+)"$/.exec(text);
    if (unknownKey !== null) {
      const [, alert = '', setting = ''] = unknownKey;
      const flag = ALERT_SETTING_FLAGS[setting] ?? setting;
      return `  - ${flag} ${alert}: ${alert} has no ${setting} setting`;
    }
    const at = text.indexOf(': ');
    if (at < 0) return line;
    const flag = flagOf(text.slice(0, at), thresholdFlags);
    return flag === undefined
      ? line
      : `  - ${flag}: ${text.slice(at + 2).replace('minReplicas', '--min-replicas')}`;
  });
  return `invalid value\n${described.join('\n')}`;
}
