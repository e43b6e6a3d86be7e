/**
 * Writes docs/pricing.md from the shipped pricing table (packages/core/src/pricing).
 *
 *   npm run docs:generate   regenerate the file
 *   npm run docs:check     exit 1 when the committed file differs from what would be generated
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkPricingDoc } from './pricing-doc.js';

const target = fileURLToPath(new URL('../docs/pricing.md', import.meta.url));
const shown = relative(process.cwd(), target) || target;
const { upToDate, expected } = await checkPricingDoc(target);

if (process.argv.includes('--check')) {
  if (upToDate) {
    console.log(`${shown} is up to date.`);
  } else {
    console.error(
      `${shown} is out of date with packages/core/src/pricing.\nRun \`npm run docs:generate\` and commit the result.`,
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
