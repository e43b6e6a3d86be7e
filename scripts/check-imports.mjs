#!/usr/bin/env node
/**
 * Checks the import graph of every workspace package's `src/`:
 *
 *   - no import cycle between files (type-only imports count: they tie modules together too);
 *   - no cycle between the top-level folders of one package's `src/` (`config` → `rules` →
 *     `config`); a subfolder counts as part of its top-level folder, and files directly in
 *     `src/` (the entry point, shared types) form no folder;
 *   - no module that nothing imports: every module must be reached from an entry point (the
 *     `entry` files of the package's `tsup.config.ts`, else `src/index.ts`), from a test, or
 *     from a file outside `src/` (scripts, cross-package tests, benchmarks). Tests
 *     (`*.test.ts`, `*.test-util.ts`) and `fixtures/` folders are exempt.
 *
 *   npm run check:imports            check every workspace
 *   node scripts/check-imports.mjs packages/alerts   check some
 *
 * Exits 1 and lists every finding when one is found. No dependency: imports are read with a
 * small scanner that handles `import`/`export ... from`, side-effect imports and `import()`.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const SOURCE = /\.(?:ts|tsx|mts|cts)$/;
const TEST = /\.(?:test|spec|test-util|bench)\.(?:ts|tsx|mts|cts)$/;
const FIXTURE = /[\\/]fixtures[\\/]/;
/** Folders outside the packages whose imports into a package count as uses. */
const OUTSIDE = ['scripts', 'test', 'bench', 'examples'];
const IMPORT =
  /(?:^|[\s;}])(?:import|export)\s+(?:type\s+)?(?:[\w*${}\s,]+?\s+from\s+)?['"]([^'"\n]+)['"]|\bimport\(\s*['"]([^'"\n]+)['"]\s*\)/g;

/** Source text with comments removed (strings kept), so commented-out imports do not count. */
function stripComments(text) {
  return text.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/(^|[^:'"`\\])\/\/[^\n]*/g, '$1');
}

function listFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...listFiles(path));
    else if (SOURCE.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** The file a relative specifier names (`./x.js` → `./x.ts`, `./dir` → `./dir/index.ts`). */
function resolveSpecifier(from, specifier, files) {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(from), specifier);
  const stem = base.replace(/\.(?:js|mjs|cjs|jsx|ts|mts|cts|tsx)$/, '');
  const candidates = [
    base,
    `${stem}.ts`,
    `${stem}.tsx`,
    `${stem}.mts`,
    `${stem}.cts`,
    join(base, 'index.ts'),
  ];
  return candidates.find((candidate) => files.has(candidate));
}

function entriesOf(packageDir) {
  const config = join(packageDir, 'tsup.config.ts');
  const entries = new Set();
  if (existsSync(config)) {
    const text = stripComments(readFileSync(config, 'utf8'));
    for (const match of text.matchAll(/entry\s*:\s*\[([^\]]*)\]/g)) {
      for (const item of match[1].matchAll(/['"]([^'"]+)['"]/g)) entries.add(resolve(packageDir, item[1]));
    }
  }
  if (entries.size === 0) entries.add(join(packageDir, 'src', 'index.ts'));
  return [...entries];
}

/** Strongly connected components with more than one node (or a self-loop): Tarjan's algorithm. */
function cycles(nodes, edgesOf) {
  let index = 0;
  const indices = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const found = [];
  const visit = (start) => {
    // Iterative, so deep graphs cannot overflow the call stack.
    const work = [{ node: start, next: 0, targets: [...edgesOf(start)] }];
    indices.set(start, index);
    low.set(start, index++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      if (frame.next < frame.targets.length) {
        const target = frame.targets[frame.next++];
        if (!indices.has(target)) {
          indices.set(target, index);
          low.set(target, index++);
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, next: 0, targets: [...edgesOf(target)] });
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(low.get(frame.node), indices.get(target)));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent !== undefined) low.set(parent.node, Math.min(low.get(parent.node), low.get(frame.node)));
      if (low.get(frame.node) === indices.get(frame.node)) {
        const component = [];
        let member;
        do {
          member = stack.pop();
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        if (component.length > 1 || edgesOf(frame.node).has(frame.node)) found.push(component.sort());
      }
    }
  };
  for (const node of nodes) if (!indices.has(node)) visit(node);
  return found;
}

/** Imports from files outside the packages (scripts, root tests, benchmarks) into any package. */
function outsideImports() {
  const files = [];
  for (const dir of OUTSIDE) {
    const path = join(root, dir);
    if (existsSync(path)) files.push(...listFiles(path).filter((file) => !file.includes(`${sep}src${sep}`)));
  }
  const targets = new Set();
  for (const file of files) {
    const text = stripComments(readFileSync(file, 'utf8'));
    for (const match of text.matchAll(IMPORT)) {
      const specifier = match[1] ?? match[2];
      if (specifier.startsWith('.')) targets.add(resolve(dirname(file), specifier).replace(/\.js$/, '.ts'));
    }
  }
  return targets;
}

function checkPackage(packageDir, usedFromOutside) {
  const src = join(packageDir, 'src');
  const problems = [];
  if (!existsSync(src)) return problems;
  const files = new Set(listFiles(src));
  const graph = new Map();
  for (const file of files) {
    const targets = new Set();
    const text = stripComments(readFileSync(file, 'utf8'));
    for (const match of text.matchAll(IMPORT)) {
      const target = resolveSpecifier(file, match[1] ?? match[2], files);
      if (target !== undefined) targets.add(target);
    }
    graph.set(file, targets);
  }
  const show = (file) => relative(root, file).split(sep).join(posix.sep);

  for (const component of cycles(graph.keys(), (file) => graph.get(file) ?? new Set())) {
    problems.push(`import cycle between files: ${component.map(show).join(' ↔ ')}`);
  }

  /** The top-level folder under src/, or undefined for a file directly in src/. */
  const folderOf = (file) => {
    const parts = relative(src, file).split(sep);
    return parts.length > 1 ? parts[0] : undefined;
  };
  const folders = new Map();
  const examples = new Map();
  for (const [file, targets] of graph) {
    const from = folderOf(file);
    if (from === undefined || TEST.test(file) || FIXTURE.test(file)) continue;
    if (!folders.has(from)) folders.set(from, new Set());
    for (const target of targets) {
      const to = folderOf(target);
      if (to === undefined || to === from) continue;
      folders.get(from).add(to);
      if (!folders.has(to)) folders.set(to, new Set());
      const key = `${from}\u0000${to}`;
      if (!examples.has(key)) examples.set(key, `${show(file)} → ${show(target)}`);
    }
  }
  for (const component of cycles(folders.keys(), (folder) => folders.get(folder) ?? new Set())) {
    const inside = new Set(component);
    const witnesses = [];
    for (const from of component)
      for (const to of folders.get(from))
        if (inside.has(to)) witnesses.push(`    ${examples.get(`${from}\u0000${to}`)}`);
    problems.push(
      `import cycle between folders of ${show(src)}: ${component.join(' ↔ ')}\n${witnesses.join('\n')}`,
    );
  }

  const roots = [
    ...entriesOf(packageDir),
    ...[...files].filter((file) => TEST.test(file) || usedFromOutside.has(file)),
  ].filter((file) => files.has(file));
  const reached = new Set(roots);
  const pending = [...roots];
  while (pending.length > 0) {
    for (const target of graph.get(pending.pop()) ?? []) {
      if (reached.has(target)) continue;
      reached.add(target);
      pending.push(target);
    }
  }
  for (const file of files) {
    if (!reached.has(file) && !FIXTURE.test(file)) {
      problems.push(`unused module (nothing imports it): ${show(file)}`);
    }
  }
  return problems;
}

function workspaces() {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const patterns = Array.isArray(manifest.workspaces)
    ? manifest.workspaces
    : (manifest.workspaces?.packages ?? []);
  const dirs = [];
  for (const pattern of patterns) {
    if (pattern.endsWith('/*')) {
      const parent = join(root, pattern.slice(0, -2));
      if (!existsSync(parent)) continue;
      for (const name of readdirSync(parent)) dirs.push(join(parent, name));
    } else dirs.push(join(root, pattern));
  }
  return dirs.filter((dir) => existsSync(join(dir, 'package.json')));
}

const requested = process.argv.slice(2).map((dir) => resolve(dir));
const packages = requested.length > 0 ? requested : workspaces();
const usedFromOutside = outsideImports();
let failures = 0;
for (const packageDir of packages) {
  const problems = checkPackage(packageDir, usedFromOutside);
  failures += problems.length;
  for (const problem of problems) console.error(`✗ ${problem}`);
}
if (failures > 0) {
  console.error(`\n${failures} import problem(s) in ${packages.length} package(s).`);
  process.exitCode = 1;
} else {
  console.log(`Imports OK: no cycle and no unused module in ${packages.length} package(s).`);
}
