import { runExample } from './run-example.js';

runExample().then(
  (report) => {
    process.stdout.write(`${report}\n`);
  },
  (error: unknown) => {
    process.stderr.write(`openai-agents-agent: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
