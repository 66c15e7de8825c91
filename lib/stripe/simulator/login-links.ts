import type Stripe from "stripe";
import { retrieveBalance, listPayouts } from "./balance";
import { actingAccount } from "./connected";
import { SimulatorRefusal } from "./params";
import { simulatorBaseUrl } from "./portal";
import { ok, stripeError, type SimResponse } from "./responses";
import { newObjectId, nowSeconds, saveObject, takeObject } from "./store";

/**
 * Login links to a connected account's Express dashboard, and the
 * simulator's stand-in for that dashboard. As on Stripe, a link works once
 * and only for a few minutes; whoever holds it gets in (it is the credential).
 */

type SimulatedLoginLink = { account: string; expires_at: number };

const LOGIN_LINK_TTL_SECONDS = 300;

/** POST /v1/accounts/:id/login_links */
export async function createLoginLink(accountId: string): Promise<SimResponse> {
  const account = await actingAccount(accountId);
  if (account.type !== "express") {
    return stripeError(400, undefined, "You can only create login links for accounts that use the Express Dashboard and are connected to your platform.");
  }
  const linkId = newObjectId("ll");
  const created = nowSeconds();
  await saveObject("login_link", linkId, { account: account.id, expires_at: created + LOGIN_LINK_TTL_SECONDS } satisfies SimulatedLoginLink);
  const body: Stripe.LoginLink = { object: "login_link", created, url: `${simulatorBaseUrl()}/stripe-simulator/express/${linkId}` };
  return ok(body);
}

/** A read of the simulator's API as the page wants it: the body, or null when Stripe would refuse (the account was deauthorized since). */
async function readBody<T>(read: () => Promise<SimResponse>): Promise<T | null> {
  try {
    const response = await read();
    return response.status === 200 ? (response.body as T) : null;
  } catch (error) {
    if (error instanceof SimulatorRefusal) return null;
    throw error;
  }
}

/**
 * Opens the stand-in dashboard with a login link, spending it: what the page
 * shows of the account, or null for a link that was used, expired or never
 * existed (Stripe says the same of all three).
 */
export async function openLoginLink(linkId: string) {
  const link = await takeObject<SimulatedLoginLink>("login_link", linkId);
  if (!link || link.expires_at < nowSeconds()) return null;
  const [balance, payouts] = await Promise.all([
    readBody<Stripe.Balance>(() => retrieveBalance(link.account)),
    readBody<Stripe.ApiList<Stripe.Payout>>(() => listPayouts(new URLSearchParams({ limit: "10" }), link.account)),
  ]);
  return { account: link.account, balance, payouts: payouts?.data ?? [] };
}
