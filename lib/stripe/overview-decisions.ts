// What the Stripe overview answers, decided without I/O: whether the stored
// snapshot of Stripe's figures is fresh enough to answer as it is, what to
// answer when Stripe fails, and how Stripe's balance and payouts are shown.
// The service (account-overview.ts) reads, calls and stores around these.
import type Stripe from "stripe";
import { STRIPE_PAYOUT_STATUS, type StripePayoutStatus } from "@/lib/statuses";

/** How long Stripe's answers are reused: a busy dashboard makes one pair of calls per tenant a minute. */
export const OVERVIEW_TTL_MS = 60_000;

export type MoneyAmount = { currency: string; amount: number };
export type BalanceView = { available: MoneyAmount[]; pending: MoneyAmount[] };
export type PayoutView = { id: string; amount: number; currency: string; arrival_date: string; status: StripePayoutStatus };
export type PayoutsView = { next: PayoutView | null; last: PayoutView | null };
export type StripeFigures = { balance: BalanceView; payouts: PayoutsView };

/** The failures a stale answer names: Stripe's, never the portal's own. */
export const STALE_REASONS = ["stripe_unreachable", "stripe_error", "stripe_misconfigured"] as const;
export type StaleReason = (typeof STALE_REASONS)[number];

/** A failed call's error code as a stale reason; anything unexpected from Stripe counts as its error. */
export function staleReasonOf(code: string): StaleReason {
  return (STALE_REASONS as readonly string[]).includes(code) ? (code as StaleReason) : "stripe_error";
}

/** The stored snapshot, as far as the decisions read it. */
export type SnapshotFacts = {
  accountId: string;
  figures: StripeFigures;
  fetchedAt: Date;
  lastError: string | null;
  lastErrorAt: Date | null;
};

/**
 * What to do with a request:
 * - `cached`: the snapshot is younger than the TTL; answer it as fresh.
 * - `backing_off`: Stripe failed less than a TTL ago (after the snapshot was
 *   taken); answer the snapshot as stale without asking again, so an outage
 *   costs one slow call a minute rather than one per page view.
 * - `fetch`: ask Stripe (no snapshot, one of another account, or an old one).
 */
export type ReadPlan = { kind: "cached" } | { kind: "backing_off"; reason: StaleReason } | { kind: "fetch" };

export function planOverviewRead(snapshot: SnapshotFacts | null, accountId: string, now: Date, ttlMs = OVERVIEW_TTL_MS): ReadPlan {
  // A snapshot of another account (the tenant reconnected elsewhere) says nothing about this one.
  if (!snapshot || snapshot.accountId !== accountId) return { kind: "fetch" };
  if (now.getTime() - snapshot.fetchedAt.getTime() < ttlMs) return { kind: "cached" };
  const failedSince = snapshot.lastErrorAt && snapshot.lastErrorAt > snapshot.fetchedAt ? snapshot.lastErrorAt : null;
  if (failedSince && now.getTime() - failedSince.getTime() < ttlMs) return { kind: "backing_off", reason: staleReasonOf(snapshot.lastError ?? "") };
  return { kind: "fetch" };
}

/** The Stripe half of the overview: the figures and how current they are. */
export type FiguresAnswer = {
  fetched_at: string | null;
  stale: boolean;
  stale_reason: StaleReason | null;
  balance: BalanceView | null;
  payouts: PayoutsView | null;
};

export function freshAnswer(figures: StripeFigures, fetchedAt: Date): FiguresAnswer {
  return { fetched_at: fetchedAt.toISOString(), stale: false, stale_reason: null, ...figures };
}

/**
 * When Stripe could not answer: the last figures of this account with their
 * time, or nulls when none were ever read. Never an error: the rest of the
 * overview (the portal's own payments) is still worth showing.
 */
export function staleAnswer(snapshot: SnapshotFacts | null, accountId: string, reason: StaleReason): FiguresAnswer {
  const usable = snapshot && snapshot.accountId === accountId ? snapshot : null;
  return {
    fetched_at: usable?.fetchedAt.toISOString() ?? null,
    stale: true,
    stale_reason: reason,
    balance: usable?.figures.balance ?? null,
    payouts: usable?.figures.payouts ?? null,
  };
}

/** Stripe's balance, per currency as Stripe orders it, without the breakdown by source type. */
export function balanceView(balance: Pick<Stripe.Balance, "available" | "pending">): BalanceView {
  const amounts = (funds: { amount: number; currency: string }[]) => funds.map(({ currency, amount }) => ({ currency, amount }));
  return { available: amounts(balance.available), pending: amounts(balance.pending) };
}

const ON_ITS_WAY: readonly string[] = [STRIPE_PAYOUT_STATUS.pending, STRIPE_PAYOUT_STATUS.inTransit];

const payoutView = (payout: Stripe.Payout): PayoutView => ({
  id: payout.id,
  amount: payout.amount,
  currency: payout.currency,
  arrival_date: new Date(payout.arrival_date * 1000).toISOString(),
  status: payout.status as StripePayoutStatus,
});

/**
 * The next payout is the earliest still on its way (pending or in transit),
 * the last the latest paid one, by arrival date; ties go to the one created
 * first (next) or last (last), so the answer does not depend on list order.
 */
export function pickPayouts(payouts: readonly Stripe.Payout[]): PayoutsView {
  const byArrival = [...payouts].sort((a, b) => a.arrival_date - b.arrival_date || a.created - b.created);
  const next = byArrival.find((payout) => ON_ITS_WAY.includes(payout.status));
  const last = byArrival.findLast((payout) => payout.status === STRIPE_PAYOUT_STATUS.paid);
  return { next: next ? payoutView(next) : null, last: last ? payoutView(last) : null };
}
