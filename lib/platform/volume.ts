import { prisma } from "@/lib/db";
import { CURRENCY_CODES, isSupportedCurrency, type CurrencyCode } from "@/lib/money/currencies";
import { PAYMENT_STATUS } from "@/lib/statuses";

/** How far back the operator console's volume looks. */
export const VOLUME_WINDOW_DAYS = 30;

/** One currency's share of a tenant's recent volume, in that currency's minor units. */
export type CurrencyVolume = { currency: CurrencyCode; volume: number; fees: number; count: number };

/**
 * What each tenant charged in live mode over the last 30 days: succeeded
 * payments created in the window, summed per currency (amounts of different
 * currencies never add up). Gross: a later refund does not take a payment out.
 * One grouped query for the whole page of tenants, on the
 * (tenantId, livemode, status, createdAt) index. Tenants with nothing get [].
 */
export async function recentVolumeOf(tenantIds: readonly string[], now: Date = new Date()): Promise<Map<string, CurrencyVolume[]>> {
  const volumes = new Map<string, CurrencyVolume[]>(tenantIds.map((id) => [id, []]));
  if (tenantIds.length === 0) return volumes;
  const since = new Date(now.getTime() - VOLUME_WINDOW_DAYS * 24 * 60 * 60 * 1000);
  const groups = await prisma.payment.groupBy({
    by: ["tenantId", "currency"],
    where: { tenantId: { in: [...tenantIds] }, livemode: true, status: PAYMENT_STATUS.succeeded, createdAt: { gte: since, lte: now } },
    _sum: { amount: true, applicationFeeAmount: true },
    _count: { _all: true },
  });
  for (const group of groups) {
    // A currency the registry no longer lists cannot be formatted; it stays in the database and out of the console.
    if (!isSupportedCurrency(group.currency)) continue;
    volumes.get(group.tenantId)?.push({
      currency: group.currency,
      // PostgreSQL sums integers as bigint; a tenant's 30 days stay far below 2^53 minor units.
      volume: Number(group._sum.amount ?? 0),
      fees: Number(group._sum.applicationFeeAmount ?? 0),
      count: group._count._all,
    });
  }
  // The registry's order, as everywhere else currencies are listed.
  const rank = (code: CurrencyCode) => CURRENCY_CODES.indexOf(code);
  for (const rows of volumes.values()) rows.sort((a, b) => rank(a.currency) - rank(b.currency));
  return volumes;
}
