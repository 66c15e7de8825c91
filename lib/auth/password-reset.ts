import { prisma } from "@/lib/db";
import { recordAudit } from "@/lib/audit/audit-log";
import { beginPasswordResetAttempt, finishAttempt } from "@/lib/auth/auth-throttle";
import { hashPassword } from "@/lib/auth/password";
import { hashSingleUseToken, newSingleUseToken } from "@/lib/crypto/single-use-token";
import { env } from "@/lib/env";
import { apiError } from "@/lib/http/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { notifyPasswordChanged } from "@/lib/mail/notices";
import { revokeUserSessions } from "@/lib/auth/user-sessions";
import { sendMailLater } from "@/lib/mail/outbox";
import { passwordResetMail } from "@/lib/mail/templates";
import type { ForgotPasswordInput, ResetPasswordInput } from "@/lib/schemas/auth";
import { AUTH_ATTEMPT_OUTCOME } from "@/lib/statuses";

export const PASSWORD_RESET_TTL_MS = 30 * 60 * 1000;

export const passwordResetUrl = (token: string) => `${env().appUrl}/reset-password/${token}`;

/** The tenant an auth event of this user is filed under, as for sign-in: the one opened last, else the oldest. */
const latestMembership = { orderBy: [{ lastSignInAt: { sort: "desc" as const, nulls: "last" as const } }, { createdAt: "asc" as const }], take: 1, include: { tenant: true } };

/**
 * Mails a single-use link, valid for 30 minutes, when an account has this
 * email; does nothing visible otherwise. The caller answers the same either
 * way, and the throttle counts both alike. Looking the account up, storing
 * the link and auditing happen after the answer, with the mail: a known email
 * would otherwise answer later than an unknown one, and the timing would tell.
 */
export async function requestPasswordReset(input: ForgotPasswordInput, meta: RequestMeta): Promise<void> {
  const attemptId = await beginPasswordResetAttempt(input.email, meta.ip);
  sendMailLater(async () => {
    const user = await prisma.user.findUnique({ where: { email: input.email }, include: { memberships: latestMembership } });
    if (!user) return null;
    const { token, hash } = newSingleUseToken();
    await prisma.$transaction(async (tx) => {
      await tx.passwordResetToken.create({ data: { userId: user.id, tokenHash: hash, expiresAt: new Date(Date.now() + PASSWORD_RESET_TTL_MS) } });
      await recordAudit(tx, {
        tenantId: user.memberships[0]?.tenantId ?? null,
        actor: { type: "user", userId: user.id, label: user.email },
        action: "auth.password_reset_requested",
        target: { type: "user", id: user.id },
        meta,
      });
    });
    return { to: user.email, ...passwordResetMail({ name: user.name, url: passwordResetUrl(token), validMinutes: PASSWORD_RESET_TTL_MS / 60_000 }) };
  });
  await finishAttempt(attemptId, AUTH_ATTEMPT_OUTCOME.succeeded);
}

/**
 * Sets the new password from a mailed link: the link is used up (with every
 * other link of that user), every session and access token of the user ends
 * (the session version moves on), the change is audited, and the user gets a
 * "password changed" notice. The link was mailed to the account's address, so
 * following it also confirms that address: this is how the owner of a mailbox
 * takes back an address someone else signed up with and never confirmed. An
 * unknown, used or expired link changes nothing.
 */
export async function resetPassword(input: ResetPasswordInput, meta: RequestMeta): Promise<{ email: string }> {
  const tokenHash = hashSingleUseToken(input.token);
  const found = await prisma.passwordResetToken.findUnique({ where: { tokenHash }, select: { usedAt: true, expiresAt: true } });
  if (!found || found.usedAt) throw apiError("reset_token_invalid", "This password reset link is not valid or was already used. Ask for a new one.");
  if (found.expiresAt <= new Date()) throw apiError("reset_token_expired", "This password reset link has expired. Ask for a new one.");
  // Hashed before the transaction: argon2 takes a while, and the transaction should not wait on it.
  const passwordHash = await hashPassword(input.password);
  const now = new Date();
  const { user, tenantName } = await prisma.$transaction(async (tx) => {
    // Only one request can flip usedAt from null: a second use of the same link, even racing, is refused.
    const row = await tx.passwordResetToken.findUniqueOrThrow({ where: { tokenHash } });
    const { count } = await tx.passwordResetToken.updateMany({ where: { id: row.id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
    if (count === 0) throw apiError("reset_token_invalid", "This password reset link is not valid or was already used. Ask for a new one.");
    const verified = await tx.user.updateMany({ where: { id: row.userId, emailVerifiedAt: null }, data: { emailVerifiedAt: now } });
    await revokeUserSessions(tx, row.userId, now);
    const user = await tx.user.update({
      where: { id: row.userId },
      data: { passwordHash, sessionVersion: { increment: 1 } },
      include: { memberships: latestMembership },
    });
    const membership = user.memberships[0];
    await recordAudit(tx, {
      tenantId: membership?.tenantId ?? null,
      actor: { type: "user", userId: user.id, label: user.email },
      action: "auth.password_reset_completed",
      target: { type: "user", id: user.id },
      meta,
      metadata: { sessions_ended: true, ...(verified.count > 0 ? { email_verified: true } : {}) },
    });
    return { user, tenantName: membership?.tenant.name ?? null };
  });
  notifyPasswordChanged(user, tenantName, now);
  return { email: user.email };
}
