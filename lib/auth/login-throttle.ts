import { prisma } from "@/lib/db";
import { AUDIT_ACTIONS } from "@/lib/audit/audit-log";
import { tooManyRequests } from "@/lib/http/errors";

/**
 * Failed sign-ins are already in the audit log (with the email typed and the
 * IP), so the throttle counts them there: it holds across processes and
 * restarts with no extra store. A successful sign-in resets the account count.
 */
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 20;

async function retryAfterSeconds(where: { actorLabel?: string; ip?: string }, since: Date, limit: number, now: Date) {
  const failures = await prisma.auditLog.findMany({
    where: { action: AUDIT_ACTIONS.loginFailed, createdAt: { gt: since }, ...where },
    orderBy: { createdAt: "desc" },
    take: limit,
    select: { createdAt: true },
  });
  if (failures.length < limit) return 0;
  // Blocked until the oldest of the last `limit` failures leaves the window.
  const oldest = failures[failures.length - 1].createdAt.getTime();
  return Math.max(1, Math.ceil((oldest + LOGIN_WINDOW_MS - now.getTime()) / 1000));
}

/** Throws 429 with Retry-After when this email or this IP failed too often. */
export async function assertLoginAllowed(email: string, ip: string | null, now = new Date()): Promise<void> {
  const windowStart = new Date(now.getTime() - LOGIN_WINDOW_MS);
  const lastSuccess = await prisma.auditLog.findFirst({
    where: { action: AUDIT_ACTIONS.signedIn, actorLabel: email, createdAt: { gt: windowStart } },
    orderBy: { createdAt: "desc" },
    select: { createdAt: true },
  });
  const accountSince = lastSuccess ? lastSuccess.createdAt : windowStart;
  const waits = await Promise.all([
    retryAfterSeconds({ actorLabel: email }, accountSince, MAX_FAILURES_PER_ACCOUNT, now),
    ip ? retryAfterSeconds({ ip }, windowStart, MAX_FAILURES_PER_IP, now) : Promise.resolve(0),
  ]);
  const wait = Math.max(...waits);
  if (wait > 0) {
    const minutes = Math.ceil(wait / 60);
    throw tooManyRequests(
      wait,
      `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
    );
  }
}
