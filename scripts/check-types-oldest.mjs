// Type-checks the packed packages' declarations with the oldest TypeScript we support (5.0),
// as an existing bot would compile against them: `npm pack` each package, unpack it into a
// consumer project, and run tsc with skipLibCheck off, for ESM and CommonJS consumers.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const work = join(root, '.tmp', 'types-oldest');
// The oldest TypeScript we support, and Node's types of a release that still supports it,
// installed apart from the repository's own toolchain (their `tsc` would clash with ours).
const OLDEST = ['typescript@5.0.4', '@types/node@22.10.0'];
const toolchain = join(root, '.tmp', 'typescript-oldest');
if (!existsSync(join(toolchain, 'node_modules', 'typescript', 'package.json'))) {
  mkdirSync(toolchain, { recursive: true });
  writeFileSync(join(toolchain, 'package.json'), JSON.stringify({ private: true }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--no-save', ...OLDEST], {
    cwd: toolchain,
    stdio: 'inherit',
  });
}
const tsc = join(toolchain, 'node_modules', 'typescript', 'bin', 'tsc');
const version = JSON.parse(
  readFileSync(join(toolchain, 'node_modules', 'typescript', 'package.json'), 'utf8'),
).version;

rmSync(work, { recursive: true, force: true });
mkdirSync(join(work, 'node_modules', '@agentvitals'), { recursive: true });
cpSync(join(toolchain, 'node_modules', '@types', 'node'), join(work, 'node_modules', '@types', 'node'), {
  recursive: true,
});

const names = [];
for (const dir of readdirSync(join(root, 'packages'))) {
  const pkgPath = join(root, 'packages', dir);
  let pkg;
  try {
    pkg = JSON.parse(readFileSync(join(pkgPath, 'package.json'), 'utf8'));
  } catch {
    continue;
  }
  if (pkg.private) continue;
  const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], {
    cwd: pkgPath,
    encoding: 'utf8',
  })
    .trim()
    .split('\n')
    .pop();
  const target = join(work, 'node_modules', ...pkg.name.split('/'));
  mkdirSync(target, { recursive: true });
  execFileSync('tar', ['-xzf', join(work, tarball), '-C', target, '--strip-components=1']);
  names.push(pkg.name);
}

// Third-party declarations that need a newer TypeScript than 5.0, whatever we ship. A bot on
// TypeScript 5.0 that imports the package named here needs `skipLibCheck` (docs/node.md says so).
const KNOWN_THIRD_PARTY = {
  'thread-stream': "pino's worker-thread types need @types/node >= 22.15, which needs TypeScript >= 5.1",
  zod: "zod 4's declarations use NoInfer, which needs TypeScript >= 5.4",
  '@openai/agents-core':
    "OpenAI Agents JS's declarations use a generic Uint8Array, which needs TypeScript >= 5.7",
  '@openai/agents-openai':
    "OpenAI Agents JS's declarations use a generic Uint8Array, which needs TypeScript >= 5.7",
  '@langchain/core': "LangChain's declarations need a TypeScript newer than 5.0",
};

const variants = [
  { name: 'esm', type: 'module', file: 'index.ts', line: (name) => `import * as used from '${name}';` },
  { name: 'cjs', type: 'commonjs', file: 'index.cts', line: (name) => `import used = require('${name}');` },
];
let failed = false;
for (const name of names) {
  for (const variant of variants) {
    const dir = join(work, `${name.split('/').pop()}-${variant.name}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ private: true, type: variant.type }));
    writeFileSync(join(dir, variant.file), `${variant.line(name)}\nexport const all = [used];\n`);
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          module: 'node16',
          moduleResolution: 'node16',
          target: 'es2022',
          types: ['node'],
          typeRoots: [join(work, 'node_modules', '@types')],
        },
        files: [variant.file],
      }),
    );
    let output = '';
    try {
      execFileSync(process.execPath, [tsc, '-p', dir], { cwd: dir, stdio: 'pipe', encoding: 'utf8' });
    } catch (error) {
      output = `${error.stdout ?? ''}${error.stderr ?? ''}`;
    }
    const errors = output.split('\n').filter((line) => /error TS\d+/.test(line));
    const known = new Set();
    const blocking = errors.filter((line) => {
      const owner = Object.keys(KNOWN_THIRD_PARTY).find((pkg) => line.includes(`node_modules/${pkg}/`));
      if (owner) known.add(owner);
      return owner === undefined;
    });
    const notes = [...known].map((pkg) => ` (note: ${pkg}: ${KNOWN_THIRD_PARTY[pkg]})`).join('');
    if (blocking.length > 0) {
      failed = true;
      console.error(
        `TypeScript ${version}, ${name} (${variant.name}): FAILED${notes}\n${blocking.join('\n')}`,
      );
    } else {
      console.log(`TypeScript ${version}, ${name} (${variant.name}): ok${notes}`);
    }
  }
}
process.exit(failed ? 1 : 0);
