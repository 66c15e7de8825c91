import { prisma, Prisma, type TransactionClient } from "@/lib/db";
import { recordAudit, userActor } from "@/lib/audit/audit-log";
import { apiError } from "@/lib/http/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { canonicalFeeSchedule, PLATFORM_DEFAULT_FEE_SCHEDULE, sameFeeSchedule, type FeeSchedule } from "@/lib/money/fees";
import { feeScheduleSchema } from "@/lib/schemas/fees";

/** Where the schedule that applies to a tenant comes from. */
export type FeeScheduleSource = "platform_default" | "tenant";

export type AppliedFeeSchedule = { schedule: FeeSchedule; source: FeeScheduleSource };

/** The scope of the stored platform default; a tenant's override is scoped by the tenant's id (a cuid, never this word). */
const DEFAULT_SCOPE = "default";

type Db = TransactionClient | typeof prisma;

type StoredSchedule = { scope: string; percentBps: number; fixed: Prisma.JsonValue; minimum: Prisma.JsonValue; maximum: Prisma.JsonValue };

const SCHEDULE_COLUMNS = { scope: true, percentBps: true, fixed: true, minimum: true, maximum: true } as const;

/**
 * A stored row back as a schedule, through the same schema operators' input
 * passes. A row it refuses was written by something other than this module:
 * charging a fee from it would be guessing, so it fails loudly instead.
 */
function scheduleFromRow(row: StoredSchedule): FeeSchedule {
  const candidate: Record<string, unknown> = { percent_bps: row.percentBps };
  if (row.fixed !== null) candidate.fixed = row.fixed;
  if (row.minimum !== null) candidate.minimum = row.minimum;
  if (row.maximum !== null) candidate.maximum = row.maximum;
  const result = feeScheduleSchema.safeParse(candidate);
  if (!result.success) throw new Error(`The stored fee schedule "${row.scope}" is not a valid schedule: ${result.error.message}`);
  return canonicalFeeSchedule(result.data);
}

function rowFromSchedule(schedule: FeeSchedule) {
  const canonical = canonicalFeeSchedule(schedule);
  // Prisma writes SQL NULL for a nullable Json column only when told so explicitly.
  return {
    percentBps: canonical.percent_bps,
    fixed: canonical.fixed ?? Prisma.DbNull,
    minimum: canonical.minimum ?? Prisma.DbNull,
    maximum: canonical.maximum ?? Prisma.DbNull,
  };
}

async function storedSchedules(db: Db, tenantId: string) {
  const rows = await db.feeSchedule.findMany({ where: { scope: { in: [DEFAULT_SCOPE, tenantId] } }, select: SCHEDULE_COLUMNS });
  const byScope = new Map(rows.map((row) => [row.scope, row]));
  const override = byScope.get(tenantId);
  const storedDefault = byScope.get(DEFAULT_SCOPE);
  return {
    override: override ? scheduleFromRow(override) : null,
    platformDefault: storedDefault ? scheduleFromRow(storedDefault) : canonicalFeeSchedule(PLATFORM_DEFAULT_FEE_SCHEDULE),
  };
}

/**
 * The fee schedule that applies to a tenant's next payment: its own override,
 * else the stored platform default, else the built-in default. Every reader
 * (payments, the tenant's settings page, the operator console) goes through
 * here, so the order of precedence is decided in one place.
 */
export async function feeScheduleFor(tenantId: string, db: Db = prisma): Promise<AppliedFeeSchedule> {
  const { override, platformDefault } = await storedSchedules(db, tenantId);
  return override ? { schedule: override, source: "tenant" } : { schedule: platformDefault, source: "platform_default" };
}

/** The schedule that applies to each of a page of tenants (the operator console's list), read in one query. */
export async function feeSchedulesFor(tenantIds: readonly string[], db: Db = prisma): Promise<Map<string, AppliedFeeSchedule>> {
  const rows = await db.feeSchedule.findMany({ where: { scope: { in: [DEFAULT_SCOPE, ...tenantIds] } }, select: SCHEDULE_COLUMNS });
  const byScope = new Map(rows.map((row) => [row.scope, row]));
  const storedDefault = byScope.get(DEFAULT_SCOPE);
  const platformDefault = storedDefault ? scheduleFromRow(storedDefault) : canonicalFeeSchedule(PLATFORM_DEFAULT_FEE_SCHEDULE);
  return new Map(
    tenantIds.map((tenantId): [string, AppliedFeeSchedule] => {
      const override = byScope.get(tenantId);
      return [tenantId, override ? { schedule: scheduleFromRow(override), source: "tenant" } : { schedule: platformDefault, source: "platform_default" }];
    }),
  );
}

async function platformDefaultIn(db: Db): Promise<FeeSchedule> {
  const row = await db.feeSchedule.findUnique({ where: { scope: DEFAULT_SCOPE }, select: SCHEDULE_COLUMNS });
  return row ? scheduleFromRow(row) : canonicalFeeSchedule(PLATFORM_DEFAULT_FEE_SCHEDULE);
}

/** The schedule that applies to every tenant without one of its own. */
export function platformDefaultFeeSchedule(): Promise<FeeSchedule> {
  return platformDefaultIn(prisma);
}

/** Who changes a schedule: always a signed-in operator, recorded as the actor and as the row's updatedBy. */
export type FeeScheduleChangeContext = { operator: { userId: string; email: string }; meta?: RequestMeta };

/**
 * Stores the platform default. Saving what already applies writes nothing,
 * not even an audit entry. The change reaches every tenant without an
 * override from its next payment on.
 */
export async function setPlatformDefaultFeeSchedule(schedule: FeeSchedule, { operator, meta }: FeeScheduleChangeContext): Promise<FeeSchedule> {
  const actor = userActor(operator);
  const after = canonicalFeeSchedule(schedule);
  return prisma.$transaction(async (tx) => {
    const before = await platformDefaultIn(tx);
    if (sameFeeSchedule(before, after)) return before;
    const data = { ...rowFromSchedule(after), updatedById: operator.userId };
    await tx.feeSchedule.upsert({ where: { scope: DEFAULT_SCOPE }, create: { scope: DEFAULT_SCOPE, ...data }, update: data });
    await recordAudit(tx, {
      tenantId: null,
      actor,
      action: "platform.default_fees_changed",
      target: { type: "fee_schedule", id: DEFAULT_SCOPE },
      meta,
      metadata: { before, after },
    });
    return after;
  });
}

/**
 * Sets a tenant's own schedule, or with null removes it so the platform
 * default applies again. Audited twice in one transaction: in the platform's
 * log, and in the tenant's own, since the tenant's fees changed without any of
 * its members acting. Saving what is already stored writes nothing.
 */
export async function setTenantFeeSchedule(
  tenantId: string,
  schedule: FeeSchedule | null,
  { operator, meta }: FeeScheduleChangeContext,
): Promise<AppliedFeeSchedule> {
  const actor = userActor(operator);
  const after = schedule === null ? null : canonicalFeeSchedule(schedule);
  return prisma.$transaction(async (tx) => {
    const tenant = await tx.tenant.findUnique({ where: { id: tenantId }, select: { id: true } });
    if (!tenant) throw apiError("not_found", "No tenant has this id.");
    const { override: before, platformDefault } = await storedSchedules(tx, tenantId);
    const applied: AppliedFeeSchedule = after ? { schedule: after, source: "tenant" } : { schedule: platformDefault, source: "platform_default" };
    const unchanged = before === null || after === null ? before === after : sameFeeSchedule(before, after);
    if (unchanged) return applied;

    if (after) {
      const data = { ...rowFromSchedule(after), updatedById: operator.userId };
      await tx.feeSchedule.upsert({ where: { scope: tenantId }, create: { scope: tenantId, tenantId, ...data }, update: data });
    } else {
      // Counted, so a concurrent removal that got there first leaves this one a no-op rather than a failure.
      const { count } = await tx.feeSchedule.deleteMany({ where: { scope: tenantId } });
      if (count === 0) return applied;
    }
    const metadata = { before, after };
    await recordAudit(tx, {
      tenantId: null,
      actor,
      action: "platform.tenant_fees_changed",
      target: { type: "tenant", id: tenantId },
      meta,
      metadata,
    });
    // The tenant sees which operator acted, not where from: the request's IP and browser stay in the platform's log.
    await recordAudit(tx, {
      tenantId,
      actor,
      action: "fees.schedule_changed",
      target: { type: "tenant", id: tenantId },
      metadata,
    });
    return applied;
  });
}
