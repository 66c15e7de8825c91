import { databaseTarget, prisma, Prisma } from "@/lib/db";
import { feeSchedulesFor, type AppliedFeeSchedule } from "@/lib/fees/fee-schedules";
import { toRateLimitsView } from "@/lib/api-traffic/rate-limits";
import { apiError } from "@/lib/http/errors";
import { recentVolumeOf, type CurrencyVolume } from "@/lib/platform/volume";
import type { PlatformTenantsQuery } from "@/lib/schemas/platform";
import { STRIPE_ACCOUNT_STATUS, STRIPE_CONNECTION_STATUS, asStatus } from "@/lib/statuses";
import type { CurrencySettings } from "@/lib/tenants/currency-settings";
import { readCurrencySettingsOf } from "@/lib/tenants/settings";
import { toTenantView } from "@/lib/tenants/views";

/**
 * The search as a LIKE pattern whose `%`, `_` and `\` stand for themselves.
 * Prisma's `contains` cannot say this on SQLite (it sends the text into LIKE
 * unescaped and SQLite has no default escape character, so "100%" would match
 * every name with "100" in it), hence the SQL below.
 */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/**
 * One page of tenant ids, newest first. Case-insensitive on both databases:
 * SQLite's LIKE already ignores case (of ASCII letters; SQLite has no other
 * case rules without ICU), PostgreSQL needs ILIKE.
 */
async function pageOfTenantIds(query: PlatformTenantsQuery): Promise<string[]> {
  const like = Prisma.raw(databaseTarget().provider === "postgresql" ? "ILIKE" : "LIKE");
  const conditions: Prisma.Sql[] = [];
  if (query.q) {
    const pattern = likePattern(query.q);
    conditions.push(Prisma.sql`("id" = ${query.q} OR "name" ${like} ${pattern} ESCAPE '\\' OR "slug" ${like} ${pattern} ESCAPE '\\')`);
  }
  if (query.cursor) {
    const anchor = Prisma.sql`(SELECT "createdAt" FROM "Tenant" WHERE "id" = ${query.cursor})`;
    conditions.push(Prisma.sql`("createdAt" < ${anchor} OR ("createdAt" = ${anchor} AND "id" < ${query.cursor}))`);
  }
  const where = conditions.length > 0 ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "Tenant" ${where} ORDER BY "createdAt" DESC, "id" DESC LIMIT ${query.limit + 1}`;
  return rows.map((row) => row.id);
}

const PLATFORM_TENANT_INCLUDE = {
  stripeConnection: { select: { status: true, accountId: true, chargesEnabled: true, payoutsEnabled: true } },
  _count: { select: { memberships: true } },
} as const satisfies Prisma.TenantInclude;

type PlatformTenantRow = Prisma.TenantGetPayload<{ include: typeof PLATFORM_TENANT_INCLUDE }>;

/** What the console shows beside a tenant's own row, read for a whole page at once. */
type PlatformTenantExtras = { settings: CurrencySettings; fees: AppliedFeeSchedule; volume: CurrencyVolume[] };

/**
 * Currencies, fee schedules and recent volume for a page of tenants: three
 * queries whatever the page's size, never one per tenant.
 */
async function extrasOf(tenantIds: string[]): Promise<(tenantId: string) => PlatformTenantExtras> {
  const [settings, fees, volumes] = await Promise.all([readCurrencySettingsOf(prisma, tenantIds), feeSchedulesFor(tenantIds), recentVolumeOf(tenantIds)]);
  return (tenantId) => ({ settings: settings.get(tenantId)!, fees: fees.get(tenantId)!, volume: volumes.get(tenantId) ?? [] });
}

/** A tenant as operators see it, in the list and on its own. */
function toPlatformTenantView(row: PlatformTenantRow, { settings, fees, volume }: PlatformTenantExtras) {
  const stripe = row.stripeConnection;
  const connected = stripe?.status === STRIPE_CONNECTION_STATUS.connected;
  return {
    ...toTenantView(row),
    suspended_at: row.suspendedAt?.toISOString() ?? null,
    suspension_reason: row.suspendedReason,
    stripe: {
      status: stripe ? asStatus(STRIPE_CONNECTION_STATUS, stripe.status) : STRIPE_ACCOUNT_STATUS.notConnected,
      account_id: stripe?.accountId ?? null,
      charges_enabled: connected && stripe.chargesEnabled,
      payouts_enabled: connected && stripe.payoutsEnabled,
    },
    member_count: row._count.memberships,
    currencies: settings.currencies,
    default_currency: settings.default_currency,
    fee_schedule: { ...fees.schedule, source: fees.source },
    rate_limits: toRateLimitsView(row),
    volume_30d: volume,
  };
}

export type PlatformTenantView = ReturnType<typeof toPlatformTenantView>;

/** One tenant for an operator: the same view as a row of the list. */
export async function platformTenant(tenantId: string): Promise<PlatformTenantView> {
  const row = await prisma.tenant.findUnique({ where: { id: tenantId }, include: PLATFORM_TENANT_INCLUDE });
  if (!row) throw apiError("not_found", "No tenant has this id.");
  const extras = await extrasOf([row.id]);
  return toPlatformTenantView(row, extras(row.id));
}

/** Every tenant of the platform, newest first, cursor-paginated, searchable by name, slug or id: what operators see. */
export async function listPlatformTenants(query: PlatformTenantsQuery): Promise<{ data: PlatformTenantView[]; next_cursor: string | null }> {
  if (query.cursor) {
    const anchor = await prisma.tenant.findUnique({ where: { id: query.cursor }, select: { id: true } });
    if (!anchor) throw apiError("invalid_cursor");
  }
  const ids = await pageOfTenantIds(query);
  const pageIds = ids.slice(0, query.limit);
  const [rows, extras] = await Promise.all([prisma.tenant.findMany({ where: { id: { in: pageIds } }, include: PLATFORM_TENANT_INCLUDE }), extrasOf(pageIds)]);
  const byId = new Map(rows.map((row) => [row.id, row]));
  // A tenant deleted between the two reads is left out rather than shown half.
  const data = pageIds.flatMap((id) => {
    const row = byId.get(id);
    return row ? [toPlatformTenantView(row, extras(id))] : [];
  });
  return { data, next_cursor: ids.length > query.limit ? (pageIds.at(-1) ?? null) : null };
}
