import type Stripe from "stripe";

type RequirementList = "currently_due" | "eventually_due" | "past_due" | "pending_verification";

/**
 * Stripe's requirements hash as stored and answered: the fields the portal
 * shows, with Stripe's null lists read as empty.
 */
export type StoredRequirements = Pick<Stripe.Account.Requirements, "disabled_reason" | "current_deadline"> & {
  [list in RequirementList]: NonNullable<Stripe.Account.Requirements[list]>;
};

/** Nothing due: a fresh object each time, so no caller can change another's. */
export const emptyRequirements = (): StoredRequirements => ({
  currently_due: [],
  eventually_due: [],
  past_due: [],
  pending_verification: [],
  disabled_reason: null,
  current_deadline: null,
});

export function requirementsOf(account: Stripe.Account): StoredRequirements {
  const r = account.requirements;
  return {
    currently_due: r?.currently_due ?? [],
    eventually_due: r?.eventually_due ?? [],
    past_due: r?.past_due ?? [],
    pending_verification: r?.pending_verification ?? [],
    disabled_reason: r?.disabled_reason ?? null,
    current_deadline: r?.current_deadline ?? null,
  };
}
