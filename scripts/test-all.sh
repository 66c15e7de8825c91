#!/usr/bin/env bash
# npm test — the whole suite, in the order that fails fastest:
# lint and typecheck (side by side), unit, integration (SQLite and, side by side, PostgreSQL when
# TEST_DATABASE_URL is set), production build, the smoke test against it,
# the fleet under load and faults (nginx, two instances, two workers,
# PostgreSQL and Redis; skipped without TEST_DATABASE_URL), Playwright e2e.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

# Each step is stamped with the seconds since the suite began, so a slow CI log says where the time went.
suite_start=$(date +%s)
step() { printf '\n\033[1m== %s\033[0m  (+%ss)\n' "$*" "$(( $(date +%s) - suite_start ))"; }

# Lint and typecheck each keep one core busy: they run side by side, each
# into a log of its own, shown in order once both are done.
checks=$(mktemp -d)
npm run --silent lint >"$checks/lint.log" 2>&1 & lint_pid=$!
npm run --silent typecheck >"$checks/typecheck.log" 2>&1 & typecheck_pid=$!
lint_status=0; wait "$lint_pid" || lint_status=$?
typecheck_status=0; wait "$typecheck_pid" || typecheck_status=$?
step "lint";                         cat "$checks/lint.log"
step "typecheck";                    cat "$checks/typecheck.log"
rm -rf "$checks"
if [ "$lint_status" -ne 0 ] || [ "$typecheck_status" -ne 0 ]; then
  echo "lint exited $lint_status, typecheck exited $typecheck_status" >&2
  exit 1
fi
step "unit";                         npx vitest run --project unit
# The two integration runs wait on their databases more than they compute (about one core
# between them): they run side by side, each into a log of its own, shown in order.
integration=$(mktemp -d)
step "integration (SQLite and PostgreSQL side by side)"
env -u TEST_DATABASE_URL npx vitest run --project integration >"$integration/sqlite.log" 2>&1 & sqlite_pid=$!
postgres_pid=""
if [ -n "${TEST_DATABASE_URL:-}" ]; then
  npx vitest run --project integration >"$integration/postgres.log" 2>&1 & postgres_pid=$!
fi
sqlite_status=0; wait "$sqlite_pid" || sqlite_status=$?
postgres_status=0; if [ -n "$postgres_pid" ]; then wait "$postgres_pid" || postgres_status=$?; fi
step "integration (SQLite)";         cat "$integration/sqlite.log"
if [ -n "$postgres_pid" ]; then
  step "integration (PostgreSQL at ${TEST_DATABASE_URL%%\?*})"; cat "$integration/postgres.log"
else
  step "integration (PostgreSQL): skipped, TEST_DATABASE_URL is not set"
fi
rm -rf "$integration"
if [ "$sqlite_status" -ne 0 ] || [ "$postgres_status" -ne 0 ]; then
  echo "integration exited $sqlite_status on SQLite, $postgres_status on PostgreSQL" >&2
  exit 1
fi
step "production build";             npm run --silent build
step "smoke (production build)";     bash scripts/smoke-production.sh
if [ -n "${TEST_DATABASE_URL:-}" ]; then
  step "fleet (nginx, two instances, two workers, PostgreSQL, Redis)"; npm run --silent test:fleet
else
  step "fleet: skipped, TEST_DATABASE_URL is not set"
fi
step "e2e (Playwright, Chromium)";   npx playwright test
step "done"
