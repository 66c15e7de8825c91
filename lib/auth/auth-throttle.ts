import { prisma } from "@/lib/db";
import { tooManyRequests } from "@/lib/http/errors";

/**
 * Throttling for sign-in and sign-up, counted in AuthAttempt. An attempt is
 * recorded *before* the password is checked and counts while pending, so
 * guesses sent in parallel are counted as well; a request may go on only if
 * the attempts in its window, its own included, are within the limit.
 *
 * Sign-in limits, per 15 minutes:
 * - 5 failures for one account from one IP: the guessing limit;
 * - 50 failures for one account from anywhere: distributed guessing, set high
 *   so that a stranger cannot lock an owner out with five wrong passwords;
 * - 20 failures from one IP across accounts: password spraying.
 * A successful sign-in resets the account's counts.
 */
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const LOGIN_LIMITS = { accountFromIp: 5, account: 50, ip: 20 } as const;
export const SIGNUP_WINDOW_MS = 60 * 60 * 1000;
export const SIGNUP_LIMIT_PER_IP = 10;
const PRUNE_AFTER_MS = 24 * 60 * 60 * 1000;

type Kind = "login" | "signup";
type Bucket = { email?: string; ip?: string; since: Date; limit: number };
type Outcome = "failed" | "succeeded" | "throttled";

/** Seconds until the oldest attempt counted in the bucket leaves the window, or 0 if within the limit. */
async function overLimitFor(kind: Kind, bucket: Bucket, windowMs: number, now: Date): Promise<number> {
  const where = {
    kind,
    outcome: { in: ["pending", "failed"] },
    createdAt: { gt: bucket.since },
    ...(bucket.email ? { email: bucket.email } : {}),
    ...(bucket.ip ? { ip: bucket.ip } : {}),
  };
  const count = await prisma.authAttempt.count({ where });
  if (count <= bucket.limit) return 0;
  const oldest = await prisma.authAttempt.findFirst({ where, orderBy: { createdAt: "asc" }, select: { createdAt: true } });
  const until = (oldest?.createdAt.getTime() ?? now.getTime()) + windowMs;
  return Math.max(1, Math.ceil((until - now.getTime()) / 1000));
}

function throttled(seconds: number, what: string) {
  const minutes = Math.ceil(seconds / 60);
  return tooManyRequests(seconds, `Too many ${what}. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`);
}

/**
 * Records a sign-in attempt and throws 429 (with Retry-After) when it is over
 * a limit. `onThrottled` runs for the first throttled attempt of a window per
 * account and IP, so the audit log is not flooded.
 */
export async function beginLoginAttempt(email: string, ip: string | null, onThrottled: () => Promise<void>): Promise<string> {
  const now = new Date();
  const attempt = await prisma.authAttempt.create({ data: { kind: "login", email, ip } });
  const windowStart = new Date(now.getTime() - LOGIN_WINDOW_MS);
  const lastSuccess = await prisma.authAttempt.findFirst({
    where: { kind: "login", email, outcome: "succeeded", createdAt: { gt: windowStart } },
    orderBy: { createdAt: "desc" },
    select: { createdAt: true },
  });
  const accountSince = lastSuccess?.createdAt ?? windowStart;
  const waits = await Promise.all([
    ip ? overLimitFor("login", { email, ip, since: accountSince, limit: LOGIN_LIMITS.accountFromIp }, LOGIN_WINDOW_MS, now) : 0,
    overLimitFor("login", { email, since: accountSince, limit: LOGIN_LIMITS.account }, LOGIN_WINDOW_MS, now),
    ip ? overLimitFor("login", { ip, since: windowStart, limit: LOGIN_LIMITS.ip }, LOGIN_WINDOW_MS, now) : 0,
  ]);
  const wait = Math.max(...waits);
  if (wait > 0) {
    const earlier = await prisma.authAttempt.count({
      where: { kind: "login", email, ip, outcome: "throttled", createdAt: { gt: windowStart } },
    });
    await finishAttempt(attempt.id, "throttled");
    if (earlier === 0) await onThrottled();
    throw throttled(wait, "failed sign-in attempts");
  }
  return attempt.id;
}

/** Records a sign-up attempt from this IP and throws 429 past the hourly limit. */
export async function beginSignupAttempt(email: string, ip: string | null): Promise<string> {
  const now = new Date();
  const attempt = await prisma.authAttempt.create({ data: { kind: "signup", email, ip } });
  if (ip) {
    // Every sign-up counts here, successful or not: the limit is on creating tenants.
    const count = await prisma.authAttempt.count({
      where: { kind: "signup", ip, outcome: { not: "throttled" }, createdAt: { gt: new Date(now.getTime() - SIGNUP_WINDOW_MS) } },
    });
    if (count > SIGNUP_LIMIT_PER_IP) {
      await finishAttempt(attempt.id, "throttled");
      throw throttled(Math.ceil(SIGNUP_WINDOW_MS / 1000), "sign-ups from this network");
    }
  }
  return attempt.id;
}

export async function finishAttempt(id: string, outcome: Outcome): Promise<void> {
  await prisma.authAttempt.update({ where: { id }, data: { outcome } });
  if (outcome === "succeeded") {
    // Old attempts have no use past a day; prune them where it costs nothing noticeable.
    await prisma.authAttempt.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - PRUNE_AFTER_MS) } } });
  }
}
