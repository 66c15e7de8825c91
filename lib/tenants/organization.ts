import { prisma } from "@/lib/db";
import { recordAudit, userActor } from "@/lib/audit/audit-log";
import type { Caller } from "@/lib/auth/caller";
import { apiError } from "@/lib/http/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import type { RenameTenantInput } from "@/lib/schemas/account";
import { toTenantView } from "@/lib/tenants/views";

/** The tenant the caller acts for: what /settings/organization shows. */
export async function getCurrentTenant(caller: Pick<Caller, "tenantId">) {
  const tenant = await prisma.tenant.findUnique({ where: { id: caller.tenantId } });
  if (!tenant) throw apiError("not_found");
  return { tenant: toTenantView(tenant) };
}

/**
 * Renames the tenant (owners only; the route checks the role). The slug stays:
 * it is an identifier people and scripts may have written down. The same name
 * again changes nothing and writes no audit entry.
 */
export async function renameTenant(caller: Caller, input: RenameTenantInput, meta: RequestMeta) {
  return prisma.$transaction(async (tx) => {
    const before = await tx.tenant.findUniqueOrThrow({ where: { id: caller.tenantId } });
    if (before.name === input.name) return { tenant: toTenantView(before) };
    const tenant = await tx.tenant.update({ where: { id: caller.tenantId }, data: { name: input.name } });
    await recordAudit(tx, {
      tenantId: caller.tenantId,
      actor: userActor(caller),
      action: "settings.tenant_renamed",
      target: { type: "tenant", id: caller.tenantId },
      meta,
      metadata: { previous_name: before.name, name: tenant.name },
    });
    return { tenant: toTenantView(tenant) };
  });
}
