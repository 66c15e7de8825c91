import { prisma, type TransactionClient } from "@/lib/db";
import { recordAudit } from "@/lib/audit/audit-log";
import { apiError } from "@/lib/http/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import type { LoginInput } from "@/lib/schemas/auth";
import { beginLoginAttempt, finishAttempt } from "@/lib/auth/auth-throttle";
import { verifyAgainstDummy, verifyPassword } from "@/lib/auth/password";
import { asRole, type Role } from "@/lib/auth/roles";
import { AUTH_ATTEMPT_OUTCOME } from "@/lib/statuses";
import { hasTwoFactor, issueTwoFactorChallenge } from "@/lib/auth/two-factor";
import { pruneUserSessions, startUserSession } from "@/lib/auth/user-sessions";

export type AuthenticatedUser = {
  userId: string;
  email: string;
  name: string;
  tenantId: string;
  role: Role;
  sessionVersion: number;
  /** The UserSession recorded for a browser sign-in (null for the API, whose tokens have none). */
  sessionId: string | null;
};

const invalidCredentials = () => apiError("invalid_credentials");

type Channel = "browser" | "api" | "invitation" | "password_change" | "email_change";

/**
 * The one password check, for the browser sign-in, the API and accepting an
 * invitation alike: throttled per account and per IP, the same answer for an
 * unknown email and a wrong password, every failure audited.
 */
export async function verifyAccountPassword(input: LoginInput, meta: RequestMeta, channel: Channel) {
  const user = await prisma.user.findUnique({
    where: { email: input.email },
    // The tenant opened last, else the oldest: a sign-in returns where the person left off.
    include: { memberships: { orderBy: [{ lastSignInAt: { sort: "desc", nulls: "last" } }, { createdAt: "asc" }], take: 1 } },
  });
  const tenantId = user?.memberships[0]?.tenantId ?? null;
  const actor = user
    ? ({ type: "user", userId: user.id, label: input.email } as const)
    : ({ type: "anonymous", label: input.email } as const);

  const attemptId = await beginLoginAttempt(input.email, meta.ip, () =>
    recordAudit(prisma, { tenantId, actor, action: "auth.login_throttled", meta, metadata: { channel } }),
  );

  const valid = user ? await verifyPassword(user.passwordHash, input.password) : await verifyAgainstDummy(input.password);
  if (!user || !valid) {
    await finishAttempt(attemptId, AUTH_ATTEMPT_OUTCOME.failed);
    await recordAudit(prisma, {
      tenantId,
      actor,
      action: "auth.login_failed",
      meta,
      metadata: { channel, reason: user ? "wrong_password" : "unknown_email" },
    });
    throw invalidCredentials();
  }
  await finishAttempt(attemptId, AUTH_ATTEMPT_OUTCOME.succeeded);
  return { user, tenantId, actor };
}

type SignInUser = { id: string; email: string; name: string; sessionVersion: number };
type SignInMembership = { id: string; tenantId: string; role: string };

/**
 * Writes what a completed sign-in leaves behind: the user's last login, the
 * tenant's last sign-in (the next sign-in returns there) and `auth.signed_in`.
 * `metadata` says how (channel, and the second factor if one was asked for).
 */
export async function recordSignIn(
  tx: TransactionClient,
  user: SignInUser,
  membership: SignInMembership,
  meta: RequestMeta,
  channel: "browser" | "api",
  metadata: Record<string, unknown> = {},
): Promise<AuthenticatedUser> {
  const now = new Date();
  await tx.user.update({ where: { id: user.id }, data: { lastLoginAt: now } });
  await tx.membership.update({ where: { id: membership.id }, data: { lastSignInAt: now } });
  // A browser sign-in is recorded as a session the person can see and end; API tokens have none.
  const sessionId = channel === "browser" ? await startUserSession(tx, user.id, meta) : null;
  await recordAudit(tx, {
    tenantId: membership.tenantId,
    actor: { type: "user", userId: user.id, label: user.email },
    action: "auth.signed_in",
    meta,
    metadata: { channel, ...metadata, ...(sessionId ? { session_id: sessionId } : {}) },
  });
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    tenantId: membership.tenantId,
    role: asRole(membership.role),
    sessionVersion: user.sessionVersion,
    sessionId,
  };
}

/** What the right password leads to: a signed-in user, or (two-factor on) the challenge of the second step. */
export type PasswordSignIn =
  | { twoFactorRequired: false; user: AuthenticatedUser }
  | { twoFactorRequired: true; challengeToken: string; expiresInSeconds: number };

/**
 * Signs in to the tenant the user opened last (else the oldest). A correct password for an account
 * that belongs to no tenant (everyone removed it) says so: only the person
 * who knows the password learns it. With two-factor on, the password alone
 * signs nobody in: it answers a single-use challenge for the second step
 * (lib/auth/two-factor.ts), and nothing else is written yet.
 */
export async function authenticateWithPassword(
  input: LoginInput,
  meta: RequestMeta,
  channel: "browser" | "api",
): Promise<PasswordSignIn> {
  const { user, tenantId, actor } = await verifyAccountPassword(input, meta, channel);
  const membership = user.memberships[0];
  if (!membership || !tenantId) {
    await recordAudit(prisma, { tenantId: null, actor, action: "auth.login_failed", meta, metadata: { channel, reason: "no_tenant" } });
    throw apiError("no_tenant", "Your account no longer belongs to any tenant. Ask an owner for a new invitation.");
  }
  if (await hasTwoFactor(user.id)) {
    const challenge = await issueTwoFactorChallenge(user.id, channel);
    return { twoFactorRequired: true, challengeToken: challenge.token, expiresInSeconds: challenge.expiresInSeconds };
  }
  const signedIn = await prisma.$transaction((tx) => recordSignIn(tx, user, membership, meta, channel));
  if (signedIn.sessionId) await pruneUserSessions();
  return { twoFactorRequired: false, user: signedIn };
}
