import { prisma } from "@/lib/db";
import { recordAudit, type AuditActor } from "@/lib/audit/audit-log";
import { PLATFORM_ROLES } from "@/lib/auth/roles";
import { apiError } from "@/lib/http/errors";

export type OperatorChange = {
  userId: string;
  email: string;
  /** false when the user already had (grant) or already lacked (revoke) the role: nothing was written. */
  changed: boolean;
};

async function setPlatformOperator(email: string, operator: boolean, actor: AuditActor): Promise<OperatorChange> {
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { email }, select: { id: true, email: true } });
    if (!user) throw apiError("not_found", `No user has the email ${email}. Operators are existing users: sign up first.`);
    // Conditional on the current value, so two concurrent grants write one audit entry between them.
    const { count } = await tx.user.updateMany({
      where: { id: user.id, platformRole: operator ? null : PLATFORM_ROLES.operator },
      data: { platformRole: operator ? PLATFORM_ROLES.operator : null },
    });
    if (count === 0) return { userId: user.id, email: user.email, changed: false };
    await recordAudit(tx, {
      tenantId: null,
      actor,
      action: operator ? "platform.operator_granted" : "platform.operator_revoked",
      target: { type: "user", id: user.id },
      metadata: { email: user.email },
    });
    return { userId: user.id, email: user.email, changed: true };
  });
}

/** Makes an existing user a platform operator; granting an operator again changes nothing. */
export function grantPlatformOperator(email: string, actor: AuditActor): Promise<OperatorChange> {
  return setPlatformOperator(email, true, actor);
}

/**
 * Takes the operator role away; revoking from a non-operator changes nothing.
 * Revoking the last operator is allowed: granting again from the command line
 * is the way back, so no state can lock the platform out.
 */
export function revokePlatformOperator(email: string, actor: AuditActor): Promise<OperatorChange> {
  return setPlatformOperator(email, false, actor);
}
