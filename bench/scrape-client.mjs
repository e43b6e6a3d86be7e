// The scraper of bench/scrape.mjs, in a worker thread so that reading the response does not run
// on the agent's event loop (Prometheus is another process too). Answers each URL it is sent
// with the wall time of the scrape, the response size and its number of series lines.
import { parentPort } from 'node:worker_threads';

parentPort.on('message', async (url) => {
  const started = performance.now();
  const response = await fetch(url);
  const text = await response.text();
  const ms = performance.now() - started;
  const series = text.split('\n').filter((line) => line !== '' && !line.startsWith('#')).length;
  parentPort.postMessage({ ms, bytes: text.length, series, status: response.status });
});
