// What the requirements banner on every portal page says, and to whom,
// decided from the stored status alone (no call to Stripe per page).
import { hasRole, type Role } from "@/lib/auth/roles";
import type { StoredRequirements } from "@/lib/stripe/requirements";
import { STANDARD_DASHBOARD_URL } from "@/lib/stripe/standard-dashboard";
import { requirementInWords } from "./requirements";

export type BannerStatus = {
  connected: boolean;
  mode: string | null;
  charges_enabled: boolean;
  payouts_enabled: boolean;
  requirements: Pick<StoredRequirements, "currently_due" | "past_due" | "current_deadline">;
};

export type BannerAction =
  /** Owners of an Account Links (Express) account: the onboarding flow of the Stripe page. */
  | { kind: "continue_onboarding" }
  /** Owners of an account connected through OAuth: its details are kept on Stripe's own dashboard. */
  | { kind: "stripe_dashboard"; url: string }
  /** Everyone else: who can do it. */
  | { kind: "ask_owners"; names: string[] };

export type RequirementsBanner = {
  /** Red when something is past due or Stripe has paused charges or payouts; amber while things are only due. */
  tone: "amber" | "red";
  headline: string;
  /** What is missing, in plain words (past due first); empty for members, who see that something is needed and who can do it. */
  items: string[];
  /** Stripe's deadline (Unix seconds) for what is currently due; null when none, and for members. */
  deadline: number | null;
  /** What to do about it; null when nothing is due (Stripe is reviewing what it was sent). */
  action: BannerAction | null;
  /** Whether the viewer may open the Stripe page, which has the details (admins and owners). */
  stripePage: boolean;
};

function headlineFor(status: BannerStatus, pastDue: boolean): string {
  const paused = [...(status.charges_enabled ? [] : ["charges"]), ...(status.payouts_enabled ? [] : ["payouts"])];
  if (paused.length > 0) return `Stripe has paused ${paused.join(" and ")} for this account`;
  if (pastDue) return "Stripe needs information that is past due";
  return "Stripe needs more information about this business";
}

/**
 * The banner for a viewer, or null: shown only for a connected account that
 * has something due or past due, or has charges or payouts disabled. A tenant
 * without a connection sees none (the dashboard says to connect).
 */
export function requirementsBanner(status: BannerStatus, viewer: { role: Role; ownerNames: string[] }): RequirementsBanner | null {
  if (!status.connected) return null;
  const { past_due: pastDue, currently_due: currentlyDue, current_deadline: deadline } = status.requirements;
  const due = [...pastDue, ...currentlyDue.filter((key) => !pastDue.includes(key))];
  const disabled = !status.charges_enabled || !status.payouts_enabled;
  if (due.length === 0 && !disabled) return null;

  const isOwner = hasRole(viewer.role, "owner");
  const seesDetails = hasRole(viewer.role, "admin");
  let action: BannerAction | null;
  // Nothing to hand in: Stripe is reviewing what it has, and onboarding has nothing to ask.
  if (due.length === 0) action = null;
  else if (!isOwner) action = { kind: "ask_owners", names: viewer.ownerNames };
  else if (status.mode === "oauth") action = { kind: "stripe_dashboard", url: STANDARD_DASHBOARD_URL };
  else action = { kind: "continue_onboarding" };

  return {
    tone: pastDue.length > 0 || disabled ? "red" : "amber",
    headline: headlineFor(status, pastDue.length > 0),
    items: seesDetails ? due.map(requirementInWords) : [],
    deadline: seesDetails && currentlyDue.length > 0 ? deadline : null,
    action,
    stripePage: seesDetails,
  };
}
