// Writes docs/node.md from packages/node's option schema; `--check` fails when the file is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderNodeDoc } from '../packages/node/src/docs/render-node-doc.js';

const target = fileURLToPath(new URL('../docs/node.md', import.meta.url));
const text = renderNodeDoc();
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {}
  if (current !== text) {
    console.error('docs/node.md is out of date: run npx tsx scripts/generate-node-doc.ts');
    process.exit(1);
  }
} else {
  writeFileSync(target, text);
}
