import { prisma } from "@/lib/db";
import { recordAudit } from "@/lib/audit/audit-log";
import type { RequestMeta } from "@/lib/http/request-meta";
import { portalClaims, type PortalToken } from "@/lib/auth/tokens";
import type { JWT } from "next-auth/jwt";
import { isLiveUserSession, revokeUserSessions, touchUserSession } from "@/lib/auth/user-sessions";

type SignedOutUser = { userId: string; email?: string | null; tenantId: string | null; sessionVersion: number };

/**
 * Signs the user out everywhere: increments the session version, which every
 * session and access token issued before carries, so all of them stop working
 * at once (every device of that user, not only this one). Only a token of the
 * current version can do it, so replaying a stale token changes nothing and
 * writes no second audit entry. Returns whether the sessions were ended now.
 */
export async function endUserSessions(user: SignedOutUser, meta: RequestMeta, channel: "browser" | "api"): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.user.updateMany({
      where: { id: user.userId, sessionVersion: user.sessionVersion },
      data: { sessionVersion: { increment: 1 } },
    });
    if (count === 0) return false;
    await revokeUserSessions(tx, user.userId, new Date());
    await recordAudit(tx, {
      tenantId: user.tenantId,
      actor: { type: "user", userId: user.userId, label: user.email ?? undefined },
      action: "auth.signed_out",
      meta,
      metadata: { channel },
    });
    return true;
  });
}

/**
 * Whether a token still belongs to a live session: it carries the user's
 * current session version. Every place that accepts a token asks this.
 */
export function isCurrentSession(token: Pick<PortalToken, "sv">, user: { sessionVersion: number }): boolean {
  return token.sv === user.sessionVersion;
}

/**
 * For next-auth's own endpoints (`/api/auth/session`, which also refreshes
 * the cookie): whether this decoded cookie is a session token whose user has
 * not signed out since it was issued, and whose own session was not ended.
 * One primary-key read.
 */
export async function isLiveSessionToken(payload: JWT): Promise<boolean> {
  const token = portalClaims(payload, "session");
  if (!token) return false;
  const user = await prisma.user.findUnique({
    where: { id: token.sub },
    select: { id: true, sessionVersion: true, sessions: token.sid ? { where: { id: token.sid }, take: 1 } : false },
  });
  if (user === null || !isCurrentSession(token, user)) return false;
  if (!token.sid) return true;
  const session = user.sessions?.[0];
  if (!isLiveUserSession(session, user.id)) return false;
  if (session) await touchUserSession(session);
  return true;
}
