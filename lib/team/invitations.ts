import { prisma, type TransactionClient } from "@/lib/db";
import { recordAudit, userActor } from "@/lib/audit/audit-log";
import type { Caller } from "@/lib/auth/caller";
import { beginSignupAttempt, finishAttempt } from "@/lib/auth/auth-throttle";
import { verifyAccountPassword } from "@/lib/auth/authenticate";
import { hasTwoFactor } from "@/lib/auth/two-factor";
import { hashPassword } from "@/lib/auth/password";
import { asRole } from "@/lib/auth/roles";
import { issueAccessToken } from "@/lib/auth/tokens";
import { hashSingleUseToken, newSingleUseToken } from "@/lib/crypto/single-use-token";
import { isUniqueViolation } from "@/lib/db-errors";
import { sendMailLater } from "@/lib/mail/outbox";
import { invitationMail } from "@/lib/mail/templates";
import { env } from "@/lib/env";
import { apiError, validationError, type ErrorCode } from "@/lib/http/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { invitationSignupSchema, type AcceptInvitationInput, type InviteMemberInput } from "@/lib/schemas/team";
import { lockTenantAsOwner, lockTenantForTeamChange } from "@/lib/team/members";
import { toTenantView, toUserView } from "@/lib/tenants/views";
import { AUTH_ATTEMPT_OUTCOME, INVITATION_STATUS, type InvitationStatus } from "@/lib/statuses";

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

type InvitationRow = {
  id: string;
  email: string;
  role: string;
  createdAt: Date;
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
  invitedBy?: { id: string; email: string; name: string } | null;
};

export type { InvitationStatus };

export function invitationStatus(row: Pick<InvitationRow, "acceptedAt" | "revokedAt" | "expiresAt">, now = new Date()): InvitationStatus {
  if (row.acceptedAt) return INVITATION_STATUS.accepted;
  if (row.revokedAt) return INVITATION_STATUS.revoked;
  return row.expiresAt <= now ? INVITATION_STATUS.expired : INVITATION_STATUS.pending;
}

export const toInvitationView = (row: InvitationRow) => ({
  id: row.id,
  email: row.email,
  role: asRole(row.role),
  status: invitationStatus(row),
  invited_by: row.invitedBy ? { id: row.invitedBy.id, email: row.invitedBy.email, name: row.invitedBy.name } : null,
  created_at: row.createdAt.toISOString(),
  expires_at: row.expiresAt.toISOString(),
});

const pendingWhere = (now: Date) => ({ acceptedAt: null, revokedAt: null, expiresAt: { gt: now } });

export const invitationUrl = (token: string) => `${env().appUrl}/invite/${token}`;

/** Invitations still waiting for their person, newest first. */
export async function listInvitations(caller: Caller) {
  const rows = await prisma.invitation.findMany({
    where: { tenantId: caller.tenantId, ...pendingWhere(new Date()) },
    include: { invitedBy: true },
    orderBy: { createdAt: "desc" },
  });
  return { invitations: rows.map(toInvitationView) };
}

/**
 * A single-use link, valid for seven days. The token is returned here once;
 * only its hash is stored. Inviting an email again replaces the pending
 * invitation, so only the newest link works.
 */
export async function createInvitation(caller: Caller, input: InviteMemberInput, meta: RequestMeta) {
  const { token, hash } = newSingleUseToken();
  const now = new Date();
  const invitation = await prisma.$transaction(async (tx) => {
    await lockTenantAsOwner(tx, caller);
    const existing = await tx.membership.findFirst({ where: { tenantId: caller.tenantId, user: { email: input.email } } });
    if (existing) throw apiError("already_member", `${input.email} is already a member of this tenant.`);
    const replaced = await tx.invitation.findMany({
      where: { tenantId: caller.tenantId, email: input.email, ...pendingWhere(now) },
      select: { id: true },
    });
    for (const old of replaced) {
      const { count } = await tx.invitation.updateMany({ where: { id: old.id, ...pendingWhere(now) }, data: { revokedAt: now } });
      if (count === 0) continue;
      await recordAudit(tx, {
        tenantId: caller.tenantId,
        actor: userActor(caller),
        action: "invitations.revoked",
        target: { type: "invitation", id: old.id },
        meta,
        metadata: { email: input.email, reason: "replaced by a new invitation" },
      });
    }
    const created = await tx.invitation.create({
      data: {
        tenantId: caller.tenantId,
        email: input.email,
        role: input.role,
        tokenHash: hash,
        invitedById: caller.userId,
        expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
      },
      include: { invitedBy: true },
    });
    await recordAudit(tx, {
      tenantId: caller.tenantId,
      actor: userActor(caller),
      action: "invitations.created",
      target: { type: "invitation", id: created.id },
      severity: input.role === "owner" ? "warning" : "info",
      meta,
      metadata: { email: input.email, role: input.role, replaced_invitation_ids: replaced.map((row) => row.id) },
    });
    return created;
  });
  const url = invitationUrl(token);
  sendMailLater({
    to: invitation.email,
    ...invitationMail({ tenantName: caller.tenantName, inviterName: caller.name, role: invitation.role, url, expiresAt: invitation.expiresAt }),
  });
  return { invitation: toInvitationView(invitation), invite_url: url };
}

export async function revokeInvitation(caller: Caller, invitationId: string, meta: RequestMeta) {
  return prisma.$transaction(async (tx) => {
    await lockTenantAsOwner(tx, caller);
    const row = await tx.invitation.findFirst({ where: { id: invitationId, tenantId: caller.tenantId }, include: { invitedBy: true } });
    if (!row) throw apiError("not_found", "No invitation of this tenant has that id.");
    const now = new Date();
    // Conditional on still being pending, so a revoke racing an accept cannot both win.
    const { count } = await tx.invitation.updateMany({ where: { id: row.id, ...pendingWhere(now) }, data: { revokedAt: now } });
    if (count === 0) {
      throw apiError("invitation_not_pending", `This invitation is already ${invitationStatus(row, now)}.`);
    }
    await recordAudit(tx, {
      tenantId: caller.tenantId,
      actor: userActor(caller),
      action: "invitations.revoked",
      target: { type: "invitation", id: row.id },
      meta,
      metadata: { email: row.email, role: row.role },
    });
    return { invitation: toInvitationView({ ...row, revokedAt: now }) };
  });
}

const STATUS_ERRORS: Record<Exclude<InvitationStatus, typeof INVITATION_STATUS.pending>, [ErrorCode, string]> = {
  accepted: ["invitation_used", "This invitation has already been used. Sign in instead."],
  revoked: ["invitation_revoked", "This invitation was revoked. Ask an owner for a new one."],
  expired: ["invitation_expired", "This invitation has expired. Ask an owner for a new one."],
};

/** The pending invitation behind a token, or the error that says why it cannot be used. */
async function findPendingInvitation(db: TransactionClient | typeof prisma, token: string) {
  const row = await db.invitation.findUnique({ where: { tokenHash: hashSingleUseToken(token) }, include: { tenant: true } });
  if (!row) throw apiError("invitation_not_found", "This invitation link is not valid. Check that it was copied whole.");
  const status = invitationStatus(row);
  if (status !== INVITATION_STATUS.pending) {
    const [code, message] = STATUS_ERRORS[status];
    throw apiError(code, message);
  }
  return row;
}

/** What the /invite page shows before anyone commits to anything. */
export async function lookupInvitation(token: string) {
  const row = await findPendingInvitation(prisma, token);
  const account = await prisma.user.findUnique({ where: { email: row.email }, select: { id: true, emailVerifiedAt: true } });
  return {
    invitation: {
      email: row.email,
      role: row.role,
      tenant_name: row.tenant.name,
      expires_at: row.expiresAt.toISOString(),
      account_exists: account !== null,
      // null without an account: the one created from this invitation starts confirmed.
      account_verified: account === null ? null : account.emailVerifiedAt !== null,
    },
  };
}

/**
 * An existing account joins only once its address is confirmed: an account
 * anyone could have signed up with for someone else's address must not take
 * that person's invitations. The invitation link itself is no proof (the
 * inviter sees it too); the mailbox's own links are.
 */
function unverifiedAccount(email: string, signedIn: boolean) {
  return apiError(
    "email_not_verified",
    signedIn
      ? `Confirm ${email} before accepting: follow the link we mailed to it, or send a new one from your profile, then open this invitation again.`
      : `The account that uses ${email} has not confirmed it. If it is yours, sign in and confirm it first. If it is not, or you do not know its password, reset the password: the link goes to ${email}, and resetting confirms the address and signs everyone else out of that account.`,
  );
}

type Joiner = { kind: "existing"; userId: string } | { kind: "new"; name: string; passwordHash: string };

/**
 * Joins the tenant with the invited role. A signed-in caller joins as
 * themselves (their email must be the invited one). Without a session, an
 * existing account holder proves who they are with the password (which also
 * lets someone removed from every tenant come back); otherwise the account
 * is created from name and password, throttled like any sign-up. An existing
 * account must have confirmed its address (unverifiedAccount); an account
 * created here starts confirmed, as the link came by mail to that address.
 */
export async function acceptInvitation(caller: Caller | null, input: AcceptInvitationInput, meta: RequestMeta) {
  const invitation = await findPendingInvitation(prisma, input.token);
  if (caller) {
    if (caller.email !== invitation.email) {
      throw apiError(
        "invitation_email_mismatch",
        `This invitation is for ${invitation.email}; you are signed in as ${caller.email}. Sign out and open the link again.`,
      );
    }
    if (!caller.emailVerifiedAt) throw unverifiedAccount(invitation.email, true);
    return joinTenant(input.token, { kind: "existing", userId: caller.userId }, meta);
  }

  const account = await prisma.user.findUnique({ where: { email: invitation.email }, select: { id: true, emailVerifiedAt: true } });
  if (account) {
    // Before the password: no password opens an unconfirmed account to an invitation, so none is spent on it.
    if (!account.emailVerifiedAt) throw unverifiedAccount(invitation.email, false);
    if (input.password === undefined) {
      throw apiError("account_exists", `${invitation.email} already has an account. Enter its password (or sign in first) to accept.`);
    }
    // Proof of identity without a session: the same throttled, audited check as signing in.
    const { user } = await verifyAccountPassword({ email: invitation.email, password: input.password }, meta, "invitation");
    // Accepting answers an access token: with two-factor on, the password alone must not be enough for one.
    if (await hasTwoFactor(user.id)) {
      throw apiError("two_factor_sign_in_required", `${invitation.email} signs in with two-factor: sign in first (password and code), then open the link again.`);
    }
    return joinTenant(input.token, { kind: "existing", userId: user.id }, meta);
  }

  const signup = invitationSignupSchema.safeParse({ name: input.name, password: input.password });
  if (!signup.success) throw validationError(signup.error);
  const attemptId = await beginSignupAttempt(invitation.email, meta.ip);
  try {
    const passwordHash = await hashPassword(signup.data.password);
    const joined = await joinTenant(input.token, { kind: "new", name: signup.data.name, passwordHash }, meta);
    await finishAttempt(attemptId, AUTH_ATTEMPT_OUTCOME.succeeded);
    return joined;
  } catch (error) {
    await finishAttempt(attemptId, AUTH_ATTEMPT_OUTCOME.failed);
    if (isUniqueViolation(error, "email")) {
      throw apiError("account_exists", `${invitation.email} already has an account. Enter its password (or sign in first) to accept.`);
    }
    throw error;
  }
}

async function joinTenant(token: string, joiner: Joiner, meta: RequestMeta) {
  const { user, tenant, role } = await prisma.$transaction(async (tx) => {
    const now = new Date();
    // Serialised with other accepts, re-invites and member changes of the same tenant; read again
    // under the lock, so a link used meanwhile answers "used".
    await lockTenantForTeamChange(tx, (await findPendingInvitation(tx, token)).tenantId);
    const invitation = await findPendingInvitation(tx, token);
    const user =
      joiner.kind === "existing"
        ? await tx.user.findUniqueOrThrow({ where: { id: joiner.userId } })
        : await tx.user.create({ data: { email: invitation.email, name: joiner.name, passwordHash: joiner.passwordHash, lastLoginAt: now, emailVerifiedAt: now } });
    // Read again under the lock: the address may have moved, or never been confirmed.
    if (joiner.kind === "existing" && (user.email !== invitation.email || !user.emailVerifiedAt)) throw unverifiedAccount(invitation.email, true);
    const member = await tx.membership.findUnique({ where: { userId_tenantId: { userId: user.id, tenantId: invitation.tenantId } } });
    if (member) throw apiError("already_member", "You are already a member of this tenant.");
    // Single use even under a race: only one accept can flip acceptedAt from null (a loser's new user rolls back).
    const { count } = await tx.invitation.updateMany({
      where: { id: invitation.id, ...pendingWhere(now) },
      data: { acceptedAt: now, acceptedById: user.id },
    });
    if (count === 0) throw apiError(...STATUS_ERRORS.accepted);
    // Joining opens the tenant: the next sign-in comes back to it.
    await tx.membership.create({ data: { userId: user.id, tenantId: invitation.tenantId, role: invitation.role, lastSignInAt: now } });
    await recordAudit(tx, {
      tenantId: invitation.tenantId,
      actor: userActor({ userId: user.id, email: user.email }),
      action: "invitations.accepted",
      target: { type: "invitation", id: invitation.id },
      meta,
      metadata: { email: user.email, role: invitation.role, new_account: joiner.kind === "new" },
    });
    return { user, tenant: invitation.tenant, role: asRole(invitation.role) };
  });
  return {
    user: toUserView(user),
    tenant: toTenantView(tenant),
    role,
    ...(await issueAccessToken(user, tenant.id)),
  };
}
