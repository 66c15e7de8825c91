import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ConfigError, parseEnv } from "./env";

const secret = "x".repeat(40);
const key = Buffer.alloc(32, 7).toString("base64");

describe("parseEnv", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "env-"));
    vi.spyOn(process, "cwd").mockReturnValue(dir);
  });
  afterEach(() => {
    vi.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  it("applies the documented defaults", () => {
    const config = parseEnv({ NODE_ENV: "development" });
    expect(config.databaseUrl).toBe("file:./.data/portal.db");
    expect(config.port).toBe(3000);
    expect(config.appUrl).toBe("http://localhost:3000");
    expect(config.stripeConnectOnboarding).toBe("account_links");
    expect(config.stripeSimulator).toBe(true);
    // A local webhook receiver works in development without a setting.
    expect(config.webhookAllowPrivateTargets).toBe(true);
  });

  it("allows private webhook targets by default in development only, and as told everywhere", () => {
    const production = { NODE_ENV: "production", AUTH_SECRET: secret, ENCRYPTION_KEY: key } as const;
    expect(parseEnv(production).webhookAllowPrivateTargets).toBe(false);
    expect(parseEnv({ NODE_ENV: "test" }).webhookAllowPrivateTargets).toBe(false);
    expect(parseEnv({ NODE_ENV: "development", WEBHOOK_ALLOW_PRIVATE_TARGETS: "0" }).webhookAllowPrivateTargets).toBe(false);
    expect(parseEnv({ NODE_ENV: "development", WEBHOOK_ALLOW_PRIVATE_TARGETS: "" }).webhookAllowPrivateTargets).toBe(true);
    expect(parseEnv({ NODE_ENV: "test", WEBHOOK_ALLOW_PRIVATE_TARGETS: "1" }).webhookAllowPrivateTargets).toBe(true);
    expect(parseEnv({ ...production, WEBHOOK_ALLOW_PRIVATE_TARGETS: "1" }).webhookAllowPrivateTargets).toBe(true);
  });

  it("derives APP_URL from PORT and trims a trailing slash from an explicit one", () => {
    expect(parseEnv({ NODE_ENV: "development", PORT: "4100" }).appUrl).toBe("http://localhost:4100");
    expect(parseEnv({ NODE_ENV: "development", APP_URL: "https://portal.example.com/" }).appUrl).toBe("https://portal.example.com");
  });

  it("generates the development secrets once into .data/ and reuses them", () => {
    const first = parseEnv({ NODE_ENV: "development" });
    const second = parseEnv({ NODE_ENV: "development" });
    expect(first.authSecret.length).toBeGreaterThanOrEqual(32);
    expect(second.authSecret).toBe(first.authSecret);
    expect(first.encryptionKey).toHaveLength(32);
    expect(readFileSync(path.join(dir, ".data", "auth-secret"), "utf8").trim()).toBe(first.authSecret);
  });

  it("refuses production without AUTH_SECRET, naming it", () => {
    expect(() => parseEnv({ NODE_ENV: "production", ENCRYPTION_KEY: key })).toThrow(/^Configuration error: AUTH_SECRET is required in production/);
  });

  it("refuses production without ENCRYPTION_KEY, naming it", () => {
    expect(() => parseEnv({ NODE_ENV: "production", AUTH_SECRET: secret })).toThrow(/ENCRYPTION_KEY is required in production/);
  });

  it("refuses malformed settings with one line naming the variable", () => {
    const cases: [Record<string, string>, string][] = [
      [{ AUTH_SECRET: "short" }, "AUTH_SECRET"],
      [{ ENCRYPTION_KEY: "bm90LTMyLWJ5dGVz" }, "ENCRYPTION_KEY"],
      [{ DATABASE_URL: "mysql://localhost/db" }, "DATABASE_URL"],
      [{ PORT: "99999" }, "PORT"],
      [{ STRIPE_CONNECT_ONBOARDING: "magic" }, "STRIPE_CONNECT_ONBOARDING"],
      [{ WEBHOOK_ALLOW_PRIVATE_TARGETS: "yes" }, "WEBHOOK_ALLOW_PRIVATE_TARGETS"],
    ];
    for (const [extra, name] of cases) {
      let thrown: unknown;
      try {
        parseEnv({ NODE_ENV: "production", AUTH_SECRET: secret, ENCRYPTION_KEY: key, ...extra });
      } catch (error) {
        thrown = error;
      }
      expect(thrown, name).toBeInstanceOf(ConfigError);
      expect((thrown as ConfigError).variable).toBe(name);
      expect((thrown as ConfigError).message).not.toContain("\n");
    }
  });

  it("accepts a complete production configuration and keeps the simulator off", () => {
    const config = parseEnv({ NODE_ENV: "production", AUTH_SECRET: secret, ENCRYPTION_KEY: key, DATABASE_URL: "postgresql://u@h/db" });
    expect(config.isProduction).toBe(true);
    expect(config.stripeSimulator).toBe(false);
    expect(config.encryptionKey.equals(Buffer.alloc(32, 7))).toBe(true);
  });

  it("runs the Stripe simulator in production only when asked, and never beside a real key", () => {
    const base = { NODE_ENV: "production", AUTH_SECRET: secret, ENCRYPTION_KEY: key } as const;
    expect(parseEnv(base).stripeSimulator).toBe(false);
    expect(parseEnv({ ...base, STRIPE_SIMULATOR: "1" }).stripeSimulator).toBe(true);
    expect(parseEnv({ ...base, STRIPE_SECRET_KEY: "sk_test_abc123" }).stripeSimulator).toBe(false);
    expect(parseEnv({ NODE_ENV: "development" }).stripeSimulator).toBe(true);
    expect(parseEnv({ NODE_ENV: "development", STRIPE_SIMULATOR: "0" }).stripeSimulator).toBe(false);
  });

  it("keeps the development mailbox to development unless asked, and never beside an SMTP server", () => {
    const base = { NODE_ENV: "production", AUTH_SECRET: secret, ENCRYPTION_KEY: key } as const;
    expect(parseEnv(base).mailDevMailbox).toBe(false);
    expect(parseEnv({ ...base, MAIL_DEV_MAILBOX: "1" }).mailDevMailbox).toBe(true);
    expect(parseEnv({ ...base, MAIL_DEV_MAILBOX: "1", APP_URL: "http://127.0.0.1:4100" }).mailDevMailbox).toBe(true);
    // A production server others can reach never shows everyone's reset links.
    expect(() => parseEnv({ ...base, MAIL_DEV_MAILBOX: "1", APP_URL: "https://portal.example.com" })).toThrow(/MAIL_DEV_MAILBOX/);
    expect(parseEnv({ ...base, MAIL_DEV_MAILBOX: "1", SMTP_URL: "smtp://mail.example.com" }).mailDevMailbox).toBe(false);
    expect(parseEnv({ NODE_ENV: "development" }).mailDevMailbox).toBe(true);
    expect(parseEnv({ NODE_ENV: "development", SMTP_URL: "smtps://u:p@mail.example.com" }).mailDevMailbox).toBe(false);
    expect(parseEnv({ NODE_ENV: "test" }).mailDevMailbox).toBe(false);
    expect(parseEnv({ NODE_ENV: "development", APP_URL: "https://portal.example.com" }).mailFrom).toBe("Tenant Admin Portal <no-reply@portal.example.com>");
    expect(() => parseEnv({ ...base, SMTP_URL: "http://mail.example.com" })).toThrow(/SMTP_URL/);
  });

  it("never lets the simulator run with a live Stripe key", () => {
    expect(() =>
      parseEnv({ NODE_ENV: "production", AUTH_SECRET: secret, ENCRYPTION_KEY: key, STRIPE_SECRET_KEY: "sk_live_abc123", STRIPE_SIMULATOR: "1" }),
    ).toThrow(/STRIPE_SIMULATOR/);
  });

  it("trusts no proxy by default and reads TRUSTED_PROXIES as addresses and ranges", () => {
    const base = { NODE_ENV: "production", AUTH_SECRET: secret, ENCRYPTION_KEY: key } as const;
    expect(parseEnv(base).trustedProxies).toEqual([]);
    expect(parseEnv({ ...base, TRUSTED_PROXIES: "" }).trustedProxies).toEqual([]);
    expect(parseEnv({ ...base, TRUSTED_PROXIES: "127.0.0.1, 10.0.0.0/8" }).trustedProxies).toHaveLength(2);
    expect(() => parseEnv({ ...base, TRUSTED_PROXIES: "10.0.0.0/8,proxy.internal" })).toThrow(
      /^Configuration error: TRUSTED_PROXIES must be comma-separated addresses or CIDR ranges: "proxy.internal"/,
    );
  });

  it("serves metrics only with a METRICS_TOKEN, and refuses a worker metrics port without one", () => {
    const base = { NODE_ENV: "test" } as const;
    expect(parseEnv(base)).toMatchObject({ metricsToken: undefined, workerMetricsPort: undefined, workerMetricsHost: "127.0.0.1" });
    const token = "t".repeat(32);
    expect(parseEnv({ ...base, METRICS_TOKEN: token, WORKER_METRICS_PORT: "9464" })).toMatchObject({ metricsToken: token, workerMetricsPort: 9464 });
    expect(() => parseEnv({ ...base, METRICS_TOKEN: "short" })).toThrow(/^Configuration error: METRICS_TOKEN/);
    expect(() => parseEnv({ ...base, WORKER_METRICS_PORT: "9464" })).toThrow(/^Configuration error: WORKER_METRICS_PORT needs METRICS_TOKEN/);
    expect(() => parseEnv({ ...base, METRICS_TOKEN: token, WORKER_METRICS_PORT: "70000" })).toThrow(/WORKER_METRICS_PORT/);
  });
});
