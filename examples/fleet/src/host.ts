// One process of the fleet: hosts the agents named on the command line through `start()`, each
// with its own `createVitals` and a heartbeat every second. Prints `port <n>` once its
// Prometheus endpoint listens; on a line `stop <agent>` on stdin it stops that agent's
// heartbeats and prints `stopped <agent>`.
import { createInterface } from 'node:readline';
import { start } from '@agentvitals/node';

const [index = '0', names = ''] = process.argv.slice(2);
const agentNames = names.split(',').filter((name) => name !== '');
const av = await start({
  agentName: agentNames[0] ?? 'fleet-host',
  serviceName: `fleet-host-${index}`,
  env: {},
  signals: false,
  prometheus: { host: '127.0.0.1', port: 0 },
});
const agents = new Map(agentNames.map((name) => [name, av.createVitals({ agentName: name })]));
const beat = () => {
  for (const vitals of agents.values()) vitals.heartbeat();
};
beat();
const timer = setInterval(beat, 1_000);
process.stdout.write(`port ${av.prometheus?.port}\n`);

createInterface({ input: process.stdin }).on('line', (line) => {
  const [command, name = ''] = line.trim().split(' ');
  if (command === 'stop' && agents.delete(name)) process.stdout.write(`stopped ${name}\n`);
});
process.stdin.on('end', () => {
  clearInterval(timer);
  void av.shutdown().then(() => process.exit(0));
});
