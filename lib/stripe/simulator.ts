import { randomBytes } from "node:crypto";
import Stripe from "stripe";
import { prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { simulatorApiKey, simulatorWebhookSecret, stripeSetup } from "./config";

/**
 * The only place the simulator sends a browser back to: the portal's own
 * Stripe callbacks (no open redirect through return_url or redirect_uri).
 */
export function isPortalStripeCallback(url: string): boolean {
  try {
    const target = new URL(url);
    const portal = new URL(`${env().appUrl}/api/v1/auth/tenants/stripe/`);
    return target.origin === portal.origin && target.pathname.startsWith(portal.pathname);
  } catch {
    return false;
  }
}

/**
 * The built-in Stripe simulator: the subset of Stripe's HTTP API the portal
 * calls (accounts, account links, OAuth token and deauthorize), with objects
 * kept in the database, and the simulated onboarding a person or Playwright
 * clicks through. It only answers when the simulator is configured
 * (stripeSetup().simulator), so it can never stand in for a real key.
 */

export type SimAccount = {
  id: string;
  object: "account";
  type: "express";
  livemode: false;
  charges_enabled: boolean;
  payouts_enabled: boolean;
  details_submitted: boolean;
  deauthorized: boolean;
  requirements: {
    currently_due: string[];
    eventually_due: string[];
    past_due: string[];
    pending_verification: string[];
    disabled_reason: string | null;
    current_deadline: number | null;
    errors: [];
  };
  business_profile: { name: string | null };
  created: number;
};
type SimLink = { account: string; refresh_url: string; return_url: string; expires_at: number; used: boolean };
type SimCode = { account: string; used: boolean };

export type SimResponse = { status: number; body: unknown };

const id = (prefix: string) => `${prefix}_sim${randomBytes(10).toString("hex")}`;
const now = () => Math.floor(Date.now() / 1000);
const LINK_TTL_SECONDS = 300;

export const ONBOARDING_REQUIREMENTS = ["business_profile.url", "external_account", "individual.verification.document"];

export function simulatorEnabled(): boolean {
  return stripeSetup()?.simulator === true;
}

async function load<T>(kind: string, objectId: string): Promise<T | null> {
  const row = await prisma.stripeSimulatorObject.findFirst({ where: { id: objectId, kind } });
  return row ? (row.data as T) : null;
}

async function save(kind: string, objectId: string, data: object): Promise<void> {
  await prisma.stripeSimulatorObject.upsert({ where: { id: objectId }, create: { id: objectId, kind, data }, update: { data } });
}

function newAccount(): SimAccount {
  return {
    id: id("acct"),
    object: "account",
    type: "express",
    livemode: false,
    charges_enabled: false,
    payouts_enabled: false,
    details_submitted: false,
    deauthorized: false,
    requirements: {
      currently_due: [...ONBOARDING_REQUIREMENTS],
      eventually_due: [...ONBOARDING_REQUIREMENTS],
      past_due: [],
      pending_verification: [],
      disabled_reason: "requirements.past_due",
      current_deadline: null,
      errors: [],
    },
    business_profile: { name: null },
    created: now(),
  };
}

const stripeError = (status: number, code: string, message: string, type = "invalid_request_error"): SimResponse => ({
  status,
  body: { error: { type, code, message } },
});
const oauthError = (code: string, description: string): SimResponse => ({ status: 400, body: { error: code, error_description: description } });

function publicAccount(account: SimAccount) {
  const { deauthorized: _deauthorized, ...rest } = account;
  return rest;
}

/** Answers one request of stripe-node's, as Stripe would. */
export async function handleSimulatorRequest(method: string, path: string, params: URLSearchParams, authorization: string | null): Promise<SimResponse> {
  if (!simulatorEnabled()) return { status: 404, body: { error: { type: "invalid_request_error", message: "The Stripe simulator is off." } } };
  if (authorization !== `Bearer ${simulatorApiKey()}`) {
    return stripeError(401, "api_key_invalid", "Invalid API Key provided.", "authentication_error");
  }

  if (method === "POST" && path === "/v1/accounts") {
    const account = newAccount();
    await save("account", account.id, account);
    return { status: 200, body: publicAccount(account) };
  }
  const accountMatch = /^\/v1\/accounts\/(acct_[A-Za-z0-9]+)$/.exec(path);
  if (method === "GET" && accountMatch) {
    const account = await load<SimAccount>("account", accountMatch[1]);
    if (!account) return stripeError(404, "resource_missing", `No such account: '${accountMatch[1]}'`);
    if (account.deauthorized) {
      return stripeError(403, "account_invalid", "The provided key does not have access to account '" + account.id + "' (or that account does not exist). Application access may have been revoked.");
    }
    return { status: 200, body: publicAccount(account) };
  }
  if (method === "POST" && path === "/v1/account_links") {
    const accountId = params.get("account") ?? "";
    const account = await load<SimAccount>("account", accountId);
    if (!account) return stripeError(400, "resource_missing", `No such account: '${accountId}'`);
    for (const name of ["refresh_url", "return_url"]) {
      if (!isPortalStripeCallback(params.get(name) ?? "")) return stripeError(400, "url_invalid", `The simulator only returns to the portal's own callbacks (${name}).`);
    }
    const linkId = id("link");
    const link: SimLink = {
      account: accountId,
      refresh_url: params.get("refresh_url") ?? "",
      return_url: params.get("return_url") ?? "",
      expires_at: now() + LINK_TTL_SECONDS,
      used: false,
    };
    await save("account_link", linkId, link);
    const base = stripeSetup()!.simulatorBaseUrl ?? env().appUrl;
    return { status: 200, body: { object: "account_link", created: now(), expires_at: link.expires_at, url: `${base}/stripe-simulator/onboard?link=${linkId}` } };
  }
  if (method === "POST" && path === "/oauth/token") {
    const code = params.get("code") ?? "";
    const stored = await load<SimCode>("oauth_code", code);
    if (!stored || stored.used) return oauthError("invalid_grant", `Authorization code does not exist: ${code}`);
    await save("oauth_code", code, { ...stored, used: true });
    return {
      status: 200,
      body: {
        access_token: `sk_test_${randomBytes(12).toString("hex")}`,
        livemode: false,
        refresh_token: `rt_${randomBytes(12).toString("hex")}`,
        scope: "read_write",
        stripe_publishable_key: `pk_test_${randomBytes(12).toString("hex")}`,
        stripe_user_id: stored.account,
        token_type: "bearer",
      },
    };
  }
  if (method === "POST" && path === "/oauth/deauthorize") {
    const accountId = params.get("stripe_user_id") ?? "";
    const account = await load<SimAccount>("account", accountId);
    if (!account || account.deauthorized) return oauthError("invalid_client", `No such application connected to ${accountId}`);
    await save("account", accountId, { ...account, deauthorized: true });
    return { status: 200, body: { stripe_user_id: accountId } };
  }
  return stripeError(404, "resource_missing", `Unrecognized request URL (${method}: ${path}).`);
}

export type OnboardingOutcome = "complete" | "requirements_due";

function applyOutcome(account: SimAccount, outcome: OnboardingOutcome): SimAccount {
  if (outcome === "complete") {
    return {
      ...account,
      charges_enabled: true,
      payouts_enabled: true,
      details_submitted: true,
      requirements: { ...account.requirements, currently_due: [], eventually_due: [], past_due: [], disabled_reason: null, current_deadline: null },
    };
  }
  return {
    ...account,
    charges_enabled: false,
    payouts_enabled: false,
    details_submitted: true,
    requirements: {
      ...account.requirements,
      currently_due: ["external_account", "individual.verification.document"],
      eventually_due: ["external_account", "individual.verification.document"],
      disabled_reason: "requirements.past_due",
      current_deadline: now() + 14 * 86_400,
    },
  };
}

/** Sends a correctly signed event to the portal's Stripe webhook endpoint, as Stripe would. */
export async function sendSimulatedEvent(type: string, object: Record<string, unknown>, account: string): Promise<void> {
  const event = { id: id("evt"), object: "event", type, account, created: now(), livemode: false, api_version: "2025-01-01", data: { object } };
  const payload = JSON.stringify(event);
  const secret = stripeSetup()?.webhookSecret ?? simulatorWebhookSecret();
  const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret });
  try {
    await fetch(`${env().appUrl}/api/stripe/webhooks`, { method: "POST", headers: { "content-type": "application/json", "stripe-signature": signature }, body: payload });
  } catch (error) {
    // Stripe, too, only retries later: the status endpoint reads the account live anyway.
    console.warn("[stripe-simulator] could not deliver", type, error instanceof Error ? error.message : error);
  }
}

/** Applies the choice made on the simulated onboarding page of an account link; answers where the browser goes next. */
export async function finishAccountLink(linkId: string, outcome: OnboardingOutcome): Promise<string> {
  const link = await load<SimLink>("account_link", linkId);
  if (!link) throw new Error("Unknown onboarding link");
  if (link.used || link.expires_at < now()) return link.refresh_url;
  await save("account_link", linkId, { ...link, used: true });
  const account = await load<SimAccount>("account", link.account);
  if (account) {
    const updated = applyOutcome(account, outcome);
    await save("account", account.id, updated);
    await sendSimulatedEvent("account.updated", publicAccount(updated), updated.id);
  }
  return link.return_url;
}

/** The simulated OAuth authorize page's choice; answers the redirect back to the portal. */
export async function finishOAuthAuthorize(input: { redirectUri: string; state: string; outcome: OnboardingOutcome | "deny" }): Promise<string> {
  if (!isPortalStripeCallback(input.redirectUri)) throw new Error("The simulator only redirects to the portal's own Stripe callback.");
  const target = new URL(input.redirectUri);
  target.searchParams.set("state", input.state);
  if (input.outcome === "deny") {
    target.searchParams.set("error", "access_denied");
    target.searchParams.set("error_description", "The user denied your request");
    return target.toString();
  }
  const account = applyOutcome(newAccount(), input.outcome);
  await save("account", account.id, account);
  const code = `ac_${randomBytes(16).toString("hex")}`;
  await save("oauth_code", code, { account: account.id, used: false } satisfies SimCode);
  target.searchParams.set("code", code);
  target.searchParams.set("scope", "read_write");
  return target.toString();
}

/** Lets a test or the simulator page change an account afterwards, sending account.updated. */
export async function updateSimulatedAccount(accountId: string, outcome: OnboardingOutcome): Promise<void> {
  const account = await load<SimAccount>("account", accountId);
  if (!account) throw new Error(`No simulated account ${accountId}`);
  const updated = applyOutcome(account, outcome);
  await save("account", accountId, updated);
  await sendSimulatedEvent("account.updated", publicAccount(updated), accountId);
}

export async function describeAccountLink(linkId: string) {
  const link = await load<SimLink>("account_link", linkId);
  if (!link) return null;
  return { account: link.account, expired: link.used || link.expires_at < now() };
}
