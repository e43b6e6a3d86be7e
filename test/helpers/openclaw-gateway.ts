import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './prometheus.js';

/** The OpenClaw version the plugin is proven against. */
export const OPENCLAW_VERSION = '2026.9.6';

const repoRoot = new URL('../..', import.meta.url).pathname;
/** Where the pinned OpenClaw is installed, outside the workspaces (about 650 MB, cached between runs). */
export const OPENCLAW_PREFIX = join(repoRoot, '.tmp', 'openclaw');
const OPENCLAW_PACKAGE = join(OPENCLAW_PREFIX, 'node_modules', 'openclaw');
const OPENCLAW_CLI = join(OPENCLAW_PACKAGE, 'openclaw.mjs');
export const PLUGIN_DIR = join(repoRoot, 'packages', 'openclaw');

function installedVersion(): string | undefined {
  try {
    return JSON.parse(readFileSync(join(OPENCLAW_PACKAGE, 'package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}

/**
 * Installs the pinned OpenClaw into `.tmp/openclaw` unless that version is there already.
 * Lifecycle scripts are skipped: OpenClaw's postinstall only prunes stale files of upgrades.
 */
export function ensureOpenClaw(): string {
  if (installedVersion() !== OPENCLAW_VERSION) {
    mkdirSync(OPENCLAW_PREFIX, { recursive: true });
    execFileSync(
      'npm',
      [
        'install',
        '--prefix',
        OPENCLAW_PREFIX,
        '--no-save',
        '--no-audit',
        '--no-fund',
        '--ignore-scripts',
        '--loglevel=error',
        `openclaw@${OPENCLAW_VERSION}`,
      ],
      { stdio: 'inherit', timeout: 300_000 },
    );
  }
  if (installedVersion() !== OPENCLAW_VERSION)
    throw new Error(`openclaw@${OPENCLAW_VERSION} did not install`);
  return OPENCLAW_CLI;
}

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.on('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });

export interface AgentTurn {
  readonly exitCode: number;
  readonly json: Record<string, unknown> | undefined;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

export interface Gateway {
  readonly port: number;
  readonly home: string;
  readonly workspace: string;
  /** Everything the gateway printed so far. */
  output(): string;
  /** One `openclaw agent --session-key <key> --message <text> --json` turn through the gateway. */
  agent(options: {
    readonly agent?: string;
    readonly sessionKey: string;
    readonly message: string;
  }): Promise<AgentTurn>;
  stop(): Promise<void>;
}

export interface GatewayOptions {
  /** Base URL of the OpenAI-compatible model server (on 127.0.0.1). */
  readonly modelBaseUrl: string;
  /** The `config` of `plugins.entries.agentvitals`. */
  readonly pluginConfig: object;
  /** Agent ids besides `main`. */
  readonly agents?: readonly string[];
  /** Called with the workspace before the gateway starts. */
  readonly prepareWorkspace?: (workspace: string) => void;
  /** A URL that answers once `gateway_start` ran (the plugin's /metrics). */
  readonly readyUrl?: string;
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

/**
 * A real OpenClaw gateway on a loopback port with token auth, HOME and state in a fresh
 * temporary folder, a custom provider pointing at the scripted model server, and the plugin
 * loaded from this repository by OpenClaw's own loader (`plugins.load.paths`). Update
 * checks, telemetry, channels and Bonjour are off.
 */
export { freePort };

export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const cli = ensureOpenClaw();
  const home = mkdtempSync(join(tmpdir(), 'agentvitals-openclaw-'));
  const workspace = join(home, 'workspace');
  const stateDir = join(home, 'state');
  mkdirSync(workspace, { recursive: true });
  mkdirSync(stateDir, { recursive: true });
  options.prepareWorkspace?.(workspace);
  const port = await freePort();
  const token = `test-${Math.random().toString(36).slice(2)}-${Date.now()}`;
  const agents: Record<string, object> = { main: { default: true } };
  for (const id of options.agents ?? []) agents[id] = {};
  const config = {
    gateway: { mode: 'local', port, bind: 'loopback', auth: { mode: 'token', token } },
    update: { checkOnStart: false },
    telemetry: { enabled: false },
    models: {
      mode: 'replace',
      providers: {
        scripted: {
          baseUrl: options.modelBaseUrl,
          apiKey: 'sk-scripted',
          api: 'openai-completions',
          models: [
            {
              id: 'scripted-1',
              name: 'Scripted',
              reasoning: false,
              input: ['text'],
              cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 },
              contextWindow: 100_000,
              maxTokens: 4_096,
            },
          ],
        },
      },
    },
    agents: { defaults: { model: { primary: 'scripted/scripted-1' }, workspace }, entries: agents },
    plugins: {
      load: { paths: [PLUGIN_DIR] },
      entries: {
        agentvitals: {
          enabled: true,
          hooks: { allowConversationAccess: true },
          config: options.pluginConfig,
        },
      },
    },
  };
  const configPath = join(stateDir, 'openclaw.json');
  writeFileSync(configPath, JSON.stringify(config, null, 2));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    OPENCLAW_HOME: home,
    OPENCLAW_STATE_DIR: stateDir,
    OPENCLAW_CONFIG_PATH: configPath,
    OPENCLAW_GATEWAY_TOKEN: token,
    OPENCLAW_GATEWAY_PORT: String(port),
    OPENCLAW_NO_AUTO_UPDATE: '1',
    OPENCLAW_OFFLINE: '1',
    OPENCLAW_SKIP_CHANNELS: '1',
    OPENCLAW_SKIP_GMAIL_WATCHER: '1',
    OPENCLAW_SKIP_CANVAS_HOST: '1',
    OPENCLAW_DISABLE_BONJOUR: '1',
    // Anything that still tried to phone home would hit a closed local port.
    OPENCLAW_TELEMETRY_ENDPOINT: 'http://127.0.0.1:9/api/latest-version',
    DO_NOT_TRACK: '1',
    NO_COLOR: '1',
  };
  const node = process.execPath;
  let output = '';
  const child: ChildProcess = spawn(
    node,
    [cli, 'gateway', 'run', '--port', String(port), '--bind', 'loopback'],
    {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.on('exit', () => {
      exited = true;
      resolve();
    }),
  );
  const deadline = Date.now() + 150_000;
  // Listening is not enough: wait until gateway_start ran (the plugin serves its endpoint then).
  const ready = async () =>
    (await portOpen(port)) && (options.readyUrl === undefined || (await answers(options.readyUrl)));
  while (!(await ready())) {
    if (exited) throw new Error(`the gateway exited before it was ready:\n${output.slice(-4000)}`);
    if (Date.now() > deadline)
      throw new Error(`the gateway was not ready within 150 s:\n${output.slice(-4000)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }

  const agent: Gateway['agent'] = ({ agent: agentId, sessionKey, message }) =>
    new Promise((resolve) => {
      const started = Date.now();
      const args = [
        cli,
        'agent',
        '--session-key',
        sessionKey,
        '--message',
        message,
        '--json',
        '--timeout',
        '180',
      ];
      if (agentId !== undefined) args.push('--agent', agentId);
      execFile(node, args, { env, timeout: 200_000, maxBuffer: 1 << 26 }, (error, stdout, stderr) => {
        let json: Record<string, unknown> | undefined;
        try {
          json = JSON.parse(stdout);
        } catch {
          json = undefined;
        }
        const code = (error as { code?: unknown } | null)?.code;
        resolve({
          exitCode: typeof code === 'number' ? code : error ? 1 : 0,
          json,
          stdout,
          stderr,
          ms: Date.now() - started,
        });
      });
    });

  return {
    port,
    home,
    workspace,
    output: () => output,
    agent,
    async stop() {
      if (!exited) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exit;
        clearTimeout(timer);
      }
      if (existsSync(home)) rmSync(home, { recursive: true, force: true });
    },
  };
}
