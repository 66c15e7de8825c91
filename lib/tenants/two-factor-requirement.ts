import { prisma } from "@/lib/db";
import { recordAudit, userActor } from "@/lib/audit/audit-log";
import type { Caller } from "@/lib/auth/caller";
import { requirementChangeRefusal } from "@/lib/auth/two-factor-rules";
import { apiError } from "@/lib/http/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import type { TwoFactorRequirementInput } from "@/lib/schemas/two-factor";

export type TwoFactorRequirementView = {
  required: boolean;
  members: number;
  /** Members without two-factor: with the requirement on, they are sent to enrol at their next request. */
  members_without_two_factor: number;
};

export async function getTwoFactorRequirement(tenantId: string): Promise<TwoFactorRequirementView> {
  const [tenant, members, withoutTwoFactor] = await Promise.all([
    prisma.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { twoFactorRequired: true } }),
    prisma.membership.count({ where: { tenantId } }),
    prisma.membership.count({ where: { tenantId, user: { OR: [{ twoFactor: null }, { twoFactor: { enabledAt: null } }] } } }),
  ]);
  return { required: tenant.twoFactorRequired, members, members_without_two_factor: withoutTwoFactor };
}

/**
 * An owner requires two-factor of every member, or stops requiring it. The
 * owner must have it first (else 409 two_factor_not_enabled). Saving the same
 * value again changes nothing and writes no audit entry.
 */
export async function setTwoFactorRequirement(caller: Caller, input: TwoFactorRequirementInput, meta: RequestMeta): Promise<TwoFactorRequirementView> {
  const refusal = requirementChangeRefusal(caller, input.required);
  if (refusal) throw apiError("two_factor_not_enabled", refusal);
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.tenant.updateMany({ where: { id: caller.tenantId, twoFactorRequired: !input.required }, data: { twoFactorRequired: input.required } });
    if (count === 0) return;
    await recordAudit(tx, {
      tenantId: caller.tenantId,
      actor: userActor(caller),
      action: "settings.two_factor_requirement_changed",
      target: { type: "tenant", id: caller.tenantId },
      meta,
      metadata: { required: input.required },
    });
  });
  return getTwoFactorRequirement(caller.tenantId);
}
