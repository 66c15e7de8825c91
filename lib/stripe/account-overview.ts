import { fillDays } from "@/components/payments/fill-days";
import { prisma } from "@/lib/db";
import { apiError } from "@/lib/http/errors";
import { listTenantPayments, paymentsSummary } from "@/lib/payments/portal";
import { STRIPE_CONNECTION_STATUS } from "@/lib/statuses";
import { getCurrencySettings } from "@/lib/tenants/settings";
import { requireStripe, type StripeSetup } from "./config";
import { accessLostError, disconnectForLostAccess, isLostAccess, stripeFailure } from "./connect";
import {
  balanceView,
  freshAnswer,
  pickPayouts,
  planOverviewRead,
  staleAnswer,
  staleReasonOf,
  type FiguresAnswer,
  type SnapshotFacts,
  type StaleReason,
  type StripeFigures,
} from "./overview-decisions";

/** Up to how many payouts are read to find the next and the last one (Stripe's largest page). */
const PAYOUTS_READ = 100;
const LATEST_PAYMENTS = 5;
const VOLUME_DAYS = 30;

type SnapshotRow = NonNullable<Awaited<ReturnType<typeof prisma.stripeAccountSnapshot.findUnique>>>;

// The JSON columns hold what this module wrote: the figures as the overview answers them.
const snapshotFacts = (row: SnapshotRow | null): SnapshotFacts | null =>
  row && {
    accountId: row.accountId,
    figures: { balance: row.balance as StripeFigures["balance"], payouts: row.payouts as StripeFigures["payouts"] },
    fetchedAt: row.fetchedAt,
    lastError: row.lastError,
    lastErrorAt: row.lastErrorAt,
  };

type Refresh = { ok: true; figures: StripeFigures; fetchedAt: Date } | { ok: false; reason: StaleReason };

/** One pair of Stripe calls, stored for every instance (or the failure noted beside the last figures). */
async function refreshFigures(setup: StripeSetup, tenantId: string, accountId: string): Promise<Refresh> {
  let figures: StripeFigures;
  try {
    const [balance, payouts] = await Promise.all([
      setup.stripe.balance.retrieve({}, { stripeAccount: accountId }),
      setup.stripe.payouts.list({ limit: PAYOUTS_READ }, { stripeAccount: accountId }),
    ]);
    figures = { balance: balanceView(balance), payouts: pickPayouts(payouts.data) };
  } catch (error) {
    if (isLostAccess(error)) {
      await prisma.$transaction(async (tx) => {
        await disconnectForLostAccess(tx, tenantId);
        await tx.stripeAccountSnapshot.deleteMany({ where: { tenantId } });
      });
      throw accessLostError();
    }
    const reason = staleReasonOf(stripeFailure(error).code);
    // Only beside figures of this account: without any, there is nothing to keep stale.
    await prisma.stripeAccountSnapshot.updateMany({ where: { tenantId, accountId }, data: { lastError: reason, lastErrorAt: new Date() } });
    return { ok: false, reason };
  }
  const fetchedAt = new Date();
  const stored = { accountId, balance: figures.balance, payouts: figures.payouts, fetchedAt, lastError: null, lastErrorAt: null };
  await prisma.stripeAccountSnapshot.upsert({ where: { tenantId }, create: { tenantId, ...stored }, update: stored });
  return { ok: true, figures, fetchedAt };
}

/**
 * Refreshes in flight in this process, by tenant and account: concurrent
 * requests share one pair of Stripe calls (other instances share the stored
 * snapshot once it is written).
 */
const inFlight = new Map<string, Promise<Refresh>>();

function sharedRefresh(setup: StripeSetup, tenantId: string, accountId: string): Promise<Refresh> {
  const key = `${tenantId}:${accountId}`;
  const running = inFlight.get(key);
  if (running) return running;
  const refresh = refreshFigures(setup, tenantId, accountId).finally(() => inFlight.delete(key));
  inFlight.set(key, refresh);
  return refresh;
}

async function stripeFigures(setup: StripeSetup, tenantId: string, accountId: string, now: Date): Promise<FiguresAnswer> {
  const snapshot = snapshotFacts(await prisma.stripeAccountSnapshot.findUnique({ where: { tenantId } }));
  const plan = planOverviewRead(snapshot, accountId, now);
  if (plan.kind === "cached") return freshAnswer(snapshot!.figures, snapshot!.fetchedAt);
  if (plan.kind === "backing_off") return staleAnswer(snapshot, accountId, plan.reason);
  const refresh = await sharedRefresh(setup, tenantId, accountId);
  return refresh.ok ? freshAnswer(refresh.figures, refresh.fetchedAt) : staleAnswer(snapshot, accountId, refresh.reason);
}

/** The portal's own half: the newest payments (both modes) and a month of volume in the default currency. */
async function portalFigures(tenantId: string, livemode: boolean, now: Date) {
  const [latest, summary, settings] = await Promise.all([
    listTenantPayments(tenantId, { limit: LATEST_PAYMENTS }),
    paymentsSummary(tenantId, { days: VOLUME_DAYS, mode: livemode ? "live" : "test" }, now),
    getCurrencySettings(tenantId),
  ]);
  const currency = settings.default_currency;
  return {
    latest_payments: latest.data.map((payment) => ({
      id: payment.id,
      amount: payment.amount,
      currency: payment.currency,
      application_fee_amount: payment.application_fee_amount,
      net_amount: payment.net_amount,
      refunded_amount: payment.refunded_amount,
      status: payment.status,
      livemode: payment.livemode,
      created_at: payment.created_at,
    })),
    volume_30d: { currency, points: fillDays(summary, currency).map((day) => ({ date: day.date, amount: day.volume })) },
  };
}

/** GET /stripe/overview/: the connected account's balance and payouts (cached, stale when Stripe fails) and the tenant's latest payments. */
export async function getStripeOverview(tenantId: string) {
  const connection = await prisma.stripeConnection.findUnique({ where: { tenantId } });
  if (!connection || connection.status !== STRIPE_CONNECTION_STATUS.connected) throw apiError("not_connected");
  const setup = requireStripe();
  const now = new Date();
  const [figures, portal] = await Promise.all([stripeFigures(setup, tenantId, connection.accountId, now), portalFigures(tenantId, connection.livemode, now)]);
  return {
    account_id: connection.accountId,
    livemode: connection.livemode,
    fetched_at: figures.fetched_at,
    stale: figures.stale,
    stale_reason: figures.stale_reason,
    balance: figures.balance,
    payouts: figures.payouts,
    ...portal,
  };
}
export type StripeOverview = Awaited<ReturnType<typeof getStripeOverview>>;
