import { start } from '@agentvitals/node';
import { parseDemoArgs, USAGE, UsageError } from './args.js';
import { AGENT_NAME, runDemo } from './demo.js';
import { renderSummary } from './summary.js';

// stdout carries the JSON log lines (for a log shipper); the human-readable output goes to stderr.
const say = (text: string) => process.stderr.write(`${text}\n`);

async function main(): Promise<number> {
  let args: ReturnType<typeof parseDemoArgs>;
  try {
    args = parseDemoArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    say(`${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    say(USAGE);
    return 0;
  }

  const av = await start({
    serviceName: AGENT_NAME,
    agentName: AGENT_NAME,
    environment: 'dev',
    prometheus: {
      ...(args.port !== undefined ? { port: args.port } : {}),
      ...(args.host !== undefined ? { host: args.host } : {}),
    },
  });
  say(
    av.prometheus
      ? `support-bot: Prometheus metrics at ${av.prometheus.url} (scrape it while the demo runs${args.lingerSeconds > 0 ? ` and for ${args.lingerSeconds} s after` : ''})`
      : 'support-bot: the Prometheus endpoint is off (AGENTVITALS_PROMETHEUS=false); no summary can be read back',
  );
  say(`support-bot: ${args.tickets} tickets, ${args.concurrency} at a time; JSON logs follow on stdout\n`);

  try {
    const run = await runDemo(av, args);
    if (run.summary) say(`\n${renderSummary(run.summary)}`);
    if (run.leftInQueue > 0)
      say(`${run.leftInQueue} tickets were left in the queue when --duration ran out.`);
    if (args.lingerSeconds > 0 && av.prometheus) {
      say(`\nServing ${av.prometheus.url} for ${args.lingerSeconds} s more (Ctrl-C stops).`);
      await new Promise((resolve) => setTimeout(resolve, args.lingerSeconds * 1000));
    }
    return 0;
  } finally {
    await av.shutdown();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    say(`support-bot: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
