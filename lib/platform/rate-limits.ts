import { prisma } from "@/lib/db";
import { recordAudit, userActor } from "@/lib/audit/audit-log";
import { applyTenantLimits } from "@/lib/api-traffic/key-cache";
import { toRateLimitsView, type RateLimitsView, type TenantRateLimits } from "@/lib/api-traffic/rate-limits";
import { apiError } from "@/lib/http/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import type { TenantRateLimitsBody } from "@/lib/schemas/platform";

export type RateLimitChangeContext = { operator: { userId: string; email: string }; meta?: RequestMeta };

const RATE_LIMIT_COLUMNS = { apiRateLimitLive: true, apiRateLimitTest: true } as const;

/** The stored overrides as the audit entry keeps them: null is the platform default. */
const asAuditValue = (limits: TenantRateLimits) => ({ live_per_second: limits.apiRateLimitLive, test_per_second: limits.apiRateLimitTest });

/**
 * Sets a tenant's platform API limits per mode (null: the platform default).
 * Audited in the platform's log, in the same transaction, with what was
 * stored before and after; saving what is already stored writes nothing.
 * The change applies at once: this process updates what it knew of the
 * tenant's keys, and every process re-reads the limit with each key lookup.
 */
export async function setTenantRateLimits(tenantId: string, input: TenantRateLimitsBody, { operator, meta }: RateLimitChangeContext): Promise<RateLimitsView> {
  const after: TenantRateLimits = { apiRateLimitLive: input.live_per_second, apiRateLimitTest: input.test_per_second };
  const stored = await prisma.$transaction(async (tx): Promise<TenantRateLimits> => {
    const before = await tx.tenant.findUnique({ where: { id: tenantId }, select: RATE_LIMIT_COLUMNS });
    if (!before) throw apiError("not_found", "No tenant has this id.");
    if (before.apiRateLimitLive === after.apiRateLimitLive && before.apiRateLimitTest === after.apiRateLimitTest) return before;
    await tx.tenant.update({ where: { id: tenantId }, data: after });
    await recordAudit(tx, {
      tenantId: null,
      actor: userActor(operator),
      action: "platform.tenant_rate_limits_changed",
      target: { type: "tenant", id: tenantId },
      meta,
      metadata: { before: asAuditValue(before), after: asAuditValue(after) },
    });
    return after;
  });
  applyTenantLimits(tenantId, stored);
  return toRateLimitsView(stored);
}
