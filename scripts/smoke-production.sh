#!/usr/bin/env bash
# The smoke test (scripts/smoke.ts) against the production build, as `npm test`
# runs it after `next build`: serves .next with scripts/e2e-server.sh on a free
# port and a throw-away SQLite database (the environment of E2E_SERVER_ENV in
# playwright.config.ts), waits for /api/health/, runs `npm run smoke` against
# it, and stops the server whatever happens. Shows the server's log when
# something failed. SMOKE_READY_TIMEOUT (seconds, default 120) bounds the wait.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

ready_timeout=${SMOKE_READY_TIMEOUT:-120}
data_dir=$(mktemp -d "${TMPDIR:-/tmp}/portal-smoke-XXXXXX")
log="$data_dir/server.log"
server_pid=""
: >"$log"

# A process that exited but was not reaped yet (a zombie) counts as gone.
server_alive() {
  local state
  state=$(ps -o stat= -p "$server_pid" 2>/dev/null) || return 1
  [[ $state != Z* ]]
}

# The server runs in its own process group (setsid), so migrate, seed and
# next start all go with it, whichever is running.
stop_server() {
  if [ -n "$server_pid" ]; then
    kill -TERM -- "-$server_pid" 2>/dev/null || true
    for _ in $(seq 100); do server_alive || break; sleep 0.1; done
    kill -KILL -- "-$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
  rm -rf "$data_dir"
}
trap stop_server EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

fail() {
  echo "smoke (production build): $*" >&2
  echo "---- server log (last 200 lines) ----" >&2
  tail -n 200 "$log" >&2 || true
  echo "---- end of server log ----" >&2
  exit 1
}

port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
base="http://127.0.0.1:$port"

setsid env \
  NODE_ENV=production \
  PORT="$port" \
  APP_URL="$base" \
  DATABASE_URL="file:$data_dir/portal.db" \
  AUTH_SECRET="$(node -e "console.log(require('crypto').randomBytes(32).toString('base64url'))")" \
  ENCRYPTION_KEY="$(node -e "console.log(require('crypto').randomBytes(32).toString('base64'))")" \
  SEED_DEMO_PASSWORD="smoke demo password" \
  WEBHOOK_ALLOW_PRIVATE_TARGETS=1 \
  STRIPE_SIMULATOR=1 \
  bash scripts/e2e-server.sh >"$log" 2>&1 &
server_pid=$!

echo "waiting for the production server at $base (log: $log)"
deadline=$((SECONDS + ready_timeout))
until node -e "fetch(process.argv[1], { signal: AbortSignal.timeout(5000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))" "$base/api/health/"; do
  server_alive || fail "the server exited before answering /api/health/"
  ((SECONDS < deadline)) || fail "no answer from $base/api/health/ within ${ready_timeout} s"
  sleep 1
done

status=0
npm run --silent smoke -- "$base" || status=$?
if [ "$status" -ne 0 ]; then
  fail "the smoke test failed (exit $status)"
fi
