import { prisma, type TransactionClient } from "@/lib/db";
import { recordAudit, userActor } from "@/lib/audit/audit-log";
import type { Caller } from "@/lib/auth/caller";
import { beginEmailLinkAttempt, finishAttempt } from "@/lib/auth/auth-throttle";
import { verifyAccountPassword } from "@/lib/auth/authenticate";
import { hashSingleUseToken, newSingleUseToken } from "@/lib/crypto/single-use-token";
import { isUniqueViolation } from "@/lib/db-errors";
import { env } from "@/lib/env";
import { AppError, apiError } from "@/lib/http/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { notifyEmailChanged } from "@/lib/mail/notices";
import { sendMailLater } from "@/lib/mail/outbox";
import { emailChangeMail, emailVerificationMail } from "@/lib/mail/templates";
import type { ChangeEmailInput, VerifyEmailInput } from "@/lib/schemas/account";
import { AUTH_ATTEMPT_OUTCOME, EMAIL_TOKEN_PURPOSE, type EmailTokenPurpose } from "@/lib/statuses";

/**
 * Email verification: a single-use link, valid 24 hours, mailed to the
 * address it proves (only the SHA-256 of its token is stored, as for password
 * reset). "verify" confirms the account's own address: mailed at sign-up and
 * on "Resend". "change" moves the account to a new address, which only
 * happens when the link mailed to the new address is followed; the old
 * address then gets a notice.
 *
 * Being verified matters for invitations: only a verified account accepts
 * one (lib/team/invitations.ts). A password reset link proves the mailbox
 * too, so completing a reset verifies the address (lib/auth/password-reset.ts).
 */
export const EMAIL_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;
const VALID_HOURS = EMAIL_TOKEN_TTL_MS / 3_600_000;


export const emailVerificationUrl = (token: string) => `${env().appUrl}/verify-email/${token}`;

const INVALID_MESSAGE = "This email confirmation link is not valid or was already used. Ask for a new one from your profile.";
const EXPIRED_MESSAGE = "This email confirmation link has expired. Ask for a new one from your profile.";

/** The tenant an account-level event is filed under when nobody is signed in: the one opened last, else the oldest. */
const latestMembership = { orderBy: [{ lastSignInAt: { sort: "desc" as const, nulls: "last" as const } }, { createdAt: "asc" as const }], take: 1 };

/** Stores a new link for this user and address (inside the caller's transaction) and returns its token. */
export async function createEmailToken(tx: TransactionClient, userId: string, purpose: EmailTokenPurpose, email: string, now = new Date()): Promise<string> {
  const { token, hash } = newSingleUseToken();
  await tx.emailToken.create({ data: { userId, purpose, email, tokenHash: hash, expiresAt: new Date(now.getTime() + EMAIL_TOKEN_TTL_MS), createdAt: now } });
  return token;
}

/** Sends the "confirm your email" mail for a token created by createEmailToken, after the transaction committed. */
export function mailEmailVerification(user: { email: string; name: string }, token: string): void {
  sendMailLater({ to: user.email, ...emailVerificationMail({ name: user.name, url: emailVerificationUrl(token), validHours: VALID_HOURS }) });
}

/**
 * "Resend" from the banner or the profile: a fresh link to the account's
 * address, throttled per account (one a minute, five an hour). Earlier links
 * keep working until they expire; whichever is followed first uses them all up.
 */
export async function resendEmailVerification(caller: Caller, meta: RequestMeta): Promise<{ sent: true; email: string; expires_in: number }> {
  if (caller.emailVerifiedAt) throw apiError("email_already_verified", `${caller.email} is already confirmed.`);
  const attemptId = await beginEmailLinkAttempt(caller.email, meta.ip);
  const token = await prisma.$transaction(async (tx) => {
    const token = await createEmailToken(tx, caller.userId, EMAIL_TOKEN_PURPOSE.verify, caller.email);
    await recordAudit(tx, {
      tenantId: caller.tenantId,
      actor: userActor(caller),
      action: "account.email_verification_sent",
      target: { type: "user", id: caller.userId },
      meta,
      metadata: { email: caller.email },
    });
    return token;
  });
  await finishAttempt(attemptId, AUTH_ATTEMPT_OUTCOME.succeeded);
  mailEmailVerification(caller, token);
  return { sent: true, email: caller.email, expires_in: EMAIL_TOKEN_TTL_MS / 1000 };
}

/**
 * Asks to move the account to another address. Needs the current password
 * (a session left open on someone's desk must not hand the account over);
 * nothing changes until the link mailed to the new address is followed. A
 * newer request replaces an older one's link.
 */
export async function requestEmailChange(caller: Caller, input: ChangeEmailInput, meta: RequestMeta) {
  if (input.email === caller.email) throw apiError("email_unchanged", `${caller.email} is already your email address.`);
  await checkCurrentPassword(caller, input.current_password, meta, "email_change");
  const attemptId = await beginEmailLinkAttempt(caller.email, meta.ip);
  try {
    const taken = await prisma.user.findUnique({ where: { email: input.email }, select: { id: true } });
    if (taken) throw apiError("email_taken", `Another account already uses ${input.email}.`);
    const now = new Date();
    const token = await prisma.$transaction(async (tx) => {
      await tx.emailToken.updateMany({ where: { userId: caller.userId, purpose: EMAIL_TOKEN_PURPOSE.change, usedAt: null }, data: { usedAt: now } });
      const token = await createEmailToken(tx, caller.userId, EMAIL_TOKEN_PURPOSE.change, input.email, now);
      await recordAudit(tx, {
        tenantId: caller.tenantId,
        actor: userActor(caller),
        action: "account.email_change_requested",
        target: { type: "user", id: caller.userId },
        meta,
        metadata: { email: caller.email, new_email: input.email },
      });
      return token;
    });
    await finishAttempt(attemptId, AUTH_ATTEMPT_OUTCOME.succeeded);
    sendMailLater({ to: input.email, ...emailChangeMail({ name: caller.name, oldEmail: caller.email, url: emailVerificationUrl(token), validHours: VALID_HOURS }) });
    return { pending_email: input.email, expires_in: EMAIL_TOKEN_TTL_MS / 1000 };
  } catch (error) {
    await finishAttempt(attemptId, AUTH_ATTEMPT_OUTCOME.failed);
    throw error;
  }
}

/**
 * The same throttled, audited check as signing in; a wrong password answers
 * 403 current_password_incorrect (a 401 would read as "signed out" to the page).
 */
export async function checkCurrentPassword(caller: Pick<Caller, "email">, password: string, meta: RequestMeta, channel: "password_change" | "email_change"): Promise<void> {
  try {
    await verifyAccountPassword({ email: caller.email, password }, meta, channel);
  } catch (error) {
    if (error instanceof AppError && error.code === "invalid_credentials") throw apiError("current_password_incorrect");
    throw error;
  }
}

/** The pending change of address the profile shows, if any. */
export async function pendingEmailChange(userId: string): Promise<{ email: string; expires_at: string } | null> {
  const row = await prisma.emailToken.findFirst({
    where: { userId, purpose: EMAIL_TOKEN_PURPOSE.change, usedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "desc" },
  });
  return row ? { email: row.email, expires_at: row.expiresAt.toISOString() } : null;
}

/**
 * Follows a mailed link. "verify": the account's address is confirmed.
 * "change": the account moves to the new, now confirmed, address; the old
 * address hears of it, and every open link of the account (confirmation or
 * password reset, mailed to the old address) is used up. Unknown or used:
 * 404 email_token_invalid; expired: 410 email_token_expired; either way
 * nothing changes.
 */
export async function confirmEmailToken(input: VerifyEmailInput, meta: RequestMeta) {
  const tokenHash = hashSingleUseToken(input.token);
  const found = await prisma.emailToken.findUnique({ where: { tokenHash }, select: { usedAt: true, expiresAt: true } });
  if (!found || found.usedAt) throw apiError("email_token_invalid", INVALID_MESSAGE);
  if (found.expiresAt <= new Date()) throw apiError("email_token_expired", EXPIRED_MESSAGE);
  const now = new Date();
  try {
    const outcome = await prisma.$transaction(async (tx) => {
      const row = await tx.emailToken.findUniqueOrThrow({ where: { tokenHash }, include: { user: { include: { memberships: latestMembership } } } });
      // Only one request can flip usedAt from null: a second use, even racing, is refused.
      const { count } = await tx.emailToken.updateMany({ where: { id: row.id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
      if (count === 0) throw apiError("email_token_invalid", INVALID_MESSAGE);
      const { user } = row;
      const tenantId = user.memberships[0]?.tenantId ?? null;
      const actor = { type: "user" as const, userId: user.id, label: user.email };
      if (row.purpose === EMAIL_TOKEN_PURPOSE.verify) {
        // The account moved to another address since this link was mailed: it proves nothing about the account now.
        if (row.email !== user.email) throw apiError("email_token_invalid", INVALID_MESSAGE);
        await tx.emailToken.updateMany({ where: { userId: user.id, purpose: EMAIL_TOKEN_PURPOSE.verify, usedAt: null }, data: { usedAt: now } });
        const alreadyVerified = user.emailVerifiedAt !== null;
        if (!alreadyVerified) {
          await tx.user.update({ where: { id: user.id }, data: { emailVerifiedAt: now } });
          await recordAudit(tx, { tenantId, actor, action: "account.email_verified", target: { type: "user", id: user.id }, meta, metadata: { email: user.email } });
        }
        return { kind: "verified" as const, user, email: user.email, previousEmail: null };
      }
      await tx.emailToken.updateMany({ where: { userId: user.id, usedAt: null }, data: { usedAt: now } });
      await tx.passwordResetToken.updateMany({ where: { userId: user.id, usedAt: null }, data: { usedAt: now } });
      await tx.user.update({ where: { id: user.id }, data: { email: row.email, emailVerifiedAt: now } });
      await recordAudit(tx, {
        tenantId,
        actor: { ...actor, label: row.email },
        action: "account.email_changed",
        target: { type: "user", id: user.id },
        meta,
        metadata: { email: row.email, previous_email: user.email },
      });
      return { kind: "changed" as const, user, email: row.email, previousEmail: user.email };
    });
    if (outcome.kind === "changed") notifyEmailChanged({ email: outcome.previousEmail, name: outcome.user.name }, outcome.email, now);
    return { email_verified: true as const, email: outcome.email, email_changed: outcome.kind === "changed" };
  } catch (error) {
    // Someone took the new address between the request and the confirmation.
    if (isUniqueViolation(error, "email")) throw apiError("email_taken", "Another account started using this address meanwhile. Nothing was changed.");
    throw error;
  }
}
