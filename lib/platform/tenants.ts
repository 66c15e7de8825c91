import { databaseTarget, prisma, Prisma } from "@/lib/db";
import { feeScheduleFor } from "@/lib/fees/fee-schedules";
import { apiError } from "@/lib/http/errors";
import type { PlatformTenantsQuery } from "@/lib/schemas/platform";
import { STRIPE_ACCOUNT_STATUS, STRIPE_CONNECTION_STATUS, asStatus } from "@/lib/statuses";
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
  stripeConnection: { select: { status: true, chargesEnabled: true, payoutsEnabled: true } },
  _count: { select: { memberships: true } },
} as const satisfies Prisma.TenantInclude;

type PlatformTenantRow = Prisma.TenantGetPayload<{ include: typeof PLATFORM_TENANT_INCLUDE }>;

/** A tenant as operators see it, in the list and on its own. */
function toPlatformTenantView(row: PlatformTenantRow) {
  const stripe = row.stripeConnection;
  const connected = stripe?.status === STRIPE_CONNECTION_STATUS.connected;
  return {
    ...toTenantView(row),
    suspended_at: row.suspendedAt?.toISOString() ?? null,
    suspension_reason: row.suspendedReason,
    stripe: {
      status: stripe ? asStatus(STRIPE_CONNECTION_STATUS, stripe.status) : STRIPE_ACCOUNT_STATUS.notConnected,
      charges_enabled: connected && stripe.chargesEnabled,
      payouts_enabled: connected && stripe.payoutsEnabled,
    },
    member_count: row._count.memberships,
  };
}

/** One tenant for an operator: the list's view plus the fee schedule that applies to it and where that comes from. */
export async function platformTenant(tenantId: string) {
  const row = await prisma.tenant.findUnique({ where: { id: tenantId }, include: PLATFORM_TENANT_INCLUDE });
  if (!row) throw apiError("not_found", "No tenant has this id.");
  const { schedule, source } = await feeScheduleFor(row.id);
  return { ...toPlatformTenantView(row), fee_schedule: { ...schedule, source } };
}

/** Every tenant of the platform, newest first, cursor-paginated, searchable by name, slug or id: what operators see. */
export async function listPlatformTenants(query: PlatformTenantsQuery) {
  if (query.cursor) {
    const anchor = await prisma.tenant.findUnique({ where: { id: query.cursor }, select: { id: true } });
    if (!anchor) throw apiError("invalid_cursor");
  }
  const ids = await pageOfTenantIds(query);
  const pageIds = ids.slice(0, query.limit);
  const rows = await prisma.tenant.findMany({ where: { id: { in: pageIds } }, include: PLATFORM_TENANT_INCLUDE });
  const byId = new Map(rows.map((row) => [row.id, row]));
  // A tenant deleted between the two reads is left out rather than shown half.
  const data = pageIds.flatMap((id) => {
    const row = byId.get(id);
    return row ? [toPlatformTenantView(row)] : [];
  });
  return { data, next_cursor: ids.length > query.limit ? (pageIds.at(-1) ?? null) : null };
}
