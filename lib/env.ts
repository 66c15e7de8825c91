import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { DEFAULT_DATABASE_URL, databaseTarget } from "@/lib/database-url.mjs";
import { parseTrustedProxies, type TrustedProxies } from "@/lib/http/client-ip";

/**
 * The portal's configuration, validated once per process. Names and defaults
 * are part of the contract (README, "Configuration"). Development never needs a
 * hand-edited .env: the two secrets are generated once into .data/.
 * Production refuses to start without them.
 */

const isLoopbackHost = (host: string) => host === "localhost" || host === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(host);

export class ConfigError extends Error {
  constructor(readonly variable: string, message: string) {
    super(`Configuration error: ${variable} ${message}`);
    this.name = "ConfigError";
  }
}

const dataDir = () => path.join(process.cwd(), ".data");

/** An on/off setting that keeps "not set" apart from an explicit 0, for settings with a computed default. */
const optionalFlag = z
  .enum(["0", "1", "true", "false"])
  .optional()
  .transform((value) => (value === undefined ? undefined : value === "1" || value === "true"));

const rawSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .default(DEFAULT_DATABASE_URL)
    .refine((url) => {
      try {
        return Boolean(databaseTarget(url));
      } catch {
        return false;
      }
    }, "must be a file: URL or a postgresql:// URL"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  APP_URL: z.url({ protocol: /^https?$/ }).optional(),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  ENCRYPTION_KEY: z
    .string()
    .refine((value) => Buffer.from(value, "base64").length === 32, "must be 32 bytes, base64-encoded")
    .optional(),
  STRIPE_SECRET_KEY: z
    .string()
    .regex(/^(sk|rk)_(live|test)_[A-Za-z0-9]+$/, "must look like sk_live_… or sk_test_…")
    .optional(),
  STRIPE_SIMULATOR: optionalFlag,
  STRIPE_CONNECT_ONBOARDING: z.enum(["account_links", "oauth"]).default("account_links"),
  STRIPE_CONNECT_CLIENT_ID: z.string().regex(/^ca_[A-Za-z0-9]+$/, "must look like ca_…").optional(),
  STRIPE_WEBHOOK_SECRET: z.string().regex(/^whsec_/, "must look like whsec_…").optional(),
  WEBHOOK_ALLOW_PRIVATE_TARGETS: optionalFlag,
  TRUSTED_PROXIES: z.string().optional(),
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: "must be an smtp:// or smtps:// URL" }).optional(),
  MAIL_FROM: z.string().min(3).max(200).optional(),
  MAIL_DEV_MAILBOX: optionalFlag,
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: "must be a redis:// or rediss:// URL" }).optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").regex(/^\S+$/, "must not contain spaces").optional(),
  WORKER_METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  WORKER_METRICS_HOST: z.string().min(1).default("127.0.0.1"),
  WEBHOOK_LEASE_SECONDS: z.coerce.number().int().min(30).max(3600).default(60),
});

export type Env = {
  nodeEnv: "development" | "production" | "test";
  isProduction: boolean;
  databaseUrl: string;
  port: number;
  appUrl: string;
  authSecret: string;
  encryptionKey: Buffer;
  stripeSecretKey: string | undefined;
  stripeSimulator: boolean;
  stripeConnectOnboarding: "account_links" | "oauth";
  stripeConnectClientId: string | undefined;
  stripeWebhookSecret: string | undefined;
  webhookAllowPrivateTargets: boolean;
  /** Proxies whose X-Forwarded-For is believed; empty: the socket peer is the client. */
  trustedProxies: TrustedProxies;
  /** Where outgoing mail goes; null: no SMTP server configured. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Mail written to .data/mail/ and shown on /dev/mailbox instead of sent (never together with SMTP_URL). */
  mailDevMailbox: boolean;
  /** The shared store of the platform API's rate limits; unset: counted in this process. */
  redisUrl: string | undefined;
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  /** The bearer token /api/metrics (and the worker's metrics port) ask for; unset: no metrics are served. */
  metricsToken: string | undefined;
  /** Where `npm run worker` serves its metrics; unset: it serves none. */
  workerMetricsPort: number | undefined;
  workerMetricsHost: string;
  /** How long a worker holds the attempts it claimed: a worker that died mid-batch gives them up this long after. */
  webhookLeaseMs: number;
};

/** Reads a development secret from .data/, creating it the first time. */
function developmentSecret(file: string, make: () => string): string {
  const target = path.join(dataDir(), file);
  if (existsSync(target)) return readFileSync(target, "utf8").trim();
  mkdirSync(dataDir(), { recursive: true });
  const value = make();
  writeFileSync(target, value + "\n", { mode: 0o600 });
  return value;
}

export function parseEnv(source: NodeJS.ProcessEnv): Env {
  // Empty strings count as unset: `FOO= npm start` should mean "no FOO".
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const result = rawSchema.safeParse(cleaned);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ConfigError(String(issue.path[0] ?? "configuration"), issue.message);
  }
  const raw = result.data;
  const isProduction = raw.NODE_ENV === "production";

  const require = (name: "AUTH_SECRET" | "ENCRYPTION_KEY", hint: string) => {
    throw new ConfigError(name, `is required in production (${hint})`);
  };
  const authSecret =
    raw.AUTH_SECRET ??
    (isProduction
      ? require("AUTH_SECRET", "a random string of at least 32 characters: openssl rand -base64 32")
      : developmentSecret("auth-secret", () => randomBytes(32).toString("base64url")));
  const encryptionKey =
    raw.ENCRYPTION_KEY ??
    (isProduction
      ? require("ENCRYPTION_KEY", "32 random bytes, base64: openssl rand -base64 32")
      : developmentSecret("encryption-key", () => randomBytes(32).toString("base64")));

  // The development mailbox is a page anyone can open that holds every reset and invitation link:
  // in production it is for a test server on this machine only, never one others can reach.
  if (isProduction && raw.MAIL_DEV_MAILBOX && !raw.SMTP_URL && !isLoopbackHost(new URL(raw.APP_URL ?? `http://localhost:${raw.PORT}`).hostname)) {
    throw new ConfigError("MAIL_DEV_MAILBOX", "is for a test server on this machine: in production APP_URL must then be a loopback address (localhost, 127.0.0.1, [::1])");
  }
  if (raw.STRIPE_SIMULATOR && raw.STRIPE_SECRET_KEY?.includes("_live_")) {
    throw new ConfigError("STRIPE_SIMULATOR", "cannot be on together with a live STRIPE_SECRET_KEY");
  }
  if (raw.STRIPE_CONNECT_ONBOARDING === "oauth" && !raw.STRIPE_CONNECT_CLIENT_ID && raw.STRIPE_SECRET_KEY) {
    throw new ConfigError("STRIPE_CONNECT_CLIENT_ID", "is required when STRIPE_CONNECT_ONBOARDING=oauth");
  }

  // A metrics port that can only ever answer 404 is a mistake, not a choice.
  if (raw.WORKER_METRICS_PORT !== undefined && !raw.METRICS_TOKEN) {
    throw new ConfigError("WORKER_METRICS_PORT", "needs METRICS_TOKEN: the worker's metrics are served to the holder of that token only");
  }

  let trustedProxies: TrustedProxies;
  try {
    trustedProxies = parseTrustedProxies(raw.TRUSTED_PROXIES);
  } catch (error) {
    throw new ConfigError("TRUSTED_PROXIES", `must be comma-separated addresses or CIDR ranges: ${(error as Error).message}`);
  }

  return {
    nodeEnv: raw.NODE_ENV,
    isProduction,
    databaseUrl: raw.DATABASE_URL,
    port: raw.PORT,
    appUrl: (raw.APP_URL ?? `http://localhost:${raw.PORT}`).replace(/\/+$/, ""),
    authSecret,
    encryptionKey: Buffer.from(encryptionKey, "base64"),
    stripeSecretKey: raw.STRIPE_SECRET_KEY,
    // On by default only in development/test without a real key; never together with a key.
    stripeSimulator: !raw.STRIPE_SECRET_KEY && (raw.STRIPE_SIMULATOR ?? !isProduction),
    stripeConnectOnboarding: raw.STRIPE_CONNECT_ONBOARDING,
    stripeConnectClientId: raw.STRIPE_CONNECT_CLIENT_ID,
    stripeWebhookSecret: raw.STRIPE_WEBHOOK_SECRET,
    // On by default in development only, so a receiver on this machine works without a setting;
    // tests and production keep the SSRF rules unless asked.
    webhookAllowPrivateTargets: raw.WEBHOOK_ALLOW_PRIVATE_TARGETS ?? raw.NODE_ENV === "development",
    trustedProxies,
    smtpUrl: raw.SMTP_URL,
    mailFrom: raw.MAIL_FROM ?? `Tenant Admin Portal <no-reply@${new URL(raw.APP_URL ?? "http://localhost").hostname}>`,
    // On by default only in development without an SMTP server; production only when asked (end-to-end tests).
    mailDevMailbox: !raw.SMTP_URL && (raw.MAIL_DEV_MAILBOX ?? raw.NODE_ENV === "development"),
    redisUrl: raw.REDIS_URL,
    logLevel: raw.LOG_LEVEL,
    metricsToken: raw.METRICS_TOKEN,
    workerMetricsPort: raw.WORKER_METRICS_PORT,
    workerMetricsHost: raw.WORKER_METRICS_HOST,
    webhookLeaseMs: raw.WEBHOOK_LEASE_SECONDS * 1000,
  };
}

let cached: Env | undefined;

/** The validated configuration; read lazily so `next build` needs no secrets. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** For tests that change process.env between cases. */
export function resetEnvCache(): void {
  cached = undefined;
}
