import { prisma, type TransactionClient } from "@/lib/db";
import { recordAudit, userActor } from "@/lib/audit/audit-log";
import type { Caller } from "@/lib/auth/caller";
import { SESSION_MAX_AGE_SECONDS } from "@/lib/auth/tokens";
import { displayIp } from "@/lib/http/display-ip";
import { apiError } from "@/lib/http/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { log, errorMessage } from "@/lib/log";
import { EMAIL_TOKEN_PURPOSE } from "@/lib/statuses";

/**
 * A UserSession row per browser sign-in, named by the cookie's `sid` claim.
 * The row is read in the same query that already resolves the caller's
 * membership (lib/auth/caller.ts), so listing and revoking sessions costs no
 * extra read per request. Last seen is kept coarsely: a write at most every
 * few minutes per session, never one per request.
 *
 * API access tokens (one hour) get no row: they end with "sign out
 * everywhere" and a password change through the session version.
 */
export const LAST_SEEN_EVERY_MS = 5 * 60 * 1000;
const SESSION_MAX_AGE_MS = SESSION_MAX_AGE_SECONDS * 1000;
/** Ended and expired rows are kept a while for nobody's benefit but the prune's cost; a day is plenty. */
const PRUNE_AFTER_MS = 24 * 60 * 60 * 1000;

type Db = TransactionClient | typeof prisma;

/** Starts the record of a browser sign-in; its id goes into the session cookie. */
export async function startUserSession(db: Db, userId: string, meta: RequestMeta): Promise<string> {
  const now = new Date();
  const row = await db.userSession.create({
    data: { userId, userAgent: meta.userAgent, ip: meta.ip, createdAt: now, lastSeenAt: now, expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_MS) },
    select: { id: true },
  });
  return row.id;
}

/** Removes rows that ended or expired more than a day ago; run where a sign-in already writes. */
export async function pruneUserSessions(): Promise<void> {
  const before = new Date(Date.now() - PRUNE_AFTER_MS);
  await prisma.userSession.deleteMany({ where: { OR: [{ expiresAt: { lt: before } }, { revokedAt: { lt: before } }] } });
}

type SessionRow = { id: string; userId: string; revokedAt: Date | null; expiresAt: Date; lastSeenAt: Date };

/** Whether the session a cookie names is still live: its row exists, belongs to the user, and was neither revoked nor left to expire. */
export function isLiveUserSession(row: SessionRow | null | undefined, userId: string, now = new Date()): boolean {
  return !!row && row.userId === userId && row.revokedAt === null && row.expiresAt > now;
}

/**
 * Moves last seen (and the sliding expiry with it) when the stored value is
 * older than LAST_SEEN_EVERY_MS. The caller already holds the row, so nothing
 * is read; a failure only costs accuracy, never the request.
 */
export async function touchUserSession(row: SessionRow, now = new Date()): Promise<void> {
  if (now.getTime() - row.lastSeenAt.getTime() < LAST_SEEN_EVERY_MS) return;
  try {
    await prisma.userSession.updateMany({
      where: { id: row.id, revokedAt: null, lastSeenAt: row.lastSeenAt },
      data: { lastSeenAt: now, expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_MS) },
    });
  } catch (error) {
    log.warn({ error: errorMessage(error) }, "session last-seen update failed");
  }
}

/**
 * Ends what anyone holding the account could still use (sign-out everywhere,
 * password change or reset), in the caller's transaction: every live session
 * except `keep`, open password reset links, a pending change of address
 * (whoever asked for it may be the person being locked out), and unfinished
 * two-factor sign-ins. Returns how many sessions ended.
 */
export async function revokeUserSessions(db: Db, userId: string, now: Date, keep?: string | null): Promise<number> {
  const { count } = await db.userSession.updateMany({
    where: { userId, revokedAt: null, ...(keep ? { id: { not: keep } } : {}) },
    data: { revokedAt: now },
  });
  await db.passwordResetToken.updateMany({ where: { userId, usedAt: null }, data: { usedAt: now } });
  await db.emailToken.updateMany({ where: { userId, purpose: EMAIL_TOKEN_PURPOSE.change, usedAt: null }, data: { usedAt: now } });
  await db.twoFactorChallenge.deleteMany({ where: { userId } });
  return count;
}

export type UserSessionView = {
  id: string;
  current: boolean;
  user_agent: string | null;
  ip: string | null;
  created_at: string;
  last_seen_at: string;
};

/** The caller's live browser sessions, the current one first, then by last seen. */
export async function listUserSessions(caller: Pick<Caller, "userId" | "sessionId">): Promise<{ sessions: UserSessionView[] }> {
  const now = new Date();
  const rows = await prisma.userSession.findMany({
    where: { userId: caller.userId, revokedAt: null, expiresAt: { gt: now } },
    orderBy: [{ lastSeenAt: "desc" }, { createdAt: "desc" }],
    take: 100,
  });
  const views = rows.map((row) => ({
    id: row.id,
    current: row.id === caller.sessionId,
    user_agent: row.userAgent,
    ip: row.ip === null ? null : displayIp(row.ip),
    created_at: row.createdAt.toISOString(),
    last_seen_at: row.lastSeenAt.toISOString(),
  }));
  return { sessions: [...views.filter((view) => view.current), ...views.filter((view) => !view.current)] };
}

/**
 * Ends one browser session of the caller's (another device, or this one).
 * Another person's session, or one that already ended, answers 404 alike.
 */
export async function revokeUserSession(caller: Caller, sessionId: string, meta: RequestMeta): Promise<{ current: boolean }> {
  return prisma.$transaction(async (tx) => {
    const now = new Date();
    const { count } = await tx.userSession.updateMany({
      where: { id: sessionId, userId: caller.userId, revokedAt: null, expiresAt: { gt: now } },
      data: { revokedAt: now },
    });
    if (count === 0) throw apiError("not_found", "You have no active session with that id.");
    await recordAudit(tx, {
      tenantId: caller.tenantId,
      actor: userActor(caller),
      action: "account.session_revoked",
      target: { type: "session", id: sessionId },
      meta,
      metadata: { current: sessionId === caller.sessionId },
    });
    return { current: sessionId === caller.sessionId };
  });
}
