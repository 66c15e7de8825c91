import { ConfigError, env, type Env } from "@/lib/env";

/**
 * The in-process webhook worker and the API traffic retention sweep, unless
 * WEBHOOK_WORKER=off (separate `npm run worker` processes do both).
 */
export async function startBackgroundWork(): Promise<void> {
  if (process.env.WEBHOOK_WORKER === "off" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { ensureInProcessWorker } = await import("@/lib/webhooks/worker");
  ensureInProcessWorker();
  const { ensureInProcessSweep } = await import("@/lib/api-traffic/retention");
  ensureInProcessSweep();
}

/**
 * A bad configuration stops the server here, with one line naming the
 * setting, instead of failing on the first request.
 */
export function checkConfigurationAtStartup(): void {
  try {
    for (const warning of startupWarnings(env())) console.warn(warning);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

/** Settings that are allowed but unsafe outside development, said loudly once at start-up. */
export function startupWarnings(config: Env): string[] {
  const warnings: string[] = [];
  if (config.webhookAllowPrivateTargets) {
    warnings.push(
      config.nodeEnv === "development"
        ? "WARNING: webhook URLs may use http:// and private or loopback addresses (on by default in development, so a local receiver works; WEBHOOK_ALLOW_PRIVATE_TARGETS=0 turns it off)."
        : "WARNING: WEBHOOK_ALLOW_PRIVATE_TARGETS=1 lets webhook URLs use http:// and private or loopback addresses. Use it for local development and tests only.",
    );
  }
  if (config.stripeSimulator && config.isProduction) {
    warnings.push(
      "WARNING: the Stripe simulator is on in production (STRIPE_SIMULATOR=1): tenants connect simulated accounts and become active without any real Stripe account. Use it for end-to-end tests only; set STRIPE_SECRET_KEY for real payments.",
    );
  }
  if (config.isProduction && config.mailDevMailbox) {
    warnings.push(
      "WARNING: the development mailbox is on in production (MAIL_DEV_MAILBOX=1): mail is written to .data/mail/ and readable by anyone at /dev/mailbox instead of being sent. Use it for end-to-end tests only; set SMTP_URL to send mail.",
    );
  } else if (config.isProduction && !config.smtpUrl) {
    warnings.push(
      "WARNING: SMTP_URL is not set: no mail is sent (invitations, password resets, security notices). Invitation links can still be copied in the portal.",
    );
  }
  return warnings;
}
