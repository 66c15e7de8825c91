// npm run screenshots:docs — copies the README's screenshots out of the last
// e2e run's artifacts (e2e/pages.spec.ts keeps every page at both widths).
import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const from = path.join(root, "e2e", "artifacts", "screenshots");
const to = path.join(root, "docs", "screenshots");

// README name ← the e2e screenshot it shows.
const PICKS = {
  "dashboard.png": "page-dashboard-desktop.png",
  "stripe.png": "page-stripe-connected-desktop.png",
  "webhooks.png": "page-webhooks-configured-desktop.png",
  "api-keys.png": "page-api-keys-desktop.png",
  "team.png": "page-team-desktop.png",
  "audit-log.png": "page-audit-log-desktop.png",
  "dashboard-phone.png": "page-dashboard-phone.png",
};

mkdirSync(to, { recursive: true });
const missing = Object.values(PICKS).filter((source) => !existsSync(path.join(from, source)));
if (missing.length > 0) {
  console.error(`screenshots:docs: run the e2e suite first (npm run build && npm run test:e2e); missing in ${from}:\n  ${missing.join("\n  ")}`);
  process.exit(1);
}
for (const [name, source] of Object.entries(PICKS)) copyFileSync(path.join(from, source), path.join(to, name));
console.log(`screenshots:docs: copied ${Object.keys(PICKS).length} screenshots into docs/screenshots/`);
