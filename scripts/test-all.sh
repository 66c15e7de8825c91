#!/usr/bin/env bash
# npm test — the whole suite, in the order that fails fastest:
# lint, typecheck, unit, integration (SQLite, then PostgreSQL when
# TEST_DATABASE_URL is set), production build, the smoke test against it,
# the shared rate limit across two instances (skipped without Redis),
# Playwright e2e.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "lint";                         npm run --silent lint
step "typecheck";                    npm run --silent typecheck
step "unit";                         npx vitest run --project unit
step "integration (SQLite)";         env -u TEST_DATABASE_URL npx vitest run --project integration
if [ -n "${TEST_DATABASE_URL:-}" ]; then
  step "integration (PostgreSQL at ${TEST_DATABASE_URL%%\?*})"
  npx vitest run --project integration
else
  step "integration (PostgreSQL): skipped, TEST_DATABASE_URL is not set"
fi
step "production build";             npm run --silent build
step "smoke (production build)";     bash scripts/smoke-production.sh
step "shared rate limit (two production servers, one Redis)"; npm run --silent test:shared-limit
step "e2e (Playwright, Chromium)";   npx playwright test
