import { readFileSync, realpathSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { describeOptionErrors } from './cli-option-flags.js';
import {
  type AutoscalingOptions,
  generatePrometheusRules,
  metricTableRows,
  PROMETHEUS_ALERT_NAMES,
  PROMETHEUS_RULE_DEFAULTS,
  type PrometheusAlertName,
  type PrometheusRuleOverride,
  type PrometheusRuleOverrides,
  renderGrafanaDashboard,
  renderKedaScaledObject,
  renderKubernetesHpa,
  renderMetricTableMarkdown,
  renderMetricTableText,
  renderPrometheusRules,
} from './generate/index.js';

/** Where the CLI writes; injectable for tests. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** Exit codes: 0 done, 1 the output could not be written, 2 a usage error (bad command, flag or value). */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

class UsageError extends Error {}

const THRESHOLD_FLAGS: readonly {
  readonly flag: string;
  readonly alert: PrometheusAlertName;
  readonly what: string;
}[] = [
  { flag: 'heartbeat-seconds', alert: 'AgentHeartbeatStale', what: 'seconds without a heartbeat' },
  { flag: 'cost-per-hour', alert: 'AgentCostSpike', what: 'USD per hour per agent and process' },
  { flag: 'fleet-cost-per-hour', alert: 'AgentFleetCostSpike', what: 'USD per hour per agent, all replicas' },
  { flag: 'tool-failures', alert: 'AgentToolFailureStreak', what: 'failed tool calls with no success' },
  { flag: 'tool-error-ratio', alert: 'AgentToolErrorRate', what: 'share of failed tool calls, 0..1' },
  { flag: 'error-ratio', alert: 'AgentErrorRate', what: 'share of failed runs, 0..1' },
  { flag: 'run-duration-seconds', alert: 'AgentSlowResponses', what: 'average run duration' },
  { flag: 'tokens-per-action', alert: 'AgentTokenEfficiency', what: 'tokens per action' },
  { flag: 'negative-ratio', alert: 'AgentNegativeSentiment', what: 'share of negative messages, 0..1' },
  { flag: 'escalation-backlog', alert: 'AgentEscalationBacklog', what: 'open escalations' },
  { flag: 'cpu-ratio', alert: 'AgentHighCpu', what: 'share of all cores, 0..1' },
];

const THRESHOLD_FLAG_OF_ALERT: Readonly<Record<string, string>> = Object.fromEntries(
  THRESHOLD_FLAGS.map(({ flag, alert }) => [alert, `--${flag}`]),
);

const thresholdOptions = Object.fromEntries(
  THRESHOLD_FLAGS.map(({ flag }) => [flag, { type: 'string' as const }]),
);
const COMMON = {
  out: { type: 'string' },
  'agent-label': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;
const COMMAND_OPTIONS = {
  rules: {
    ...COMMON,
    ...thresholdOptions,
    format: { type: 'string' },
    'group-name': { type: 'string' },
    interval: { type: 'string' },
    label: { type: 'string', multiple: true },
    'runbook-url': { type: 'string' },
    'no-runbook': { type: 'boolean' },
    disable: { type: 'string', multiple: true },
    for: { type: 'string', multiple: true },
    window: { type: 'string', multiple: true },
    severity: { type: 'string', multiple: true },
  },
  dashboard: { ...COMMON, ...thresholdOptions, title: { type: 'string' }, uid: { type: 'string' } },
  metrics: { out: { type: 'string' }, format: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  autoscaling: {
    out: { type: 'string' },
    format: { type: 'string' },
    deployment: { type: 'string' },
    namespace: { type: 'string' },
    agent: { type: 'string' },
    queue: { type: 'string' },
    'items-per-replica': { type: 'string' },
    'cpu-percent': { type: 'string' },
    'min-replicas': { type: 'string' },
    'max-replicas': { type: 'string' },
    'prometheus-url': { type: 'string' },
    'agent-label': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
} as const;
type Command = keyof typeof COMMAND_OPTIONS;
type Values = Record<string, string | boolean | string[] | undefined>;

const thresholdHelp = THRESHOLD_FLAGS.map(
  ({ flag, alert, what }) =>
    `  --${`${flag} <n>`.padEnd(27)}${alert}: ${what} (default ${PROMETHEUS_RULE_DEFAULTS[alert].threshold})`,
).join('\n');

const HELP = `Usage: agentvitals <command> [options]

Generate Prometheus alerting rules and a Grafana dashboard for Agent Vitals metrics.

Commands:
  rules        Prometheus alerting rules (YAML, or JSON with --format json)
  dashboard    Grafana dashboard (JSON)
  metrics      The metric catalog and the Prometheus series it produces
  autoscaling  A Kubernetes HPA or a KEDA ScaledObject on queue depth and CPU (YAML)

Options of rules and dashboard:
  --out <file>                 Write to a file instead of standard output
  --agent-label <label>        Label carrying the agent name (default gen_ai_agent_name)
${thresholdHelp}

Options of rules only:
  --format yaml|json           Output format (default yaml)
  --group-name <name>          Rule group name (default agentvitals)
  --interval <duration>        Rule group evaluation interval
  --label <name=value>         Label on every alert; repeatable
  --runbook-url <url>          Base URL of runbook_url annotations (#<alert> is appended)
  --no-runbook                 Leave runbook_url annotations out
  --disable <Alert>            Leave an alert out; repeatable
  --for <Alert=duration>       How long an alert's condition must hold; repeatable
  --window <Alert=duration>    Window of an alert's rate, increase or lookback; repeatable
  --severity <Alert=level>     info, warning or critical; repeatable

Options of dashboard only:
  --title <text>               Dashboard title (default Agent Vitals)
  --uid <uid>                  Dashboard uid (default agentvitals)

Options of metrics:
  --format text|markdown|json  Output format (default text)
  --out <file>                 Write to a file instead of standard output

Options of autoscaling (one configuration, either output):
  --format hpa|keda            Kubernetes HorizontalPodAutoscaler or KEDA ScaledObject (default hpa)
  --deployment <name>          The Deployment to scale (required)
  --agent <name>               gen_ai.agent.name whose queue drives scaling (required)
  --queue <name>               agent.queue.name of that queue (required)
  --namespace <name>           Namespace of the autoscaler
  --items-per-replica <n>      Queue items one replica handles (default 10)
  --cpu-percent <n>            Target average CPU utilisation, percent (default 80)
  --min-replicas <n>           Default 2
  --max-replicas <n>           Default 10
  --prometheus-url <url>       Prometheus as KEDA reaches it (--format keda only)
  --agent-label <label>        Label carrying the agent name (default gen_ai_agent_name)
  --out <file>                 Write to a file instead of standard output

  -h, --help                   Show this help
  -v, --version                Show the version

Alerts: ${PROMETHEUS_ALERT_NAMES.join(', ')}.
Exit codes: 0 done, 1 output could not be written, 2 usage error.
`;

function version(): string {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version?: string;
  };
  return manifest.version ?? '0.0.0';
}

function alertName(text: string, flag: string): PrometheusAlertName {
  if ((PROMETHEUS_ALERT_NAMES as readonly string[]).includes(text)) return text as PrometheusAlertName;
  throw new UsageError(`--${flag}: unknown alert "${text}"; one of ${PROMETHEUS_ALERT_NAMES.join(', ')}`);
}

function pair(text: string, flag: string): [string, string] {
  const at = text.indexOf('=');
  if (at <= 0) throw new UsageError(`--${flag}: expected <name>=<value>, got "${text}"`);
  return [text.slice(0, at), text.slice(at + 1)];
}

function number(text: string, flag: string): number {
  const value = text.trim() === '' ? Number.NaN : Number(text);
  if (!Number.isFinite(value)) throw new UsageError(`--${flag}: expected a number, got "${text}"`);
  return value;
}

function ruleOverrides(values: Values): PrometheusRuleOverrides {
  const rules: Partial<Record<PrometheusAlertName, PrometheusRuleOverride>> = {};
  const set = (alert: PrometheusAlertName, change: PrometheusRuleOverride) => {
    rules[alert] = { ...rules[alert], ...change };
  };
  for (const { flag, alert } of THRESHOLD_FLAGS) {
    const text = values[flag];
    if (typeof text === 'string') set(alert, { threshold: number(text, flag) });
  }
  for (const name of (values.disable as string[] | undefined) ?? [])
    set(alertName(name, 'disable'), { enabled: false });
  for (const entry of (values.for as string[] | undefined) ?? []) {
    const [name, duration] = pair(entry, 'for');
    set(alertName(name, 'for'), { for: duration });
  }
  for (const entry of (values.window as string[] | undefined) ?? []) {
    const [name, duration] = pair(entry, 'window');
    set(alertName(name, 'window'), { window: duration });
  }
  for (const entry of (values.severity as string[] | undefined) ?? []) {
    const [name, severity] = pair(entry, 'severity');
    set(alertName(name, 'severity'), { severity: severity as PrometheusRuleOverride['severity'] });
  }
  return rules;
}

function rulesOutput(values: Values): string {
  const format = (values.format as string | undefined) ?? 'yaml';
  if (format !== 'yaml' && format !== 'json')
    throw new UsageError(`--format: expected yaml or json, got "${format}"`);
  if (values['no-runbook'] === true && values['runbook-url'] !== undefined) {
    throw new UsageError('--runbook-url and --no-runbook cannot be used together');
  }
  const labels = Object.fromEntries(
    ((values.label as string[] | undefined) ?? []).map((entry) => pair(entry, 'label')),
  );
  const options = {
    rules: ruleOverrides(values),
    labels,
    ...(values['group-name'] === undefined ? {} : { groupName: values['group-name'] as string }),
    ...(values.interval === undefined ? {} : { interval: values.interval as string }),
    ...(values['agent-label'] === undefined ? {} : { agentLabel: values['agent-label'] as string }),
    ...(values['runbook-url'] === undefined ? {} : { runbookUrl: values['runbook-url'] as string }),
    ...(values['no-runbook'] === true ? { runbookUrl: false as const } : {}),
  };
  if (format === 'json') return `${JSON.stringify(generatePrometheusRules(options), null, 2)}\n`;
  return renderPrometheusRules(options);
}

function dashboardOutput(values: Values): string {
  return renderGrafanaDashboard({
    rules: ruleOverrides(values),
    ...(values.title === undefined ? {} : { title: values.title as string }),
    ...(values.uid === undefined ? {} : { uid: values.uid as string }),
    ...(values['agent-label'] === undefined ? {} : { agentLabel: values['agent-label'] as string }),
  });
}

function metricsOutput(values: Values): string {
  const format = (values.format as string | undefined) ?? 'text';
  if (format === 'text') return renderMetricTableText();
  if (format === 'markdown') return renderMetricTableMarkdown();
  if (format === 'json') return `${JSON.stringify(metricTableRows(), null, 2)}\n`;
  throw new UsageError(`--format: expected text, markdown or json, got "${format}"`);
}

function autoscalingOutput(values: Values): string {
  const format = (values.format as string | undefined) ?? 'hpa';
  if (format !== 'hpa' && format !== 'keda')
    throw new UsageError(`--format: expected hpa or keda, got "${format}"`);
  const missing = ['deployment', 'agent', 'queue'].filter(
    (flag) => typeof values[flag] !== 'string' || values[flag] === '',
  );
  if (missing.length > 0) {
    throw new UsageError(
      `${missing.map((flag) => `--${flag}`).join(', ')} ${missing.length > 1 ? 'are' : 'is'} required`,
    );
  }
  const required = (flag: string): string => values[flag] as string;
  if (format === 'hpa' && values['prometheus-url'] !== undefined) {
    throw new UsageError(
      '--prometheus-url applies to --format keda only (the HPA reads the Prometheus Adapter)',
    );
  }
  const optionalNumber = (flag: string): number | undefined =>
    typeof values[flag] === 'string' ? number(values[flag] as string, flag) : undefined;
  const options: AutoscalingOptions = {
    deployment: required('deployment'),
    agentName: required('agent'),
    queueName: required('queue'),
    ...(values.namespace === undefined ? {} : { namespace: values.namespace as string }),
    ...(values['prometheus-url'] === undefined ? {} : { prometheusUrl: values['prometheus-url'] as string }),
    ...(values['agent-label'] === undefined ? {} : { agentLabel: values['agent-label'] as string }),
    itemsPerReplica: optionalNumber('items-per-replica'),
    cpuUtilizationPercent: optionalNumber('cpu-percent'),
    minReplicas: optionalNumber('min-replicas'),
    maxReplicas: optionalNumber('max-replicas'),
  };
  const defined = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  return format === 'keda'
    ? renderKedaScaledObject(defined as unknown as AutoscalingOptions)
    : renderKubernetesHpa(defined as unknown as AutoscalingOptions);
}

const OUTPUTS: Record<Command, (values: Values) => string> = {
  rules: rulesOutput,
  dashboard: dashboardOutput,
  metrics: metricsOutput,
  autoscaling: autoscalingOutput,
};

const defaultIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** Runs the `agentvitals` command line; resolves to the exit code. Never throws. */
export async function runCli(argv: readonly string[], io: CliIo = defaultIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined) {
    io.stderr(HELP);
    return EXIT_USAGE;
  }
  if (command === '-h' || command === '--help' || command === 'help') {
    io.stdout(HELP);
    return EXIT_OK;
  }
  if (command === '-v' || command === '--version') {
    io.stdout(`${version()}\n`);
    return EXIT_OK;
  }
  try {
    if (!Object.hasOwn(COMMAND_OPTIONS, command)) {
      throw new UsageError(`unknown command "${command}"; expected rules, dashboard, metrics or autoscaling`);
    }
    const name = command as Command;
    let values: Values;
    try {
      values = parseArgs({ args: [...rest], options: COMMAND_OPTIONS[name], strict: true }).values as Values;
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    if (values.help === true) {
      io.stdout(HELP);
      return EXIT_OK;
    }
    const text = OUTPUTS[name](values);
    const out = values.out as string | undefined;
    if (out === undefined) {
      io.stdout(text);
      return EXIT_OK;
    }
    try {
      await writeFile(out, text, 'utf8');
    } catch (error) {
      io.stderr(`agentvitals: cannot write ${out}: ${(error as Error).message}\n`);
      return EXIT_FAILURE;
    }
    io.stderr(`agentvitals: wrote ${out}\n`);
    return EXIT_OK;
  } catch (error) {
    if (error instanceof UsageError || error instanceof TypeError) {
      const message =
        error instanceof UsageError
          ? error.message
          : describeOptionErrors(error.message, THRESHOLD_FLAG_OF_ALERT);
      io.stderr(`agentvitals: ${message}\nRun "agentvitals --help" for usage.\n`);
      return EXIT_USAGE;
    }
    io.stderr(`agentvitals: ${(error as Error).stack ?? String(error)}\n`);
    return EXIT_FAILURE;
  }
}

function invokedDirectly(): boolean {
  const entry = process.argv[1];
  if (entry === undefined) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (invokedDirectly()) {
  // A full disk or a closed pipe on standard output: say so (a reader that left, as `| head`
  // does, needs no message) and exit 1, instead of an unhandled stream error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE')
      process.stderr.write(`agentvitals: cannot write standard output: ${error.message}\n`);
    process.exit(EXIT_FAILURE);
  });
  void runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
