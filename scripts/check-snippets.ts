// Compiles every ```ts/```js snippet of README.md, docs/ and the package READMEs against the
// built packages (strict TypeScript), then runs each one with the pinned Node, one by one,
// with the stand-ins of scripts/snippets/prelude.ts. A snippet that needs a server says so in
// a comment above its fence (`<!-- snippet: otlp -->`, `alertmanager`) and gets one on
// 127.0.0.1; `<!-- snippet: compile-only: why -->` type-checks it without running it.
// Usage: npm run build && npm run check:snippets [-- <file filter>]
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startOtlpReceiver } from '../test/helpers/otlp-receiver.js';
import { extractSnippets, markdownFiles, type Snippet } from './snippets/extract.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const work = path.join(root, '.tmp', 'snippets');
const filter = process.argv[2];
const PRELUDE_LINES = 1;
const RUN_TIMEOUT_MS = 60_000;

interface Prepared {
  readonly snippet: Snippet;
  readonly file: string;
}

function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv, timeout: number) {
  return new Promise<{ code: number; output: string }>((resolve) => {
    execFile(
      command,
      [...args],
      { cwd: work, env, timeout, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolve({ code, output: `${stdout}${stderr}` });
      },
    );
  });
}

async function startAlertmanagerStandIn(): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(req.method === 'POST' && req.url === '/api/v2/alerts' ? 200 : 404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

function prepare(): Prepared[] {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  copyFileSync(path.join(root, 'scripts', 'snippets', 'prelude.ts'), path.join(work, 'prelude.ts'));
  writeFileSync(path.join(work, 'package.json'), JSON.stringify({ private: true, type: 'module' }));
  const prepared: Prepared[] = [];
  for (const markdown of markdownFiles(root)) {
    if (filter && !markdown.includes(filter)) continue;
    for (const snippet of extractSnippets(root, markdown)) {
      const name = `${snippet.file.replace(/[^a-zA-Z0-9]+/g, '-')}-${snippet.line}.${snippet.language === 'ts' ? 'ts' : 'mts'}`;
      writeFileSync(path.join(work, name), `import './prelude.js';\n${snippet.code}\nexport {};\n`);
      prepared.push({ snippet, file: name });
    }
  }
  writeFileSync(
    path.join(work, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        module: 'nodenext',
        moduleResolution: 'nodenext',
        target: 'es2023',
        lib: ['es2023'],
        types: ['node'],
        skipLibCheck: true,
        allowJs: true,
        checkJs: false,
        verbatimModuleSyntax: false,
      },
      include: ['*.ts', '*.mts'],
    }),
  );
  return prepared;
}

async function main() {
  const prepared = prepare();
  const byFile = new Map(prepared.map((entry) => [entry.file, entry]));
  const failures: string[] = [];

  const tsc = await run(
    process.execPath,
    [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', work],
    process.env,
    120_000,
  );
  const failedToCompile = new Set<string>();
  for (const line of tsc.output.split('\n')) {
    const match = /^([^(]+)\((\d+),(\d+)\): (error TS\d+: .*)$/.exec(line.trim());
    if (!match) continue;
    const entry = byFile.get(path.basename(match[1] as string));
    if (!entry) {
      failures.push(`(prelude or unknown file) ${line.trim()}`);
      continue;
    }
    const markdownLine = entry.snippet.line + Number(match[2]) - PRELUDE_LINES;
    failures.push(`${entry.snippet.file}:${markdownLine}: ${match[4]}`);
    failedToCompile.add(entry.file);
  }
  if (tsc.code !== 0 && failures.length === 0) failures.push(`tsc failed:\n${tsc.output}`);

  let ran = 0;
  let compileOnly = 0;
  for (const entry of prepared) {
    const { snippet } = entry;
    if (snippet.needs.compileOnly !== undefined) {
      compileOnly++;
      continue;
    }
    if (failedToCompile.has(entry.file)) continue;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      AGENTVITALS_PROMETHEUS_PORT: '0',
      // Secrets a snippet reads from its environment, as a deployment would provide them.
      ALERT_WEBHOOK_TOKEN: 'snippet-check-token-0123456789abcdef',
      AGENTVITALS_LOG_LEVEL: 'warn',
    };
    const cleanup: Array<() => Promise<void>> = [];
    if (snippet.needs.otlp) {
      const receiver = await startOtlpReceiver();
      env.OTEL_EXPORTER_OTLP_ENDPOINT = receiver.endpoint;
      cleanup.push(() => receiver.close());
    }
    if (snippet.needs.alertmanager) {
      const standIn = await startAlertmanagerStandIn();
      env.ALERTMANAGER_URL = standIn.url;
      cleanup.push(() => new Promise((resolve) => standIn.server.close(() => resolve())));
    }
    const result = await run(process.execPath, ['--import', 'tsx', entry.file], env, RUN_TIMEOUT_MS);
    for (const stop of cleanup) await stop();
    ran++;
    if (result.code !== 0) {
      failures.push(
        `${snippet.where}: exited with ${result.code} when run:\n${result.output.split('\n').slice(-15).join('\n')}`,
      );
    }
  }

  for (const failure of failures) console.error(`- ${failure}`);
  console.log(
    `snippets: ${prepared.length} found, ${prepared.length - failedToCompile.size} compiled, ${ran} ran, ${compileOnly} compile-only; ${failures.length} problem(s)`,
  );
  process.exit(failures.length > 0 ? 1 : 0);
}

await main();
