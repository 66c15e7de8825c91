import { describe, expect, it } from "vitest";
import type { Role } from "@/lib/auth/roles";
import { requirementsBanner, type BannerStatus, type RequirementsBanner } from "./requirements-banner-view";

const DEADLINE = 1_796_000_000;

const status = (overrides: Partial<BannerStatus> & { currently_due?: string[]; past_due?: string[]; current_deadline?: number | null } = {}): BannerStatus => {
  const { currently_due = [], past_due = [], current_deadline = null, ...rest } = overrides;
  return { connected: true, mode: "account_links", charges_enabled: true, payouts_enabled: true, requirements: { currently_due, past_due, current_deadline }, ...rest };
};

const OWNERS = ["Sam Stripe", "Olu Owner"];
const viewer = (role: Role) => ({ role, ownerNames: OWNERS });

describe("requirementsBanner: whether it shows", () => {
  it.each<[string, BannerStatus]>([
    ["no connection", status({ connected: false, charges_enabled: false, payouts_enabled: false, currently_due: ["external_account"] })],
    ["connected, nothing due, everything enabled", status()],
  ])("shows nothing: %s", (_label, given) => {
    for (const role of ["owner", "admin", "member"] as const) expect(requirementsBanner(given, viewer(role))).toBeNull();
  });
});

describe("requirementsBanner: what it says", () => {
  const cases: [label: string, given: BannerStatus, role: Role, banner: RequirementsBanner][] = [
    [
      "due with a deadline, owner of an Express account: amber, continue onboarding",
      status({ currently_due: ["external_account", "business_profile.url"], current_deadline: DEADLINE }),
      "owner",
      {
        tone: "amber",
        headline: "Stripe needs more information about this business",
        items: ["A bank account for payouts", "The business's website"],
        deadline: DEADLINE,
        action: { kind: "continue_onboarding" },
        stripePage: true,
      },
    ],
    [
      "the same for an admin: the owners' names instead of the button",
      status({ currently_due: ["external_account"], current_deadline: DEADLINE }),
      "admin",
      {
        tone: "amber",
        headline: "Stripe needs more information about this business",
        items: ["A bank account for payouts"],
        deadline: DEADLINE,
        action: { kind: "ask_owners", names: OWNERS },
        stripePage: true,
      },
    ],
    [
      "the same for a member: that something is needed and who can do it, not what",
      status({ currently_due: ["external_account"], current_deadline: DEADLINE }),
      "member",
      { tone: "amber", headline: "Stripe needs more information about this business", items: [], deadline: null, action: { kind: "ask_owners", names: OWNERS }, stripePage: false },
    ],
    [
      "past due: red, past-due items first and not repeated",
      status({ past_due: ["individual.verification.document"], currently_due: ["external_account", "individual.verification.document"] }),
      "owner",
      {
        tone: "red",
        headline: "Stripe needs information that is past due",
        items: ["An identity document for the account representative", "A bank account for payouts"],
        deadline: null,
        action: { kind: "continue_onboarding" },
        stripePage: true,
      },
    ],
    [
      "charges and payouts paused with things due (the simulator's requirements left due): red",
      status({ charges_enabled: false, payouts_enabled: false, currently_due: ["external_account"], current_deadline: DEADLINE }),
      "owner",
      {
        tone: "red",
        headline: "Stripe has paused charges and payouts for this account",
        items: ["A bank account for payouts"],
        deadline: DEADLINE,
        action: { kind: "continue_onboarding" },
        stripePage: true,
      },
    ],
    [
      "only payouts paused, nothing due (Stripe reviewing): red, no onboarding to continue",
      status({ payouts_enabled: false }),
      "owner",
      { tone: "red", headline: "Stripe has paused payouts for this account", items: [], deadline: null, action: null, stripePage: true },
    ],
    [
      "only charges paused, seen by an admin: nothing for anyone to do",
      status({ charges_enabled: false }),
      "admin",
      { tone: "red", headline: "Stripe has paused charges for this account", items: [], deadline: null, action: null, stripePage: true },
    ],
    [
      "paused, nothing due, seen by a member: no link to a page they cannot open",
      status({ charges_enabled: false, payouts_enabled: false }),
      "member",
      { tone: "red", headline: "Stripe has paused charges and payouts for this account", items: [], deadline: null, action: null, stripePage: false },
    ],
    [
      "an account connected through OAuth: its owner updates it on Stripe's dashboard",
      status({ mode: "oauth", currently_due: ["company.tax_id"] }),
      "owner",
      {
        tone: "amber",
        headline: "Stripe needs more information about this business",
        items: ["The company's tax ID"],
        deadline: null,
        action: { kind: "stripe_dashboard", url: "https://dashboard.stripe.com/" },
        stripePage: true,
      },
    ],
    [
      "an unknown requirement key in words",
      status({ currently_due: ["settings.payments.statement_descriptor"] }),
      "owner",
      {
        tone: "amber",
        headline: "Stripe needs more information about this business",
        items: ["Settings payments statement descriptor"],
        deadline: null,
        action: { kind: "continue_onboarding" },
        stripePage: true,
      },
    ],
  ];
  it.each(cases)("%s", (_label, given, role, banner) => {
    expect(requirementsBanner(given, viewer(role))).toEqual(banner);
  });
});
