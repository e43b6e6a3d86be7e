/**
 * Writes docs/metrics.md, and the series-name table of docs/prometheus.md, from the
 * semantic-conventions module.
 *
 *   npm run docs:generate   regenerate the file
 *   npm run docs:check     exit 1 when the committed file differs from what would be generated
 */
import { fileURLToPath } from 'node:url';
import { writeOrCheck } from './generated-file.js';
import { checkMetricsDoc } from './metrics-doc.js';
import { checkPrometheusDoc } from './prometheus-names-doc.js';

const target = fileURLToPath(new URL('../docs/metrics.md', import.meta.url));
await writeOrCheck(target, await checkMetricsDoc(target), 'packages/core/src/semconv');

const prometheusTarget = fileURLToPath(new URL('../docs/prometheus.md', import.meta.url));
await writeOrCheck(
  prometheusTarget,
  await checkPrometheusDoc(prometheusTarget),
  'packages/core/src/semconv',
  'series names',
);
