import { randomBytes } from "node:crypto";
import { apiError } from "@/lib/http/errors";
import { applyOutcome, newAccount, publicAccount, type OnboardingOutcome, type SimulatedAccount } from "./accounts";
import { sendSimulatedEvent } from "./events";
import { isPortalStripeCallback } from "./portal";
import { loadObject, nowSeconds, saveObject } from "./store";

/**
 * The simulated hosted pages: Stripe's onboarding of an Account Link, and
 * Connect OAuth's authorize page. What a person (or Playwright) chooses there
 * lands here.
 */

export type SimulatedAccountLink = { account: string; refresh_url: string; return_url: string; expires_at: number; used: boolean };
export type SimulatedOAuthCode = { account: string; used: boolean };

export const unknownLink = () => apiError("not_found", "No such onboarding link.");

export async function loadAccountLink(linkId: string): Promise<SimulatedAccountLink> {
  const link = await loadObject<SimulatedAccountLink>("account_link", linkId);
  if (!link) throw unknownLink();
  return link;
}

/** Applies the choice made on the onboarding page of an account link; answers where the browser goes next. */
export async function finishAccountLink(linkId: string, outcome: OnboardingOutcome): Promise<string> {
  const link = await loadAccountLink(linkId);
  if (link.used || link.expires_at < nowSeconds()) return link.refresh_url;
  await saveObject("account_link", linkId, { ...link, used: true });
  const account = await loadObject<SimulatedAccount>("account", link.account);
  if (account) {
    const updated = applyOutcome(account, outcome);
    await saveObject("account", account.id, updated);
    await sendSimulatedEvent("account.updated", publicAccount(updated), updated.id);
  }
  return link.return_url;
}

/** The simulated OAuth authorize page's choice; answers the redirect back to the portal. */
export async function finishOAuthAuthorize(input: { redirectUri: string; state: string; outcome: OnboardingOutcome | "deny" }): Promise<string> {
  if (!isPortalStripeCallback(input.redirectUri)) throw apiError("invalid_redirect_uri");
  const target = new URL(input.redirectUri);
  target.searchParams.set("state", input.state);
  if (input.outcome === "deny") {
    target.searchParams.set("error", "access_denied");
    target.searchParams.set("error_description", "The user denied your request");
    return target.toString();
  }
  // OAuth connects an account the business already runs: a Standard account, with Stripe's full dashboard and no login links.
  const account = applyOutcome({ ...newAccount(), type: "standard" }, input.outcome);
  await saveObject("account", account.id, account);
  const code = `ac_${randomBytes(16).toString("hex")}`;
  await saveObject("oauth_code", code, { account: account.id, used: false } satisfies SimulatedOAuthCode);
  target.searchParams.set("code", code);
  target.searchParams.set("scope", "read_write");
  return target.toString();
}

/** Lets a test change an account afterwards, sending account.updated as Stripe would. */
export async function updateSimulatedAccount(accountId: string, outcome: OnboardingOutcome): Promise<void> {
  const account = await loadObject<SimulatedAccount>("account", accountId);
  if (!account) throw new Error(`No simulated account ${accountId}`);
  const updated = applyOutcome(account, outcome);
  await saveObject("account", accountId, updated);
  await sendSimulatedEvent("account.updated", publicAccount(updated), accountId);
}

/** What the onboarding page shows of a link; null for an unknown one. */
export async function describeAccountLink(linkId: string) {
  const link = await loadObject<SimulatedAccountLink>("account_link", linkId);
  if (!link) return null;
  return { account: link.account, expired: link.used || link.expires_at < nowSeconds() };
}
