import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import type { AppError } from "@/lib/http/errors";

/** The Stripe callbacks answer a browser with redirects, and a script that asks for JSON with JSON. */
export function wantsJson(req: NextRequest): boolean {
  return (req.headers.get("accept") ?? "").includes("application/json");
}

export function browserRedirect(target: string): NextResponse {
  return NextResponse.redirect(new URL(target, env().appUrl), 303);
}

/** A signed-out browser signs in, then comes back to the same callback. */
export function loginRedirect(req: NextRequest): NextResponse {
  const back = req.nextUrl.pathname + req.nextUrl.search;
  return browserRedirect(`/login?callbackUrl=${encodeURIComponent(back)}`);
}

/**
 * Back to /stripe with the error's code only (and Stripe's own error code for
 * oauth_error): the page words it, so a link cannot put text of its choosing
 * into the portal's alert.
 */
export function errorRedirect(error: AppError): NextResponse {
  const params = new URLSearchParams({ error: error.code });
  const stripeError = (error.details as { stripe_error?: unknown } | undefined)?.stripe_error;
  if (typeof stripeError === "string" && /^[a-z_]{1,40}$/.test(stripeError)) params.set("reason", stripeError);
  return browserRedirect(`/stripe?${params}`);
}

const MESSAGES: Record<string, string> = {
  invalid_state: "This Stripe link is invalid, expired, already used, or was started by someone else. Start again from this page.",
  missing_code: "Stripe did not send an authorization code. Start again from this page.",
  invalid_grant: "Stripe refused the authorization code (it may have been used already). Start again from this page.",
  stripe_unreachable: "Stripe could not be reached. Try again in a moment.",
  stripe_error: "Stripe answered with an error. Try again, or check the platform's Stripe settings.",
  account_in_use: "That Stripe account is already connected to another tenant.",
  stripe_not_configured: "Stripe is not configured on this server.",
};
const OAUTH_REASONS: Record<string, string> = {
  access_denied: "The connection was denied on Stripe: nothing was connected.",
  invalid_scope: "Stripe refused the requested access (invalid scope).",
  invalid_request: "Stripe refused the connection request.",
};

/** The sentence /stripe shows for an error code from the callbacks. */
export function callbackErrorMessage(code: string, reason?: string): string {
  if (code === "oauth_error") return (reason && OAUTH_REASONS[reason]) ?? "Stripe reported an error while connecting: nothing was connected.";
  return MESSAGES[code] ?? "Connecting to Stripe failed. Start again from this page.";
}
