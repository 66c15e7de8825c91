import { prisma } from "@/lib/db";
import { recordAudit, userActor } from "@/lib/audit/audit-log";
import type { Caller } from "@/lib/auth/caller";
import { checkCurrentPassword, pendingEmailChange } from "@/lib/auth/email-verification";
import { hashPassword } from "@/lib/auth/password";
import { revokeUserSessions } from "@/lib/auth/user-sessions";
import { apiError } from "@/lib/http/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { notifyPasswordChanged } from "@/lib/mail/notices";
import type { ChangePasswordInput, UpdateProfileInput } from "@/lib/schemas/account";
import { toUserView } from "@/lib/tenants/views";

/** The caller's own account, as /settings/profile shows it: who they are and the change of address waiting for its link. */
export async function getProfile(caller: Pick<Caller, "userId">) {
  const user = await prisma.user.findUnique({ where: { id: caller.userId } });
  if (!user) throw apiError("not_found");
  return {
    user: { ...toUserView(user), email_verified_at: user.emailVerifiedAt?.toISOString() ?? null },
    pending_email_change: await pendingEmailChange(user.id),
  };
}

export async function updateProfileName(caller: Caller, input: UpdateProfileInput, meta: RequestMeta) {
  return prisma.$transaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({ where: { id: caller.userId } });
    if (before.name === input.name) return { user: toUserView(before) };
    const user = await tx.user.update({ where: { id: caller.userId }, data: { name: input.name } });
    await recordAudit(tx, {
      tenantId: caller.tenantId,
      actor: userActor(caller),
      action: "account.name_changed",
      target: { type: "user", id: caller.userId },
      meta,
      metadata: { previous_name: before.name, name: user.name },
    });
    return { user: toUserView(user) };
  });
}

/**
 * Sets a new password, given the current one (throttled like a sign-in).
 * Every other session and every access token ends: the session version moves
 * on, and the other browser sessions are marked ended. The calling browser
 * stays signed in: the route re-issues its cookie with the new version (an
 * API client gets a new access token instead). Open password reset links are
 * used up, and the account's address hears of the change.
 */
export async function changePassword(caller: Caller, input: ChangePasswordInput, meta: RequestMeta) {
  await checkCurrentPassword(caller, input.current_password, meta, "password_change");
  const passwordHash = await hashPassword(input.new_password);
  const now = new Date();
  const { user, endedSessions } = await prisma.$transaction(async (tx) => {
    const user = await tx.user.update({ where: { id: caller.userId }, data: { passwordHash, sessionVersion: { increment: 1 } } });
    const endedSessions = await revokeUserSessions(tx, caller.userId, now, caller.sessionId);
    await recordAudit(tx, {
      tenantId: caller.tenantId,
      actor: userActor(caller),
      action: "account.password_changed",
      target: { type: "user", id: caller.userId },
      meta,
      metadata: { other_sessions_ended: endedSessions, channel: caller.via === "bearer" ? "api" : "browser" },
    });
    return { user, endedSessions };
  });
  notifyPasswordChanged(user, caller.tenantName, now, "others");
  return { user, endedSessions };
}
