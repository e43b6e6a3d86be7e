// One replica of the agent `billing`: its own `start()` with a guard, a fleet hold and the alert
// webhook (`POST /alerts` on its Prometheus port, the bearer token on the command line), and a
// heartbeat every second. Prints `port <n>`; on a line `spend <usd/h>` on stdin it makes priced
// calls at that rate until one is refused, then probes at no cost until a call is admitted again.
// Prints each step:
//   webhook hold|release <agent> <reason>   a notification reached this replica's webhook
//   refused while [not] held: <error> <breaker>: <message>   the guard refused the agent's call
//   admitted                                a call went through again after the refusal
import { createInterface } from 'node:readline';
import { createFleetHold, createGuard } from '@agentvitals/alerts';
import { start } from '@agentvitals/node';
import { REPLICA_AGENT } from './configs.js';
import { pricedCall, SIM_PRICING, spendAt } from './spend.js';

const [index = '0', token = ''] = process.argv.slice(2);
const say = (line: string) => process.stdout.write(`${line}\n`);
const guard = createGuard({ rules: [], breaker: { coolDownMs: 500 } });
const hold = createFleetHold({ guard });
const av = await start({
  agentName: REPLICA_AGENT,
  serviceName: `${REPLICA_AGENT}-replica-${index}`,
  env: {},
  signals: false,
  prometheus: { host: '127.0.0.1', port: 0 },
  guard: [guard, hold],
  alertWebhook: {
    token,
    // The fleet hold, with each notification the webhook applies written to stdout.
    hold: {
      hold: (agent, reason) => {
        say(`webhook hold ${agent} ${reason}`);
        return hold.hold(agent, reason);
      },
      release: (agent, reason) => {
        say(`webhook release ${agent} ${reason}`);
        return hold.release(agent, reason);
      },
    },
  },
  vitals: { pricing: SIM_PRICING },
});
av.vitals.heartbeat();
const heartbeat = setInterval(() => av.vitals.heartbeat(), 1_000);
say(`port ${av.prometheus?.port}`);

let state: 'idle' | 'spending' | 'held' | 'admitted' = 'idle';
let stopSpending = () => {};
const describe = (error: unknown) =>
  error instanceof Error
    ? `${error.name} ${(error as { breakerName?: string }).breakerName}: ${error.message}`
    : String(error);
const call = (tokens: number) =>
  pricedCall(av.vitals, state === 'spending' ? tokens : 0).then(
    () => {
      if (state !== 'held') return;
      state = 'admitted';
      stopSpending();
      say('admitted');
    },
    (error: unknown) => {
      if (state !== 'spending') return;
      state = 'held';
      say(`refused ${hold.isHeld(REPLICA_AGENT) ? 'while held' : 'while not held'}: ${describe(error)}`);
    },
  );

createInterface({ input: process.stdin }).on('line', (line) => {
  const [command, usdPerHour = ''] = line.trim().split(' ');
  if (command !== 'spend' || state !== 'idle') return;
  state = 'spending';
  stopSpending = spendAt(Number(usdPerHour), (tokens) => void call(tokens));
  say('spending');
});
process.stdin.on('end', () => {
  clearInterval(heartbeat);
  stopSpending();
  void av.shutdown().then(() => process.exit(0));
});
