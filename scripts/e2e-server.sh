#!/usr/bin/env bash
# Serves the production build for Playwright on a fresh database, seeded with
# the demo tenant (owner, admin and member share SEED_DEMO_PASSWORD).
set -euo pipefail
cd "$(dirname "$0")/.."
npm run --silent db:migrate
npm run --silent db:seed -- --force  # a throw-away database, production build
exec node_modules/.bin/next start -p "$PORT" -H 127.0.0.1
