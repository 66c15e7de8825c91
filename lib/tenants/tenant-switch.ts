import { prisma } from "@/lib/db";
import { recordAudit, userActor } from "@/lib/audit/audit-log";
import type { Caller } from "@/lib/auth/caller";
import { asRole } from "@/lib/auth/roles";
import { issueAccessToken } from "@/lib/auth/tokens";
import { apiError } from "@/lib/http/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { toTenantView } from "@/lib/tenants/views";

/** Every tenant the caller belongs to, with the one this session acts for marked active. */
export async function listMyTenants(caller: Pick<Caller, "userId" | "tenantId">) {
  const memberships = await prisma.membership.findMany({
    where: { userId: caller.userId },
    include: { tenant: true },
    orderBy: { createdAt: "asc" },
  });
  return {
    tenants: memberships.map((membership) => ({
      ...toTenantView(membership.tenant),
      role: membership.role,
      active: membership.tenantId === caller.tenantId,
    })),
  };
}

/**
 * A new access token for another of the caller's tenants. Not being a member
 * answers exactly like a tenant that does not exist.
 */
export async function switchTenant(caller: Caller, tenantId: string, meta: RequestMeta) {
  const membership = await prisma.membership.findUnique({
    where: { userId_tenantId: { userId: caller.userId, tenantId } },
    include: { tenant: true },
  });
  if (!membership) throw apiError("not_found", "You are not a member of that tenant.");
  await prisma.$transaction(async (tx) => {
    // The next sign-in reopens this tenant.
    await tx.membership.update({ where: { id: membership.id }, data: { lastSignInAt: new Date() } });
    await recordAudit(tx, {
      tenantId,
      actor: userActor(caller),
      action: "auth.tenant_switched",
      target: { type: "tenant", id: tenantId },
      meta,
      metadata: { from_tenant_id: caller.tenantId },
    });
  });
  return {
    ...(await issueAccessToken({ id: caller.userId, sessionVersion: caller.sessionVersion }, tenantId)),
    tenant: toTenantView(membership.tenant),
    role: asRole(membership.role),
  };
}
