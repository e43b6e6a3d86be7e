import {
  installHint,
  missingPackages,
  realServersRequired,
  realServersSkipped,
} from './helpers/system-binaries.js';

/** At the end of the run, one line says which real-server tests skipped and what to install. */
export function teardown(): void {
  if (realServersSkipped()) {
    process.stdout.write('\nReal-server tests skipped: AGENTVITALS_SKIP_REAL_SERVERS=1.\n');
    return;
  }
  if (realServersRequired()) return;
  const packages = missingPackages();
  if (packages.length > 0) {
    process.stdout.write(
      `\nReal-server tests skipped: Debian packages missing; to run them: ${installHint(packages)}\n`,
    );
  }
}
