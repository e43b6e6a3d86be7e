/**
 * Writes docs/pricing.md from the shipped pricing table (packages/core/src/pricing).
 *
 *   npm run docs:generate   regenerate the file
 *   npm run docs:check     exit 1 when the committed file differs from what would be generated
 */
import { fileURLToPath } from 'node:url';
import { writeOrCheck } from './generated-file.js';
import { checkPricingDoc } from './pricing-doc.js';

const target = fileURLToPath(new URL('../docs/pricing.md', import.meta.url));
await writeOrCheck(target, await checkPricingDoc(target), 'packages/core/src/pricing');
