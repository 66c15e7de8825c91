import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";
import { startupWarnings } from "./startup";

const production = {
  NODE_ENV: "production",
  AUTH_SECRET: "x".repeat(40),
  ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
  SMTP_URL: "smtp://mail.example.com:587",
} as const;
const { SMTP_URL: _smtp, ...productionWithoutMail } = production;

describe("startupWarnings", () => {
  it.each([
    ["production, no simulator", { ...production }, []],
    ["production with a test key", { ...production, STRIPE_SECRET_KEY: "sk_test_123" }, []],
    ["production with the simulator", { ...production, STRIPE_SIMULATOR: "1" }, ["Stripe simulator is on in production"]],
    ["production with private webhook targets", { ...production, WEBHOOK_ALLOW_PRIVATE_TARGETS: "1" }, ["WEBHOOK_ALLOW_PRIVATE_TARGETS=1"]],
    ["production with both", { ...production, STRIPE_SIMULATOR: "1", WEBHOOK_ALLOW_PRIVATE_TARGETS: "1" }, ["WEBHOOK_ALLOW_PRIVATE_TARGETS=1", "Stripe simulator is on in production"]],
    ["development, where the simulator and private webhook targets are the default", { ...production, NODE_ENV: "development" }, ["on by default in development"]],
    ["development with private webhook targets turned off", { ...production, NODE_ENV: "development", WEBHOOK_ALLOW_PRIVATE_TARGETS: "0" }, []],
    ["test, with the simulator asked for", { ...production, NODE_ENV: "test", STRIPE_SIMULATOR: "1" }, []],
    ["production without SMTP_URL", { ...productionWithoutMail }, ["SMTP_URL is not set"]],
    ["production with the development mailbox", { ...productionWithoutMail, MAIL_DEV_MAILBOX: "1" }, ["development mailbox is on in production"]],
    ["development without SMTP_URL (the file mailbox)", { ...productionWithoutMail, NODE_ENV: "development", WEBHOOK_ALLOW_PRIVATE_TARGETS: "0" }, []],
  ] as const)("%s", (_label, source, expected) => {
    const warnings = startupWarnings(parseEnv(source));
    expect(warnings).toHaveLength(expected.length);
    expected.forEach((fragment, index) => expect(warnings[index]).toContain(fragment));
  });
});
