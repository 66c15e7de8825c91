import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

// The config is evaluated by the runner and again by each worker: pick the
// port and database once and hand them down through the environment.
const freePort = () =>
  execFileSync(process.execPath, ["-e", "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"])
    .toString()
    .trim();
process.env.E2E_PORT ??= freePort();
// A second server in Stripe's oauth onboarding mode (the default server uses account links).
process.env.E2E_OAUTH_PORT ??= freePort();
if (!process.env.E2E_DATA_DIR) process.env.E2E_DATA_DIR = mkdtempSync(path.join(tmpdir(), "portal-e2e-"));

const port = Number(process.env.E2E_PORT);
const baseURL = `http://127.0.0.1:${port}`;
export const oauthBaseURL = `http://127.0.0.1:${process.env.E2E_OAUTH_PORT}`;

export const E2E_SERVER_ENV = {
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  PORT: String(port),
  APP_URL: baseURL,
  DATABASE_URL: `file:${path.join(process.env.E2E_DATA_DIR, "portal.db")}`,
  AUTH_SECRET: "e2e-auth-secret-at-least-32-characters-long",
  ENCRYPTION_KEY: Buffer.alloc(32, 3).toString("base64"),
  SEED_DEMO_PASSWORD: "e2e demo password",
  // The webhook tests deliver to a receiver on 127.0.0.1 (the SSRF rules are proven in the integration suite).
  WEBHOOK_ALLOW_PRIVATE_TARGETS: "1",
  // The built-in Stripe simulator, which a production build only runs when asked.
  STRIPE_SIMULATOR: "1",
  // Mail goes to the file mailbox on /dev/mailbox, which a production build only keeps when asked.
  MAIL_DEV_MAILBOX: "1",
  // The suite plays many clients from 127.0.0.1 (sign-ups are throttled per address): it declares the
  // loopback a proxy, so the X-Forwarded-For its requests carry (e2e/helpers.ts) names each client.
  TRUSTED_PROXIES: "127.0.0.1",
  // Warnings and errors only: a line per API request would bury them in the test output.
  LOG_LEVEL: "warn",
};

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  // Two workers on two cores: a test mostly waits (on a server, the browser, a mail or a webhook
  // retry), but four made the two servers and four browsers time out on a machine a third as fast
  // (pages took minutes to render); E2E_WORKERS=4 halves the run on a fast one. Tests that share
  // state across a file run in order inside it; every test makes its own tenant or uses a worker's
  // own (pages.spec.ts).
  fullyParallel: false,
  workers: Number(process.env.E2E_WORKERS ?? 2),
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  // Twice Playwright's default: the suite shares two cores with the servers and the browser (and,
  // on a developer's machine, with whatever else runs), and a page can take more than five seconds.
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]] : "list",
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 800 } } }],
  webServer: [
    {
      // A production build (npm run build ran first), on a fresh database.
      command: "bash scripts/e2e-server.sh",
      url: `${baseURL}/login`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: E2E_SERVER_ENV,
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      command: "bash scripts/e2e-server.sh",
      url: `${oauthBaseURL}/login`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: {
        ...E2E_SERVER_ENV,
        PORT: process.env.E2E_OAUTH_PORT,
        APP_URL: oauthBaseURL,
        DATABASE_URL: `file:${path.join(process.env.E2E_DATA_DIR, "portal-oauth.db")}`,
        STRIPE_CONNECT_ONBOARDING: "oauth",
      },
      stdout: "pipe",
      stderr: "pipe",
    },
  ],
});
