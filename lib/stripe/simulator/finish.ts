import type { Caller } from "@/lib/auth/caller";
import { apiError } from "@/lib/http/errors";
import type { SimulatorFinishInput } from "@/lib/schemas/stripe-simulator";
import { onboardingStartedBy } from "@/lib/stripe/connect";
import { finishAccountLink, finishOAuthAuthorize, loadAccountLink, unknownLink } from "./onboarding";
import { simulatorEnabled } from "./portal";

/** The portal's state in a link's return URL (the portal puts it there when it asks for the link). */
function stateOfReturnUrl(returnUrl: string): string | null {
  try {
    return new URL(returnUrl).searchParams.get("state");
  } catch {
    return null;
  }
}

/**
 * POST /api/stripe-simulator/finish/: the choice made on a simulated page.
 * On Stripe only the account's owner, signed in to Stripe, gets that far; the
 * simulator's stand-in is the portal session of the person who started the
 * onboarding, so nobody else can create accounts or codes through it. Someone
 * else's link answers as an unknown one.
 */
export async function finishSimulatedOnboarding(caller: Caller, input: SimulatorFinishInput): Promise<string> {
  if (!simulatorEnabled()) throw apiError("not_found", "The Stripe simulator is off.");
  if (input.flow === "account_link") {
    const state = stateOfReturnUrl((await loadAccountLink(input.link)).return_url);
    if (!state || !(await onboardingStartedBy(caller, state))) throw unknownLink();
    return finishAccountLink(input.link, input.outcome);
  }
  if (!(await onboardingStartedBy(caller, input.state))) throw apiError("not_found", "No such authorization request.");
  return finishOAuthAuthorize({ redirectUri: input.redirect_uri, state: input.state, outcome: input.outcome });
}
