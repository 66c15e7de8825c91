import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import {
  balanceView,
  freshAnswer,
  OVERVIEW_TTL_MS,
  pickPayouts,
  planOverviewRead,
  staleAnswer,
  staleReasonOf,
  type ReadPlan,
  type SnapshotFacts,
  type StripeFigures,
} from "./overview-decisions";

const NOW = new Date("2026-11-26T06:00:00.000Z");
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const ACCOUNT = "acct_1";

const FIGURES: StripeFigures = {
  balance: { available: [{ currency: "eur", amount: 100 }], pending: [{ currency: "eur", amount: 5 }] },
  payouts: { next: null, last: null },
};

const snapshot = (facts: Partial<SnapshotFacts> = {}): SnapshotFacts => ({
  accountId: ACCOUNT,
  figures: FIGURES,
  fetchedAt: ago(10_000),
  lastError: null,
  lastErrorAt: null,
  ...facts,
});

describe("planOverviewRead", () => {
  const cases: [label: string, stored: SnapshotFacts | null, plan: ReadPlan][] = [
    ["no snapshot: ask Stripe", null, { kind: "fetch" }],
    ["a snapshot of 10 s: answer it", snapshot(), { kind: "cached" }],
    ["a snapshot of 59.999 s: still fresh", snapshot({ fetchedAt: ago(OVERVIEW_TTL_MS - 1) }), { kind: "cached" }],
    ["a snapshot of exactly 60 s: ask again", snapshot({ fetchedAt: ago(OVERVIEW_TTL_MS) }), { kind: "fetch" }],
    ["a snapshot of another account: ask Stripe", snapshot({ accountId: "acct_other" }), { kind: "fetch" }],
    ["a snapshot stamped in the future (clock skew): fresh", snapshot({ fetchedAt: new Date(NOW.getTime() + 5_000) }), { kind: "cached" }],
    [
      "old figures, Stripe failed 20 s ago: answer stale without asking",
      snapshot({ fetchedAt: ago(5 * 60_000), lastError: "stripe_unreachable", lastErrorAt: ago(20_000) }),
      { kind: "backing_off", reason: "stripe_unreachable" },
    ],
    [
      "old figures, Stripe failed 60 s ago: ask again",
      snapshot({ fetchedAt: ago(5 * 60_000), lastError: "stripe_error", lastErrorAt: ago(OVERVIEW_TTL_MS) }),
      { kind: "fetch" },
    ],
    [
      "an error older than the figures does not hold back a refresh",
      snapshot({ fetchedAt: ago(2 * 60_000), lastError: "stripe_error", lastErrorAt: ago(3 * 60_000) }),
      { kind: "fetch" },
    ],
    [
      "an unexpected stored error reads as Stripe's error",
      snapshot({ fetchedAt: ago(5 * 60_000), lastError: "something_else", lastErrorAt: ago(1_000) }),
      { kind: "backing_off", reason: "stripe_error" },
    ],
    [
      "backing off is per account: another account's failure does not count",
      snapshot({ accountId: "acct_other", fetchedAt: ago(5 * 60_000), lastError: "stripe_error", lastErrorAt: ago(1_000) }),
      { kind: "fetch" },
    ],
  ];
  it.each(cases)("%s", (_label, stored, plan) => {
    expect(planOverviewRead(stored, ACCOUNT, NOW)).toEqual(plan);
  });
});

describe("what the overview answers of Stripe's figures", () => {
  it("answers fresh figures with their time and no reason", () => {
    expect(freshAnswer(FIGURES, ago(1_000))).toEqual({ fetched_at: "2026-11-26T05:59:59.000Z", stale: false, stale_reason: null, ...FIGURES });
  });

  const cases: [label: string, stored: SnapshotFacts | null, answer: object][] = [
    [
      "the last figures of this account, with their time",
      snapshot({ fetchedAt: ago(3_600_000) }),
      { fetched_at: "2026-11-26T05:00:00.000Z", stale: true, stale_reason: "stripe_unreachable", ...FIGURES },
    ],
    ["nulls when none were ever read", null, { fetched_at: null, stale: true, stale_reason: "stripe_unreachable", balance: null, payouts: null }],
    [
      "nulls rather than another account's figures",
      snapshot({ accountId: "acct_other" }),
      { fetched_at: null, stale: true, stale_reason: "stripe_unreachable", balance: null, payouts: null },
    ],
  ];
  it.each(cases)("on failure: %s", (_label, stored, answer) => {
    expect(staleAnswer(stored, ACCOUNT, "stripe_unreachable")).toEqual(answer);
  });

  it.each([
    ["stripe_unreachable", "stripe_unreachable"],
    ["stripe_error", "stripe_error"],
    ["stripe_misconfigured", "stripe_misconfigured"],
    ["connect_in_progress", "stripe_error"],
    ["", "stripe_error"],
  ])("names the failure %j as %j", (code, reason) => {
    expect(staleReasonOf(code)).toBe(reason);
  });
});

describe("Stripe's objects as the overview shows them", () => {
  it("keeps a balance's amounts per currency, in Stripe's order, without source types", () => {
    const balance = {
      available: [
        { amount: 18240, currency: "eur", source_types: { card: 18240 } },
        { amount: 0, currency: "usd", source_types: { card: 0 } },
      ],
      pending: [{ amount: 3824, currency: "eur", source_types: { card: 3824 } }],
    } as Pick<Stripe.Balance, "available" | "pending">;
    expect(balanceView(balance)).toEqual({
      available: [
        { currency: "eur", amount: 18240 },
        { currency: "usd", amount: 0 },
      ],
      pending: [{ currency: "eur", amount: 3824 }],
    });
  });

  const day = (date: string) => Date.parse(`${date}T00:00:00Z`) / 1000;
  const payout = (id: string, status: string, arrival: string, created = day(arrival) - 86_400) =>
    ({ id, object: "payout", amount: 1000, currency: "eur", status, arrival_date: day(arrival), created }) as Stripe.Payout;
  const iso = (date: string) => `${date}T00:00:00.000Z`;

  const cases: [label: string, payouts: Stripe.Payout[], next: string | null, last: string | null][] = [
    ["none", [], null, null],
    ["only paid ones: no next, the latest paid is last", [payout("po_2", "paid", "2026-11-21"), payout("po_1", "paid", "2026-11-14")], null, "po_2"],
    [
      "the earliest on its way is next, whether pending or in transit",
      [payout("po_4", "pending", "2026-11-30"), payout("po_3", "in_transit", "2026-11-28"), payout("po_2", "paid", "2026-11-21")],
      "po_3",
      "po_2",
    ],
    ["failed and canceled payouts are neither", [payout("po_2", "failed", "2026-11-27"), payout("po_1", "canceled", "2026-11-20")], null, null],
    [
      "list order does not matter",
      [payout("po_1", "paid", "2026-11-14"), payout("po_3", "pending", "2026-11-29"), payout("po_2", "paid", "2026-11-21"), payout("po_4", "pending", "2026-11-28")],
      "po_4",
      "po_2",
    ],
    [
      "on the same arrival day: the first created is next, the last created is last",
      [
        payout("po_b", "pending", "2026-11-28", day("2026-11-26")),
        payout("po_a", "pending", "2026-11-28", day("2026-11-25")),
        payout("po_y", "paid", "2026-11-21", day("2026-11-19")),
        payout("po_z", "paid", "2026-11-21", day("2026-11-20")),
      ],
      "po_a",
      "po_z",
    ],
  ];
  it.each(cases)("picks the next and last payout: %s", (_label, payouts, next, last) => {
    const picked = pickPayouts(payouts);
    expect(picked.next?.id ?? null).toBe(next);
    expect(picked.last?.id ?? null).toBe(last);
  });

  it("answers a payout's arrival as an ISO date-time", () => {
    expect(pickPayouts([payout("po_1", "in_transit", "2026-11-28")]).next).toEqual({
      id: "po_1",
      amount: 1000,
      currency: "eur",
      arrival_date: iso("2026-11-28"),
      status: "in_transit",
    });
  });
});
