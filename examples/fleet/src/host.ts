// One process of the fleet: hosts the agents named on the command line through `start()`, each
// with its own `createVitals` and a heartbeat every second. Prints `port <n>` once its
// Prometheus endpoint listens, then obeys one command a line on stdin, and confirms each:
//   stop <agent>               the agent's heartbeats stop (its loop is stuck): `stopped <agent>`
//   restart-without <agent>    the SDK is shut down and started again on the same port without the
//                              agent, as a process redeployed with one agent fewer:
//                              `restarted without <agent>`
//   spend <agent> <usd/h>      the agent makes priced reasoning calls at that rate: `spending <agent>`
//   sentiment <agent> <share>  the agent records 5 customer messages a second, that share of them
//                              negative, through the sentiment analyzer: `sentiment <agent>`
import { createInterface } from 'node:readline';
import { type AgentVitalsNode, start } from '@agentvitals/node';
import { pricedCall, SIM_PRICING, spendAt } from './spend.js';

const UNHAPPY = 'This is useless, I want a refund now.';
const CONTENT = 'Thanks, that solved it, great help!';

const [index = '0', names = ''] = process.argv.slice(2);
const hosted = names.split(',').filter((name) => name !== '');
const beating = new Set(hosted);
const vitals = new Map<string, AgentVitalsNode['vitals']>();
const stops: (() => void)[] = [];

async function startSdk(port: number): Promise<AgentVitalsNode> {
  const av = await start({
    agentName: hosted[0] ?? 'fleet-host',
    serviceName: `fleet-host-${index}`,
    env: {},
    signals: false,
    prometheus: { host: '127.0.0.1', port },
  });
  vitals.clear();
  for (const name of hosted) vitals.set(name, av.createVitals({ agentName: name, pricing: SIM_PRICING }));
  return av;
}

const every = (ms: number, action: () => void) => {
  const timer = setInterval(action, ms);
  stops.push(() => clearInterval(timer));
};
const beat = () => {
  for (const name of beating) vitals.get(name)?.heartbeat();
};
let av = await startSdk(0);
beat();
every(1_000, beat);
process.stdout.write(`port ${av.prometheus?.port}\n`);

const commands: Record<string, (name: string, value: number) => Promise<boolean> | boolean> = {
  stop: (name) => beating.delete(name),
  'restart-without': async (name) => {
    if (!hosted.includes(name)) return false;
    const port = av.prometheus?.port ?? 0;
    await av.shutdown();
    hosted.splice(hosted.indexOf(name), 1);
    beating.delete(name);
    av = await startSdk(port);
    beat();
    return true;
  },
  spend: (name, usdPerHour) => {
    if (!vitals.has(name) || !(usdPerHour > 0)) return false;
    stops.push(
      spendAt(usdPerHour, (tokens) => {
        const agent = vitals.get(name);
        if (agent) void pricedCall(agent, tokens).catch(() => undefined);
      }),
    );
    return true;
  },
  sentiment: (name, share) => {
    if (!vitals.has(name) || !(share >= 0 && share <= 1)) return false;
    let sent = 0;
    every(200, () => {
      const negative = Math.floor((sent + 1) * share) > Math.floor(sent * share);
      sent += 1;
      vitals.get(name)?.sentiment(negative ? UNHAPPY : CONTENT);
    });
    return true;
  },
};
const confirmations: Record<string, string> = {
  stop: 'stopped',
  'restart-without': 'restarted without',
  spend: 'spending',
  sentiment: 'sentiment',
};

// One command at a time, in order: a restart finishes before the next command runs.
let queue = Promise.resolve();
createInterface({ input: process.stdin }).on('line', (line) => {
  const [command = '', name = '', value = ''] = line.trim().split(' ');
  const run = commands[command];
  if (run === undefined) return;
  queue = queue.then(async () => {
    if (await run(name, Number(value))) process.stdout.write(`${confirmations[command]} ${name}\n`);
  });
});
process.stdin.on('end', () => {
  for (const stop of stops) stop();
  void queue.then(() => av.shutdown()).then(() => process.exit(0));
});
