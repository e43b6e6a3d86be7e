import { accessSync, constants } from 'node:fs';
import path from 'node:path';

/**
 * System programs some tests run for real. On a machine without them those tests skip and
 * the run ends with one line naming what to install, unless real servers are required: in
 * CI (`CI=true`) or with `AGENTVITALS_REQUIRE_REAL_SERVERS=1`, a missing program fails.
 * `AGENTVITALS_SKIP_REAL_SERVERS=1` skips them even where the programs exist.
 */
export const SYSTEM_BINARIES = {
  prometheus: { debianPackage: 'prometheus' },
  promtool: { debianPackage: 'prometheus' },
  'prometheus-alertmanager': { debianPackage: 'prometheus-alertmanager' },
  amtool: { debianPackage: 'prometheus-alertmanager' },
} as const;

export type SystemBinary = keyof typeof SYSTEM_BINARIES;

/** The absolute path of `name` on PATH (or /usr/bin), or undefined. */
export function findBinary(name: string): string | undefined {
  const directories = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/bin', '/usr/local/bin'];
  for (const directory of directories) {
    if (!directory) continue;
    const candidate = path.join(directory, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

type Environment = Readonly<Record<string, string | undefined>>;

export const realServersRequired = (env: Environment = process.env): boolean =>
  env.CI === 'true' || env.AGENTVITALS_REQUIRE_REAL_SERVERS === '1';

export const realServersSkipped = (env: Environment = process.env): boolean =>
  env.AGENTVITALS_SKIP_REAL_SERVERS === '1';

/** The Debian packages that provide the missing binaries, de-duplicated. */
export function missingPackages(
  names: readonly SystemBinary[] = Object.keys(SYSTEM_BINARIES) as SystemBinary[],
): string[] {
  const packages = new Set<string>();
  for (const name of names) if (!findBinary(name)) packages.add(SYSTEM_BINARIES[name].debianPackage);
  return [...packages];
}

export function installHint(packages: readonly string[]): string {
  return `apt-get install ${packages.join(' ')}`;
}

export type Availability =
  | { readonly run: true; readonly paths: Readonly<Record<string, string>> }
  | { readonly run: false; readonly reason: string };

/**
 * Whether a test that needs `names` runs. Missing programs skip it, or throw where real
 * servers are required, with the command that installs them.
 */
export function needBinaries(...names: SystemBinary[]): Availability {
  return decideAvailability(names, findBinary, process.env);
}

/** `needBinaries` with the look-up and the environment given (for its own tests). */
export function decideAvailability(
  names: readonly SystemBinary[],
  find: (name: string) => string | undefined,
  env: Environment,
): Availability {
  if (realServersSkipped(env)) return { run: false, reason: 'AGENTVITALS_SKIP_REAL_SERVERS=1' };
  const paths: Record<string, string> = {};
  const missing: SystemBinary[] = [];
  for (const name of names) {
    const found = find(name);
    if (found) paths[name] = found;
    else missing.push(name);
  }
  if (missing.length === 0) return { run: true, paths };
  const packages = [...new Set(missing.map((name) => SYSTEM_BINARIES[name].debianPackage))];
  const reason = `${missing.join(', ')} not found: ${installHint(packages)}`;
  if (realServersRequired(env)) {
    const why = env.CI === 'true' ? 'CI=true' : 'AGENTVITALS_REQUIRE_REAL_SERVERS=1';
    throw new Error(`${reason} (required because ${why})`);
  }
  return { run: false, reason };
}
