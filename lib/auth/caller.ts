import { prisma } from "@/lib/db";
import { apiError } from "@/lib/http/errors";
import { asPlatformRole, asRole, type PlatformRole, type Role } from "@/lib/auth/roles";
import { bearerCredential, readToken, sessionTokenFromCookies, type CookieReader } from "@/lib/auth/tokens";
import { asStatus, TENANT_STATUS, type TenantStatus } from "@/lib/statuses";
import { isCurrentSession } from "@/lib/auth/sessions";
import { isLiveUserSession, touchUserSession } from "@/lib/auth/user-sessions";

/** The signed-in person and the tenant they act for, as the server sees them now. */
export type Caller = {
  userId: string;
  email: string;
  name: string;
  tenantId: string;
  tenantName: string;
  tenantStatus: TenantStatus;
  role: Role;
  /** Above all tenants and independent of `role`: null for everyone but the platform's operators. */
  platformRole: PlatformRole | null;
  via: "session" | "bearer";
  /** The user's session version, to carry into tokens issued for this caller. */
  sessionVersion: number;
  /** The user signs in with a second factor (a confirmed authenticator). */
  twoFactorEnabled: boolean;
  /** The tenant requires two-factor of every member: without it, only enrolment is open (lib/auth/two-factor-rules.ts). */
  twoFactorRequired: boolean;
  /** The browser session (UserSession id) this request came with; null for access tokens and older cookies. */
  sessionId: string | null;
  /** When the person proved they receive mail at `email`; null: not yet. */
  emailVerifiedAt: Date | null;
};

/**
 * Resolves a caller from `Authorization: Bearer` (access tokens only) or the
 * session cookie (session tokens only). The role and the session version are
 * read from the database on every request, never trusted from the token, so a
 * demotion or a sign-out takes effect at once.
 */
export async function resolveCaller(headers: Headers, cookies: CookieReader): Promise<Caller | null> {
  const bearer = bearerCredential(headers);
  if (bearer === null) throw apiError("invalid_token", "Use Authorization: Bearer <access_token>.");
  const via: Caller["via"] = bearer === undefined ? "session" : "bearer";
  const raw = bearer ?? sessionTokenFromCookies(cookies);
  if (!raw) return null;
  const token = await readToken(raw, via === "bearer" ? "access" : "session");
  if (!token) {
    if (via === "bearer") throw apiError("invalid_token");
    return null;
  }
  // The session row comes with the same read as the membership: no second query per request.
  const sessionId = via === "session" ? (token.sid ?? null) : null;
  const membership = await prisma.membership.findUnique({
    where: { userId_tenantId: { userId: token.sub, tenantId: token.tid } },
    include: {
      user: { include: { twoFactor: { select: { enabledAt: true } }, sessions: sessionId ? { where: { id: sessionId }, take: 1 } : false } },
      tenant: true,
    },
  });
  const session = sessionId ? membership?.user.sessions?.[0] : undefined;
  if (!membership || !isCurrentSession(token, membership.user) || (sessionId && !isLiveUserSession(session, membership.userId))) {
    if (via === "bearer") throw apiError("invalid_token", "The access token no longer grants access.");
    return null;
  }
  if (session) await touchUserSession(session);
  return {
    userId: membership.userId,
    email: membership.user.email,
    name: membership.user.name,
    tenantId: membership.tenantId,
    tenantName: membership.tenant.name,
    tenantStatus: asStatus(TENANT_STATUS, membership.tenant.status),
    role: asRole(membership.role),
    platformRole: asPlatformRole(membership.user.platformRole),
    via,
    sessionVersion: membership.user.sessionVersion,
    twoFactorEnabled: membership.user.twoFactor?.enabledAt != null,
    twoFactorRequired: membership.tenant.twoFactorRequired,
    sessionId,
    emailVerifiedAt: membership.user.emailVerifiedAt,
  };
}
