import { prisma } from "@/lib/db";
import type { Caller } from "@/lib/auth/caller";
import { hasRole } from "@/lib/auth/roles";
import { notFound } from "@/lib/http/errors";
import { toTenantView, toUserView } from "@/lib/tenants/views";

/** The caller, their tenant and role: what /auth/me answers. */
export async function getAccount(caller: Caller) {
  const membership = await prisma.membership.findUnique({
    where: { userId_tenantId: { userId: caller.userId, tenantId: caller.tenantId } },
    include: { user: true, tenant: true },
  });
  if (!membership) throw notFound();
  return { user: toUserView(membership.user), tenant: toTenantView(membership.tenant), role: membership.role };
}

/**
 * The people of the caller's tenant. Admins and owners see everyone; members
 * see only themselves.
 */
export async function listMembers(caller: Caller) {
  const memberships = await prisma.membership.findMany({
    where: { tenantId: caller.tenantId, ...(hasRole(caller.role, "admin") ? {} : { userId: caller.userId }) },
    include: { user: true },
    orderBy: { createdAt: "asc" },
  });
  return memberships.map((membership) => ({
    ...toUserView(membership.user),
    role: membership.role,
    joined_at: membership.createdAt.toISOString(),
  }));
}
