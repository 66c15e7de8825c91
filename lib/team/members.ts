import { prisma, type TransactionClient } from "@/lib/db";
import { recordAudit, userActor } from "@/lib/audit/audit-log";
import type { Caller } from "@/lib/auth/caller";
import { asRole, hasRole } from "@/lib/auth/roles";
import { apiError } from "@/lib/http/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import type { ChangeRoleInput } from "@/lib/schemas/team";
import { toUserView } from "@/lib/tenants/views";

type MembershipWithUser = {
  role: string;
  createdAt: Date;
  lastSignInAt: Date | null;
  user: { id: string; email: string; name: string; createdAt: Date; lastLoginAt: Date | null; emailVerifiedAt: Date | null };
};

/** last_login_at is the last sign-in to this tenant: a team never sees its people's activity elsewhere. */
export const toMemberView = (membership: MembershipWithUser) => ({
  ...toUserView(membership.user),
  last_login_at: membership.lastSignInAt?.toISOString() ?? null,
  role: asRole(membership.role),
  joined_at: membership.createdAt.toISOString(),
});

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
  return memberships.map(toMemberView);
}

/** The names of a tenant's owners, longest-standing first: whom to ask for what only owners may do. */
export async function ownerNames(tenantId: string): Promise<string[]> {
  const owners = await prisma.membership.findMany({
    where: { tenantId, role: "owner" },
    select: { user: { select: { name: true } } },
    orderBy: { createdAt: "asc" },
  });
  return owners.map((owner) => owner.user.name);
}

/**
 * Team changes take the tenant row first, so two of them never interleave:
 * two owners demoting each other at once must not both see the other as the
 * owner who remains.
 */
export async function lockTenantForTeamChange(tx: TransactionClient, tenantId: string) {
  await tx.tenant.update({ where: { id: tenantId }, data: { updatedAt: new Date() } });
}

/**
 * The lock, then the caller's own role read again under it: the role check
 * in the route ran before the lock, and an owner removed or demoted in the
 * meantime must not still act.
 */
export async function lockTenantAsOwner(tx: TransactionClient, caller: Caller) {
  await lockTenantForTeamChange(tx, caller.tenantId);
  const own = await tx.membership.findUnique({ where: { userId_tenantId: { userId: caller.userId, tenantId: caller.tenantId } }, select: { role: true } });
  if (own?.role !== "owner") throw apiError("forbidden", "This action needs the owner role; yours changed a moment ago.");
}

/** Checked after the change, inside its transaction: throwing undoes it. */
async function assertTenantKeepsAnOwner(tx: TransactionClient, tenantId: string) {
  const owners = await tx.membership.count({ where: { tenantId, role: "owner" } });
  if (owners === 0) {
    throw apiError("last_owner", "A tenant needs at least one owner. Make someone else an owner first.");
  }
}

async function findMembership(tx: TransactionClient, tenantId: string, userId: string) {
  const membership = await tx.membership.findUnique({
    where: { userId_tenantId: { userId, tenantId } },
    include: { user: true },
  });
  if (!membership) throw apiError("not_found", "No member of this tenant has that id.");
  return membership;
}

export async function changeMemberRole(caller: Caller, userId: string, input: ChangeRoleInput, meta: RequestMeta) {
  return prisma.$transaction(async (tx) => {
    await lockTenantAsOwner(tx, caller);
    const membership = await findMembership(tx, caller.tenantId, userId);
    if (membership.role === input.role) return { member: toMemberView(membership) };
    const updated = await tx.membership.update({
      where: { id: membership.id },
      data: { role: input.role },
      include: { user: true },
    });
    await assertTenantKeepsAnOwner(tx, caller.tenantId);
    await recordAudit(tx, {
      tenantId: caller.tenantId,
      actor: userActor(caller),
      action: "members.role_changed",
      target: { type: "user", id: userId },
      // Owner rights move with this change: worth a second look in the log.
      severity: membership.role === "owner" || input.role === "owner" ? "warning" : "info",
      meta,
      metadata: { email: membership.user.email, from: membership.role, to: input.role },
    });
    return { member: toMemberView(updated) };
  });
}

/** The person loses access at once: roles are read from the membership on every request. */
export async function removeMember(caller: Caller, userId: string, meta: RequestMeta) {
  return prisma.$transaction(async (tx) => {
    await lockTenantAsOwner(tx, caller);
    const membership = await findMembership(tx, caller.tenantId, userId);
    await tx.membership.delete({ where: { id: membership.id } });
    await assertTenantKeepsAnOwner(tx, caller.tenantId);
    await recordAudit(tx, {
      tenantId: caller.tenantId,
      actor: userActor(caller),
      action: "members.removed",
      target: { type: "user", id: userId },
      meta,
      metadata: { email: membership.user.email, role: membership.role, self: userId === caller.userId },
    });
    return { removed: true as const, member: toMemberView(membership) };
  });
}
