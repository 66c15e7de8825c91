import { env } from "@/lib/env";
import { stripeSetup } from "@/lib/stripe/config";

/**
 * What the simulator knows of the portal it stands in for: whether it is on,
 * and the only places it may send a browser or an event to.
 */

/** On only when the portal runs without a real key (stripeSetup decides), so it never answers beside real Stripe. */
export function simulatorEnabled(): boolean {
  return stripeSetup()?.simulator === true;
}

/** Where the simulator's own pages are served (the portal itself, or a test's server). */
export function simulatorBaseUrl(): string {
  return stripeSetup()?.simulatorBaseUrl ?? env().appUrl;
}

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

/** Where Stripe's events for the platform go. */
export const portalWebhookUrl = () => `${env().appUrl}/api/stripe/webhooks`;
