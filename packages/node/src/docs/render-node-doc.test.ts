import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENV_VARIABLES } from '../config/env-variables.js';
import { renderNodeDoc } from './render-node-doc.js';

describe('docs/node.md', () => {
  const text = renderNodeDoc();

  it('is current (regenerate with npx tsx scripts/generate-node-doc.ts)', () => {
    const committed = readFileSync(new URL('../../../../docs/node.md', import.meta.url), 'utf8');
    expect(committed).toBe(text);
  });

  it('documents every option and environment variable', () => {
    for (const path of [
      'serviceName',
      'prometheus.port',
      'otlp.protocol',
      'metrics.cardinalityLimit',
      'thoughts.toLogger',
      'signals',
      'env',
    ]) {
      expect(text).toContain(`| \`${path}\` |`);
    }
    for (const variable of ENV_VARIABLES) expect(text).toContain(`| \`${variable.name}\` |`);
  });
});
