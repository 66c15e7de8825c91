import type Stripe from "stripe";
import { emptyRequirements } from "@/lib/stripe/requirements";
import { newObjectId, nowSeconds } from "./store";

/**
 * A connected account as the simulator stores it: Stripe's own Account shape
 * (stripe-node's type, so the simulator cannot drift from what the portal
 * reads), plus `livemode`, which the API sends and the type leaves out, and
 * whether the platform's access was revoked, which Stripe keeps to itself.
 */
export type SimulatedAccount = Stripe.Account & { livemode: false; deauthorized: boolean };

export type OnboardingOutcome = "complete" | "requirements_due";

export const ONBOARDING_REQUIREMENTS = ["business_profile.url", "external_account", "individual.verification.document"];
const LEFT_DUE = ["external_account", "individual.verification.document"];
const DEADLINE_SECONDS = 14 * 86_400;

export function newAccount(metadata: Stripe.Metadata = {}): SimulatedAccount {
  return {
    id: newObjectId("acct"),
    object: "account",
    type: "express",
    livemode: false,
    email: null,
    charges_enabled: false,
    payouts_enabled: false,
    details_submitted: false,
    deauthorized: false,
    metadata,
    requirements: {
      alternatives: [],
      currently_due: [...ONBOARDING_REQUIREMENTS],
      eventually_due: [...ONBOARDING_REQUIREMENTS],
      past_due: [],
      pending_verification: [],
      disabled_reason: "requirements.past_due",
      current_deadline: null,
      errors: [],
    },
    business_profile: null,
    created: nowSeconds(),
  };
}

/** The account as Stripe's API answers it (without what only the simulator keeps). */
export function publicAccount(account: SimulatedAccount): Stripe.Account & { livemode: false } {
  const { deauthorized: _deauthorized, ...rest } = account;
  return rest;
}

/** Stripe's full requirements hash with nothing due: what the portal reads, plus the lists it does not. */
const nothingDue = (): Stripe.Account.Requirements => ({ ...emptyRequirements(), alternatives: [], errors: [] });

/** What the owner's choice on the simulated onboarding page does to the account. */
export function applyOutcome(account: SimulatedAccount, outcome: OnboardingOutcome): SimulatedAccount {
  const requirements = account.requirements ?? nothingDue();
  if (outcome === "complete") {
    return {
      ...account,
      charges_enabled: true,
      payouts_enabled: true,
      details_submitted: true,
      requirements: { ...requirements, currently_due: [], eventually_due: [], past_due: [], disabled_reason: null, current_deadline: null },
    };
  }
  return {
    ...account,
    charges_enabled: false,
    payouts_enabled: false,
    details_submitted: true,
    requirements: {
      ...requirements,
      currently_due: [...LEFT_DUE],
      eventually_due: [...LEFT_DUE],
      disabled_reason: "requirements.past_due",
      current_deadline: nowSeconds() + DEADLINE_SECONDS,
    },
  };
}
