// Writes each package's src/package-version.ts from its package.json, so the version its
// instrumentation scope reports is never typed by hand. A package opts in by having the file
// (core and node always do). `--check` fails when one is stale.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const check = process.argv.includes('--check');
const stale = [];

for (const dir of readdirSync(join(root, 'packages'))) {
  const manifest = join(root, 'packages', dir, 'package.json');
  if (!existsSync(manifest) || !existsSync(join(root, 'packages', dir, 'src'))) continue;
  const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
  const file = join(root, 'packages', dir, 'src', 'package-version.ts');
  if (!existsSync(file) && dir !== 'core' && dir !== 'node') continue;
  const content =
    '// Generated from package.json by scripts/generate-versions.mjs: do not edit.\n' +
    `export const PACKAGE_NAME = '${pkg.name}';\n` +
    `export const PACKAGE_VERSION = '${pkg.version}';\n`;
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
  if (current === content) continue;
  if (check) stale.push(`packages/${dir}/src/package-version.ts`);
  else writeFileSync(file, content);
}

if (stale.length > 0) {
  console.error(`stale generated versions (run npm run docs:generate):\n- ${stale.join('\n- ')}`);
  process.exit(1);
}
