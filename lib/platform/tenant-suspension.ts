import { prisma, type TransactionClient } from "@/lib/db";
import { recordAudit, userActor } from "@/lib/audit/audit-log";
import { apiError } from "@/lib/http/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { platformTenant } from "@/lib/platform/tenants";
import { TENANT_STATUS } from "@/lib/statuses";
import { unsuspendedTenantStatus } from "@/lib/tenants/tenant-status";
import { failingSinceAfterPause } from "@/lib/webhooks/attempt-lifecycle";

/** Who suspends or reactivates: always a signed-in operator. */
export type SuspensionContext = { operator: { userId: string; email: string }; meta?: RequestMeta };

async function requireTenant(tx: TransactionClient, tenantId: string) {
  const tenant = await tx.tenant.findUnique({ where: { id: tenantId }, select: { id: true, status: true, suspendedAt: true } });
  if (!tenant) throw apiError("not_found", "No tenant has this id.");
  return tenant;
}

/**
 * Suspends a tenant: its secret keys are refused, and its webhook deliveries
 * wait (still recorded, never dropped) until it is reactivated. Audited in the
 * platform's log and in the tenant's own, in the same transaction. The update
 * is conditional, so of two concurrent suspensions one answers 409.
 */
export async function suspendTenant(tenantId: string, reason: string, { operator, meta }: SuspensionContext) {
  const actor = userActor(operator);
  await prisma.$transaction(async (tx) => {
    const tenant = await requireTenant(tx, tenantId);
    const now = new Date();
    const { count } = await tx.tenant.updateMany({
      where: { id: tenantId, status: { not: TENANT_STATUS.suspended } },
      data: { status: TENANT_STATUS.suspended, suspendedAt: now, suspendedReason: reason },
    });
    if (count === 0) throw apiError("tenant_already_suspended");
    const metadata = { status_before: tenant.status };
    await recordAudit(tx, {
      tenantId: null,
      actor,
      action: "platform.tenant_suspended",
      target: { type: "tenant", id: tenantId },
      reason,
      meta,
      metadata,
    });
    // The tenant sees which operator acted and why, not where from: the request's IP and browser stay in the platform's log.
    await recordAudit(tx, { tenantId, actor, action: "tenant.suspended", target: { type: "tenant", id: tenantId }, reason, metadata });
  });
  return platformTenant(tenantId);
}

/**
 * Ends a suspension: the status becomes what the tenant's Stripe connection
 * earns it (the same rule Stripe's updates apply), its keys work again, and
 * the webhook deliveries that waited go out on the worker's next claim. The
 * endpoint's failing streak moves forward by the suspension's length, so time
 * nobody could deliver does not count towards disabling the endpoint.
 */
export async function reactivateTenant(tenantId: string, { operator, meta }: SuspensionContext) {
  const actor = userActor(operator);
  await prisma.$transaction(async (tx) => {
    const tenant = await requireTenant(tx, tenantId);
    if (tenant.status !== TENANT_STATUS.suspended) throw apiError("tenant_not_suspended");
    const connection = await tx.stripeConnection.findUnique({ where: { tenantId }, select: { status: true, chargesEnabled: true } });
    const status = unsuspendedTenantStatus(connection);
    const now = new Date();
    const { count } = await tx.tenant.updateMany({
      where: { id: tenantId, status: TENANT_STATUS.suspended },
      data: { status, suspendedAt: null, suspendedReason: null },
    });
    if (count === 0) throw apiError("tenant_not_suspended");
    const endpoint = await tx.webhookEndpoint.findUnique({ where: { tenantId }, select: { failingSince: true } });
    if (endpoint?.failingSince && tenant.suspendedAt) {
      await tx.webhookEndpoint.update({ where: { tenantId }, data: { failingSince: failingSinceAfterPause(endpoint.failingSince, tenant.suspendedAt, now) } });
    }
    const metadata = { status_after: status, suspended_at: tenant.suspendedAt?.toISOString() ?? null };
    await recordAudit(tx, {
      tenantId: null,
      actor,
      action: "platform.tenant_reactivated",
      target: { type: "tenant", id: tenantId },
      meta,
      metadata,
    });
    await recordAudit(tx, { tenantId, actor, action: "tenant.reactivated", target: { type: "tenant", id: tenantId }, metadata });
  });
  return platformTenant(tenantId);
}

export async function isTenantSuspended(tenantId: string): Promise<boolean> {
  const tenant = await prisma.tenant.findUnique({ where: { id: tenantId }, select: { status: true } });
  return tenant?.status === TENANT_STATUS.suspended;
}

/** Refuses people-started outbound work (webhook tests, manual retries, recovery) while the platform has the tenant suspended. */
export async function assertTenantNotSuspended(tenantId: string) {
  if (await isTenantSuspended(tenantId)) {
    throw apiError("tenant_suspended", "This tenant is suspended: webhook deliveries are paused until the platform reactivates it.");
  }
}

/** Why the platform suspended the tenant, for its portal's banner; null when it is not suspended. */
export async function suspensionReasonOf(tenantId: string): Promise<string | null> {
  const tenant = await prisma.tenant.findUnique({ where: { id: tenantId }, select: { status: true, suspendedReason: true } });
  if (tenant?.status !== TENANT_STATUS.suspended) return null;
  // A tenant suspended before reasons were stored still gets the banner.
  return tenant.suspendedReason ?? "no reason was given";
}
