#!/usr/bin/env bash
# `npm test`: installs what the suites need, then type-checks, lints, checks formatting
# and runs unit, integration and end-to-end tests. With DATABASE_URL set, the integration
# and e2e suites run on that PostgreSQL, each in schemas of their own. Prints one summary
# line and exits non-zero on any failure.
set -u
cd "$(dirname "$0")/.."

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[test] installing npm packages…"
  npm ci --no-audit --no-fund || npm install --no-audit --no-fund || exit 1
fi

if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = "0" ]; then
    echo "[test] installing Debian's chromium…"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || { echo "[test] could not install chromium"; exit 1; }
  else
    echo "[test] chromium is missing; install it (apt-get install chromium) or run as root"; exit 1
  fi
fi

# On PostgreSQL the suites log in as a role that is only a member of the app role, as a server
# started with MIGRATE=0 does; the owner (DATABASE_URL) migrates and seeds (docs/decisions/0060).
if [ -n "${DATABASE_URL:-}" ] && [ -z "${APP_DATABASE_URL:-}" ]; then
  if npx tsx db/cli.ts login-role sts_web_test >/dev/null; then
    APP_DATABASE_URL="$(node -e 'const u = new URL(process.env.DATABASE_URL); u.username = "sts_web_test"; u.password = ""; console.log(u.href)')"
    export APP_DATABASE_URL
    echo "[test] PostgreSQL suites log in as sts_web_test"
  else
    echo "[test] could not create the login role sts_web_test"; exit 1
  fi
fi

mkdir -p .test-reports
rm -f .test-reports/*.json
status=0
step() {
  local name="$1"; shift
  echo
  echo "── $name ──"
  if "$@"; then echo "[test] $name: ok"; else echo "[test] $name: FAILED"; status=1; fi
}

step "type-check" npx tsc --noEmit
step "lint" npx eslint .
step "format" npx prettier --check --log-level warn .
step "build" npx remix vite:build --logLevel warn
step "unit" npx vitest run --project unit --reporter=default --reporter=json --outputFile.json=.test-reports/unit.json
step "integration" npx vitest run --project integration --reporter=default --reporter=json --outputFile.json=.test-reports/integration.json
step "e2e" npx playwright test

node scripts/summary.mjs || status=1
exit $status
