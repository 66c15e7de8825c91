import { prisma } from "@/lib/db";
import type { Caller } from "@/lib/auth/caller";
import { apiError } from "@/lib/http/errors";
import { toTenantView, toUserView } from "@/lib/tenants/views";

/** The caller, their tenant and role, and where they stand with two-factor sign-in: what /auth/me answers. */
export async function getAccount(caller: Caller) {
  const membership = await prisma.membership.findUnique({
    where: { userId_tenantId: { userId: caller.userId, tenantId: caller.tenantId } },
    include: { user: true, tenant: true },
  });
  if (!membership) throw apiError("not_found");
  return {
    user: toUserView(membership.user),
    tenant: toTenantView(membership.tenant),
    role: membership.role,
    two_factor: { enabled: caller.twoFactorEnabled, required_by_tenant: caller.twoFactorRequired },
  };
}
