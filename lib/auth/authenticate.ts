import { prisma } from "@/lib/db";
import { AUDIT_ACTIONS, recordAudit } from "@/lib/audit/audit-log";
import { unauthorized } from "@/lib/http/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import type { LoginInput } from "@/lib/schemas/auth";
import { beginLoginAttempt, finishAttempt } from "@/lib/auth/auth-throttle";
import { verifyAgainstDummy, verifyPassword } from "@/lib/auth/password";
import { asRole, type Role } from "@/lib/auth/roles";

export type AuthenticatedUser = {
  userId: string;
  email: string;
  name: string;
  tenantId: string;
  role: Role;
};

const invalidCredentials = () => unauthorized("invalid_credentials", "Incorrect email or password.");

/**
 * The one password check, for the browser sign-in and the API alike: throttled
 * per account and per IP, the same answer for an unknown email and a wrong
 * password, every outcome audited.
 */
export async function authenticateWithPassword(
  input: LoginInput,
  meta: RequestMeta,
  channel: "browser" | "api",
): Promise<AuthenticatedUser> {
  const user = await prisma.user.findUnique({
    where: { email: input.email },
    include: { memberships: { orderBy: { createdAt: "asc" }, take: 1 } },
  });
  const membership = user?.memberships[0];
  const tenantId = membership?.tenantId ?? null;
  const actor = user
    ? ({ type: "user", userId: user.id, label: input.email } as const)
    : ({ type: "anonymous", label: input.email } as const);

  const attemptId = await beginLoginAttempt(input.email, meta.ip, () =>
    recordAudit(prisma, { tenantId, actor, action: AUDIT_ACTIONS.loginThrottled, severity: "warning", meta, metadata: { channel } }),
  );

  const valid = user ? await verifyPassword(user.passwordHash, input.password) : await verifyAgainstDummy(input.password);
  if (!user || !valid || !membership) {
    await finishAttempt(attemptId, "failed");
    await recordAudit(prisma, {
      tenantId,
      actor,
      action: AUDIT_ACTIONS.loginFailed,
      severity: "warning",
      meta,
      metadata: { channel, reason: user ? "wrong_password" : "unknown_email" },
    });
    throw invalidCredentials();
  }

  await finishAttempt(attemptId, "succeeded");
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
    await recordAudit(tx, {
      tenantId: membership.tenantId,
      actor,
      action: AUDIT_ACTIONS.signedIn,
      meta,
      metadata: { channel },
    });
  });

  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    tenantId: membership.tenantId,
    role: asRole(membership.role),
  };
}
