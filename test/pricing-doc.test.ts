import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PRICING_TABLE, PRICING_TABLE_DATE, PRICING_TABLE_SOURCES } from '../packages/core/src/index.js';
import { checkPricingDoc, renderPricingDoc } from '../scripts/pricing-doc.js';

const committed = fileURLToPath(new URL('../docs/pricing.md', import.meta.url));

describe('docs/pricing.md', () => {
  it('is current: run `npm run docs:generate` after changing packages/core/src/pricing', async () => {
    const { upToDate } = await checkPricingDoc(committed);
    expect(upToDate).toBe(true);
  });

  it('lists every priced model with its prices, the date and every source', () => {
    const doc = renderPricingDoc();
    expect(doc).toContain(PRICING_TABLE_DATE);
    for (const source of PRICING_TABLE_SOURCES) expect(doc).toContain(source);
    for (const [model, price] of Object.entries(PRICING_TABLE)) {
      const line = doc.split('\n').find((text) => text.startsWith(`| \`${model}\` |`));
      expect(line, model).toBeDefined();
      expect(line).toContain(` ${price.input} |`);
      expect(line).toContain(` ${price.output} |`);
    }
  });
});
