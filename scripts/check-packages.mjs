// Checks every published package: exports map, engines, sideEffects, core's dependency rule,
// then publint and Are-The-Types-Wrong on the built package. Exits 1 listing every problem.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const problems = [];
const packages = readdirSync(join(root, 'packages'));

for (const dir of packages) {
  const path = join(root, 'packages', dir);
  const pkg = JSON.parse(readFileSync(join(path, 'package.json'), 'utf8'));
  const where = `${pkg.name} (packages/${dir})`;
  if (pkg.private) continue;
  if (pkg.engines?.node !== '>=22.15') problems.push(`${where}: engines.node must be ">=22.15"`);
  if (pkg.sideEffects !== false) problems.push(`${where}: sideEffects must be false`);
  if (pkg.license !== 'Apache-2.0') problems.push(`${where}: license must be Apache-2.0`);
  const main = pkg.exports?.['.'];
  for (const condition of ['import', 'require']) {
    if (!main?.[condition]?.types || !main?.[condition]?.default) {
      problems.push(`${where}: exports["."].${condition} needs types and default`);
    }
  }
  if (dir === 'core') {
    const runtime = Object.keys(pkg.dependencies ?? {});
    if (runtime.length > 0)
      problems.push(`${where}: core may have no runtime dependencies; found ${runtime.join(', ')}`);
    const peers = Object.keys(pkg.peerDependencies ?? {});
    if (peers.join() !== '@opentelemetry/api')
      problems.push(`${where}: core's only peer must be @opentelemetry/api`);
  }
  // A README is shown on npm without the repository around it: relative links there break.
  let readme = '';
  try {
    readme = readFileSync(join(path, 'README.md'), 'utf8');
  } catch {
    problems.push(`${where}: README.md is missing`);
  }
  for (const match of readme.matchAll(/\]\((?!https?:|#|mailto:)([^)]+)\)/g)) {
    problems.push(`${where}: README.md links to ${match[1]}, which is broken on npm; use an absolute URL`);
  }
  const run = (command, args) => {
    try {
      execFileSync(command, args, { cwd: path, stdio: 'pipe', encoding: 'utf8' });
    } catch (error) {
      problems.push(
        `${where}: ${command} ${args.join(' ')} failed:\n${error.stdout ?? ''}${error.stderr ?? ''}`,
      );
    }
  };
  run('npx', ['--no-install', 'publint', '--strict']);
  run('npx', ['--no-install', 'attw', '--pack', '.', '--profile', 'node16', '--format', 'table-flipped']);
}

if (problems.length > 0) {
  console.error(`package checks failed:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log(`package checks passed for ${packages.length} packages`);
