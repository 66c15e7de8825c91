import { randomBytes } from "node:crypto";
import type Stripe from "stripe";
import { simulatorApiKey } from "@/lib/stripe/config";
import { newAccount, publicAccount, type SimulatedAccount } from "./accounts";
import { listApplicationFees, retrieveApplicationFee } from "./application-fees";
import { createPayout, listPayouts, retrieveBalance } from "./balance";
import { retrieveCharge } from "./charges";
import { runIdempotently } from "./idempotency";
import { cancelPaymentIntent, confirmPaymentIntent, createPaymentIntent, retrievePaymentIntent } from "./payment-intents";
import { hashParam, SimulatorRefusal } from "./params";
import { createLoginLink } from "./login-links";
import { createRefund, retrieveRefund } from "./refunds";
import type { SimulatedAccountLink, SimulatedOAuthCode } from "./onboarding";
import { isPortalStripeCallback, simulatorBaseUrl, simulatorEnabled } from "./portal";
import { oauthError, stripeError, type SimResponse } from "./responses";
import { loadObject, newObjectId, nowSeconds, saveObject } from "./store";

/**
 * The built-in Stripe simulator's HTTP API: the subset of Stripe's API the
 * portal calls through stripe-node (accounts, account links, Connect OAuth
 * token and deauthorize, Express dashboard login links; on connected accounts PaymentIntents, charges,
 * refunds, balance and payouts; the platform's application fees), answered
 * in Stripe's shapes. It only answers while
 * the simulator is configured, so it can never stand in for a real key.
 */
export type SimRequest = {
  method: string;
  /** Without a trailing slash, e.g. /v1/accounts */
  path: string;
  /** The query of a GET, the form-encoded body of a POST. */
  params: URLSearchParams;
  authorization: string | null;
  idempotencyKey?: string | null;
  /** The Stripe-Account header: the connected account a request acts on. */
  stripeAccount?: string | null;
};

const LINK_TTL_SECONDS = 300;

async function createAccount(params: URLSearchParams): Promise<SimResponse> {
  const account = newAccount(hashParam(params, "metadata"));
  await saveObject("account", account.id, account);
  return { status: 200, body: publicAccount(account) };
}

async function retrieveAccount(accountId: string): Promise<SimResponse> {
  const account = await loadObject<SimulatedAccount>("account", accountId);
  if (!account) return stripeError(404, "resource_missing", `No such account: '${accountId}'`);
  if (account.deauthorized) {
    return stripeError(
      403,
      "account_invalid",
      `The provided key does not have access to account '${account.id}' (or that account does not exist). Application access may have been revoked.`,
    );
  }
  return { status: 200, body: publicAccount(account) };
}

async function createAccountLink(params: URLSearchParams): Promise<SimResponse> {
  const accountId = params.get("account") ?? "";
  if (!(await loadObject<SimulatedAccount>("account", accountId))) return stripeError(400, "resource_missing", `No such account: '${accountId}'`);
  for (const name of ["refresh_url", "return_url"]) {
    if (!isPortalStripeCallback(params.get(name) ?? "")) return stripeError(400, "url_invalid", `The simulator only returns to the portal's own callbacks (${name}).`);
  }
  const linkId = newObjectId("link");
  const link: SimulatedAccountLink = {
    account: accountId,
    refresh_url: params.get("refresh_url") ?? "",
    return_url: params.get("return_url") ?? "",
    expires_at: nowSeconds() + LINK_TTL_SECONDS,
    used: false,
  };
  await saveObject("account_link", linkId, link);
  const body: Stripe.AccountLink = { object: "account_link", created: nowSeconds(), expires_at: link.expires_at, url: `${simulatorBaseUrl()}/stripe-simulator/onboard?link=${linkId}` };
  return { status: 200, body };
}

async function exchangeOAuthCode(params: URLSearchParams): Promise<SimResponse> {
  const code = params.get("code") ?? "";
  const stored = await loadObject<SimulatedOAuthCode>("oauth_code", code);
  if (!stored || stored.used) return oauthError("invalid_grant", `Authorization code does not exist: ${code}`);
  await saveObject("oauth_code", code, { ...stored, used: true });
  const body: Stripe.OAuthToken = {
    access_token: `sk_test_${randomBytes(12).toString("hex")}`,
    livemode: false,
    refresh_token: `rt_${randomBytes(12).toString("hex")}`,
    scope: "read_write",
    stripe_publishable_key: `pk_test_${randomBytes(12).toString("hex")}`,
    stripe_user_id: stored.account,
    token_type: "bearer",
  };
  return { status: 200, body };
}

async function deauthorize(params: URLSearchParams): Promise<SimResponse> {
  const accountId = params.get("stripe_user_id") ?? "";
  const account = await loadObject<SimulatedAccount>("account", accountId);
  if (!account || account.deauthorized) return oauthError("invalid_client", `No such application connected to ${accountId}`);
  await saveObject("account", accountId, { ...account, deauthorized: true });
  const body: Stripe.OAuthDeauthorization = { stripe_user_id: accountId };
  return { status: 200, body };
}

type Handler = (match: RegExpExecArray, request: SimRequest) => Promise<SimResponse>;

const ID = "([A-Za-z0-9_]+)";
const ROUTES: [method: string, path: RegExp, handler: Handler][] = [
  ["POST", /^\/v1\/accounts$/, (_, { params }) => createAccount(params)],
  ["GET", /^\/v1\/accounts\/(acct_[A-Za-z0-9]+)$/, ([, id]) => retrieveAccount(id)],
  ["POST", /^\/v1\/account_links$/, (_, { params }) => createAccountLink(params)],
  ["POST", /^\/v1\/accounts\/(acct_[A-Za-z0-9]+)\/login_links$/, ([, id]) => createLoginLink(id)],
  ["POST", /^\/oauth\/token$/, (_, { params }) => exchangeOAuthCode(params)],
  ["POST", /^\/oauth\/deauthorize$/, (_, { params }) => deauthorize(params)],
  ["POST", /^\/v1\/payment_intents$/, (_, { params, stripeAccount }) => createPaymentIntent(params, stripeAccount)],
  ["GET", new RegExp(`^/v1/payment_intents/${ID}$`), ([, id], { stripeAccount }) => retrievePaymentIntent(id, stripeAccount)],
  ["POST", new RegExp(`^/v1/payment_intents/${ID}/confirm$`), ([, id], { params, stripeAccount }) => confirmPaymentIntent(id, params, stripeAccount)],
  ["POST", new RegExp(`^/v1/payment_intents/${ID}/cancel$`), ([, id], { params, stripeAccount }) => cancelPaymentIntent(id, params, stripeAccount)],
  ["GET", new RegExp(`^/v1/charges/${ID}$`), ([, id], { stripeAccount }) => retrieveCharge(id, stripeAccount)],
  ["POST", /^\/v1\/refunds$/, (_, { params, stripeAccount }) => createRefund(params, stripeAccount)],
  ["GET", new RegExp(`^/v1/refunds/${ID}$`), ([, id], { stripeAccount }) => retrieveRefund(id, stripeAccount)],
  ["GET", /^\/v1\/balance$/, (_, { stripeAccount }) => retrieveBalance(stripeAccount)],
  ["POST", /^\/v1\/payouts$/, (_, { params, stripeAccount }) => createPayout(params, stripeAccount)],
  ["GET", /^\/v1\/payouts$/, (_, { params, stripeAccount }) => listPayouts(params, stripeAccount)],
  ["GET", /^\/v1\/application_fees$/, (_, { params }) => listApplicationFees(params)],
  ["GET", new RegExp(`^/v1/application_fees/${ID}$`), ([, id]) => retrieveApplicationFee(id)],
];

async function route(request: SimRequest): Promise<SimResponse> {
  const { method, path } = request;
  try {
    for (const [routeMethod, pattern, handler] of ROUTES) {
      const match = routeMethod === method ? pattern.exec(path) : null;
      if (match) return await handler(match, request);
    }
  } catch (error) {
    if (error instanceof SimulatorRefusal) return error.response;
    throw error;
  }
  return stripeError(404, "resource_missing", `Unrecognized request URL (${method}: ${path}).`);
}

/** Answers one request of stripe-node's, as Stripe would. */
export async function handleSimulatorRequest(request: SimRequest): Promise<SimResponse> {
  if (!simulatorEnabled()) return stripeError(404, undefined, "The Stripe simulator is off.");
  if (request.authorization !== `Bearer ${simulatorApiKey()}`) {
    return stripeError(401, "api_key_invalid", "Invalid API Key provided.", "authentication_error");
  }
  if (request.method !== "POST") return route(request);
  const fingerprint = `${request.path}?${[...request.params].map(([k, v]) => `${k}=${v}`).sort().join("&")}`;
  // Stripe keeps idempotency keys per account: one key used on two connected accounts is two requests.
  return runIdempotently(request.idempotencyKey ?? null, fingerprint, () => route(request), request.stripeAccount ?? "");
}
