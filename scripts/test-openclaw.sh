#!/usr/bin/env bash
# The OpenClaw plugin on a real gateway: installs the pinned openclaw into .tmp/openclaw (once;
# the folder is reused while it holds that version), then runs test/openclaw-gateway.test.ts.
# When the kernel allows it, the test runs in its own network namespace with only a loopback
# interface, so nothing can reach any address but 127.0.0.1. Prints the runner's summary.
set -euo pipefail
cd "$(dirname "$0")/.."
# The pinned Node 24 (OpenClaw needs >= 24.16) and the repository's tools first on PATH.
export PATH="$PWD/node_modules/.bin:$PATH"
node --version
mkdir -p .tmp

[ -f packages/openclaw/dist/index.js ] || npm run build

node_modules/.bin/tsx -e "import('./test/helpers/openclaw-gateway.ts').then((m) => console.log('openclaw', m.OPENCLAW_VERSION, 'at', m.ensureOpenClaw()))"

run_tests=(node_modules/.bin/vitest run test/openclaw-gateway.test.ts --reporter=default --reporter=json --outputFile.json=.tmp/vitest-openclaw-report.json)
status=0
if unshare -rn sh -c 'ip link set lo up' 2>/dev/null; then
  echo "running in a network namespace with loopback only"
  AGENTVITALS_OPENCLAW=1 unshare -rn sh -c 'ip link set lo up && exec "$@"' sh "${run_tests[@]}" || status=$?
else
  echo "no network namespace available; running with the test's own offline settings"
  AGENTVITALS_OPENCLAW=1 "${run_tests[@]}" || status=$?
fi
node scripts/print-test-summary.mjs .tmp/vitest-openclaw-report.json || true
exit "$status"
