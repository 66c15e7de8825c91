import { createHmac } from "node:crypto";
import Stripe from "stripe";
import { env } from "@/lib/env";
import { apiError } from "@/lib/http/errors";
import { countStripeError, countStripeRequest } from "@/lib/metrics/registry";
import { stripePathTemplate } from "@/lib/metrics/stripe-path";

/**
 * Which Stripe the portal talks to: the real one when STRIPE_SECRET_KEY is
 * set, otherwise the built-in simulator (development, tests, and production
 * only with STRIPE_SIMULATOR=1). Every call goes through stripe-node; for the
 * simulator it is pointed at the simulator's /v1 and /oauth routes
 * (app/(stripe-simulator)/, logic in lib/stripe/simulator/) with host/port/protocol.
 */
export type StripeSetup = {
  stripe: Stripe;
  simulator: boolean;
  onboarding: "account_links" | "oauth";
  clientId: string | null;
  webhookSecret: string | null;
  /** Where the simulator answers (its pages included); null for real Stripe. */
  simulatorBaseUrl: string | null;
  /** The mode of the platform's own key (live or test); null for the simulator, which stands in for both. */
  keyMode: "live" | "test" | null;
};

/** sk_live_… and restricted rk_live_… keys move real money; everything else is test mode. */
const keyModeOf = (key: string): "live" | "test" => (/^(sk|rk)_live_/.test(key) ? "live" : "test");

const derived = (purpose: string) => createHmac("sha256", env().authSecret).update(purpose).digest();

/** The key stripe-node sends to the simulator: derived from AUTH_SECRET, so outsiders cannot drive it. */
export function simulatorApiKey(): string {
  return `sk_test_sim${derived("stripe-simulator-api-key").toString("hex").slice(0, 32)}`;
}

/** The simulator's own webhook signing secret, stable per installation (derived from AUTH_SECRET). */
export function simulatorWebhookSecret(): string {
  return `whsec_${derived("stripe-simulator-webhooks").toString("base64")}`;
}

/** Counts every request the client sends (each retry too) and every 4xx/5xx answer, for the metrics. */
function instrumented(stripe: Stripe): Stripe {
  stripe.on("request", (event: Stripe.RequestEvent) => countStripeRequest(event.method, stripePathTemplate(event.path)));
  stripe.on("response", (event: Stripe.ResponseEvent) => {
    if (event.status >= 400) countStripeError(event.method, stripePathTemplate(event.path), event.status);
  });
  return stripe;
}

let cached: { key: string; setup: StripeSetup | null } | undefined;

export function stripeSetup(): StripeSetup | null {
  const config = env();
  // Tests point the simulator at a server of their own; everything else uses APP_URL.
  const simulatorBase = (process.env.STRIPE_SIMULATOR_URL ?? config.appUrl).replace(/\/+$/, "");
  const cacheKey = `${config.stripeSecretKey ?? ""}|${config.stripeSimulator}|${simulatorBase}|${config.stripeConnectOnboarding}`;
  if (cached?.key === cacheKey) return cached.setup;

  let setup: StripeSetup | null = null;
  if (config.stripeSecretKey) {
    setup = {
      stripe: instrumented(new Stripe(config.stripeSecretKey, { maxNetworkRetries: 2, timeout: 10_000, appInfo: { name: "tenant-admin-portal" } })),
      simulator: false,
      onboarding: config.stripeConnectOnboarding,
      clientId: config.stripeConnectClientId ?? null,
      webhookSecret: config.stripeWebhookSecret ?? null,
      simulatorBaseUrl: null,
      keyMode: keyModeOf(config.stripeSecretKey),
    };
  } else if (config.stripeSimulator) {
    const base = new URL(simulatorBase);
    setup = {
      stripe: instrumented(new Stripe(simulatorApiKey(), {
        host: base.hostname,
        port: Number(base.port || (base.protocol === "https:" ? 443 : 80)),
        protocol: base.protocol === "https:" ? "https" : "http",
        // As with real Stripe: a request that meets a concurrent one with the same idempotency key is retried.
        maxNetworkRetries: 2,
        timeout: 10_000,
      })),
      simulator: true,
      onboarding: config.stripeConnectOnboarding,
      clientId: config.stripeConnectClientId ?? "ca_simulator",
      webhookSecret: config.stripeWebhookSecret ?? simulatorWebhookSecret(),
      simulatorBaseUrl: simulatorBase,
      keyMode: null,
    };
  }
  cached = { key: cacheKey, setup };
  return setup;
}

export function requireStripe(): StripeSetup {
  const setup = stripeSetup();
  if (!setup) {
    throw apiError("stripe_not_configured",
      "Stripe is not configured: set STRIPE_SECRET_KEY (and STRIPE_CONNECT_CLIENT_ID for oauth mode), or STRIPE_SIMULATOR=1 for the built-in simulator.",
    );
  }
  if (setup.onboarding === "oauth" && !setup.clientId) {
    throw apiError("stripe_not_configured", "STRIPE_CONNECT_ONBOARDING=oauth needs STRIPE_CONNECT_CLIENT_ID.");
  }
  return setup;
}
