/**
 * Writes docs/metrics.md, and the series-name table of docs/prometheus.md, from the
 * semantic-conventions module.
 *
 *   npm run docs:generate   regenerate the file
 *   npm run docs:check     exit 1 when the committed file differs from what would be generated
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkMetricsDoc } from './metrics-doc.js';
import { checkPrometheusDoc } from './prometheus-names-doc.js';

const target = fileURLToPath(new URL('../docs/metrics.md', import.meta.url));
const shown = relative(process.cwd(), target) || target;
const { upToDate, expected } = await checkMetricsDoc(target);

if (process.argv.includes('--check')) {
  if (upToDate) {
    console.log(`${shown} is up to date.`);
  } else {
    console.error(
      `${shown} is out of date with packages/core/src/semconv.\nRun \`npm run docs:generate\` and commit the result.`,
    );
    process.exitCode = 1;
  }
} else if (upToDate) {
  console.log(`${shown} is already up to date.`);
} else {
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, expected, 'utf8');
  console.log(`Wrote ${shown}.`);
}

const prometheusTarget = fileURLToPath(new URL('../docs/prometheus.md', import.meta.url));
const prometheusShown = relative(process.cwd(), prometheusTarget) || prometheusTarget;
const prometheusDoc = await checkPrometheusDoc(prometheusTarget);
if (process.argv.includes('--check')) {
  if (prometheusDoc.upToDate) {
    console.log(`${prometheusShown} (series names) is up to date.`);
  } else {
    console.error(
      `${prometheusShown}: the series-name table is out of date with packages/core/src/semconv.\nRun \`npm run docs:generate\` and commit the result.`,
    );
    process.exitCode = 1;
  }
} else if (!prometheusDoc.upToDate) {
  await writeFile(prometheusTarget, prometheusDoc.expected, 'utf8');
  console.log(`Wrote the series-name table of ${prometheusShown}.`);
}
