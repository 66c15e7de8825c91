import { prisma } from "@/lib/db";
import { tooManyRequests } from "@/lib/http/errors";
import { LOGIN_WINDOW_MS, decideLoginAttempt, type LoginAttemptCounts } from "@/lib/auth/login-throttle-decision";
import { AUTH_ATTEMPT_OUTCOME, type AuthAttemptOutcome } from "@/lib/statuses";

/**
 * Throttling for sign-in and sign-up, counted in AuthAttempt. An attempt is
 * recorded *before* the password is checked and counts while pending, so
 * guesses sent in parallel are counted as well. The sign-in rules are the
 * pure decision in login-throttle-decision.ts; this module counts for it.
 * An unknown client address (null) is one shared bucket, never a way around
 * the per-IP limits.
 */
export { LOGIN_LIMITS, LOGIN_WINDOW_MS } from "@/lib/auth/login-throttle-decision";
export const SIGNUP_WINDOW_MS = 60 * 60 * 1000;
export const SIGNUP_LIMIT_PER_IP = 10;
const PRUNE_AFTER_MS = 24 * 60 * 60 * 1000;
/** How long a successful sign-in makes its address "known" to the account: as long as attempts are kept. */
const KNOWN_IP_MS = PRUNE_AFTER_MS;

type Outcome = Exclude<AuthAttemptOutcome, typeof AUTH_ATTEMPT_OUTCOME.pending>;
const COUNTED = { in: [AUTH_ATTEMPT_OUTCOME.pending, AUTH_ATTEMPT_OUTCOME.failed] };

/** Counts what decideLoginAttempt needs for this attempt (`attemptId`, already recorded). */
async function loginAttemptCounts(kind: LoginAttemptKind, attemptId: string, email: string, ip: string | null, now: Date): Promise<LoginAttemptCounts> {
  const windowStart = new Date(now.getTime() - LOGIN_WINDOW_MS);
  const [lastSuccess, knownIp] = await Promise.all([
    prisma.authAttempt.findFirst({
      where: { kind, email, outcome: AUTH_ATTEMPT_OUTCOME.succeeded, createdAt: { gt: windowStart } },
      orderBy: { createdAt: "desc" },
      select: { createdAt: true },
    }),
    prisma.authAttempt.count({
      where: { kind, email, ip, outcome: AUTH_ATTEMPT_OUTCOME.succeeded, createdAt: { gt: new Date(now.getTime() - KNOWN_IP_MS) } },
    }),
  ]);
  const accountSince = lastSuccess?.createdAt ?? windowStart;
  const accountFromIpWhere = { kind, email, ip, outcome: COUNTED, createdAt: { gt: accountSince } };
  const ipWhere = { kind, ip, outcome: COUNTED, createdAt: { gt: windowStart } };
  const accountWhere = { kind, email, outcome: COUNTED, createdAt: { gt: accountSince }, id: { not: attemptId } };
  const oldest = { orderBy: { createdAt: "asc" as const }, select: { createdAt: true } };
  const [accountFromIp, accountFromIpOldest, fromIp, fromIpOldest, account, accountLatest] = await Promise.all([
    prisma.authAttempt.count({ where: accountFromIpWhere }),
    prisma.authAttempt.findFirst({ where: accountFromIpWhere, ...oldest }),
    prisma.authAttempt.count({ where: ipWhere }),
    prisma.authAttempt.findFirst({ where: ipWhere, ...oldest }),
    prisma.authAttempt.count({ where: accountWhere }),
    prisma.authAttempt.findFirst({ where: accountWhere, orderBy: { createdAt: "desc" }, select: { createdAt: true } }),
  ]);
  return {
    now,
    accountFromIp: { count: accountFromIp, oldestAt: accountFromIpOldest?.createdAt ?? null },
    ip: { count: fromIp, oldestAt: fromIpOldest?.createdAt ?? null },
    account: { count: account, latestAt: accountLatest?.createdAt ?? null },
    knownIp: knownIp > 0,
  };
}

/**
 * What is guessed: the password ("login"), or a second factor ("two_factor":
 * an authentication code, a recovery code, or the password that turns
 * two-factor off). Each has its own counts under the same rules, so knowing
 * the password buys no extra guesses at the code.
 */
export type LoginAttemptKind = "login" | "two_factor";

/**
 * Records a sign-in attempt and throws 429 (with Retry-After) when the
 * throttle says no. `onThrottled` runs for the first throttled attempt of a
 * window per account and IP, so the audit log is not flooded.
 */
export async function beginLoginAttempt(email: string, ip: string | null, onThrottled: () => Promise<void>, kind: LoginAttemptKind = "login"): Promise<string> {
  const now = new Date();
  const attempt = await prisma.authAttempt.create({ data: { kind, email, ip, createdAt: now } });
  const decision = decideLoginAttempt(await loginAttemptCounts(kind, attempt.id, email, ip, now));
  if (!decision.allowed) {
    const earlier = await prisma.authAttempt.count({
      where: { kind, email, ip, outcome: AUTH_ATTEMPT_OUTCOME.throttled, createdAt: { gt: new Date(now.getTime() - LOGIN_WINDOW_MS) } },
    });
    await finishAttempt(attempt.id, AUTH_ATTEMPT_OUTCOME.throttled);
    if (earlier === 0) await onThrottled();
    throw tooManyRequests(decision.retryAfterSeconds, kind === "login" ? "failed sign-in attempts" : "wrong two-factor codes");
  }
  return attempt.id;
}

/** Records a sign-up attempt from this IP and throws 429 past the hourly limit. */
export async function beginSignupAttempt(email: string, ip: string | null): Promise<string> {
  const now = new Date();
  const attempt = await prisma.authAttempt.create({ data: { kind: "signup", email, ip, createdAt: now } });
  // Every sign-up counts here, successful or not: the limit is on creating tenants.
  const count = await prisma.authAttempt.count({
    where: { kind: "signup", ip, outcome: { not: AUTH_ATTEMPT_OUTCOME.throttled }, createdAt: { gt: new Date(now.getTime() - SIGNUP_WINDOW_MS) } },
  });
  if (count > SIGNUP_LIMIT_PER_IP) {
    await finishAttempt(attempt.id, AUTH_ATTEMPT_OUTCOME.throttled);
    throw tooManyRequests(Math.ceil(SIGNUP_WINDOW_MS / 1000), "sign-ups from this network");
  }
  return attempt.id;
}

export const PASSWORD_RESET_WINDOW_MS = 60 * 60 * 1000;
export const PASSWORD_RESET_LIMIT_PER_EMAIL = 5;
export const PASSWORD_RESET_LIMIT_PER_IP = 20;

/**
 * Records a request for a password reset link and throws 429 past the hourly
 * limits: per email (so nobody can flood a mailbox) and per IP (so nobody can
 * walk a list of addresses). Counted the same for known and unknown emails,
 * so a refusal says nothing about whether an account exists.
 */
export async function beginPasswordResetAttempt(email: string, ip: string | null): Promise<string> {
  const now = new Date();
  const attempt = await prisma.authAttempt.create({ data: { kind: "password_reset", email, ip, createdAt: now } });
  const since = { gt: new Date(now.getTime() - PASSWORD_RESET_WINDOW_MS) };
  const counted = { not: AUTH_ATTEMPT_OUTCOME.throttled };
  const [fromIp, forEmail] = await Promise.all([
    prisma.authAttempt.count({ where: { kind: "password_reset", ip, outcome: counted, createdAt: since } }),
    prisma.authAttempt.count({ where: { kind: "password_reset", email, outcome: counted, createdAt: since } }),
  ]);
  if (fromIp > PASSWORD_RESET_LIMIT_PER_IP || forEmail > PASSWORD_RESET_LIMIT_PER_EMAIL) {
    await finishAttempt(attempt.id, AUTH_ATTEMPT_OUTCOME.throttled);
    throw tooManyRequests(Math.ceil(PASSWORD_RESET_WINDOW_MS / 1000), fromIp > PASSWORD_RESET_LIMIT_PER_IP ? "password reset requests from this network" : "password reset requests for this email");
  }
  return attempt.id;
}

export const EMAIL_LINK_WINDOW_MS = 60 * 60 * 1000;
export const EMAIL_LINK_LIMIT_PER_ACCOUNT = 5;
export const EMAIL_LINK_SPACING_MS = 60 * 1000;

/**
 * Records a request to mail a verification link (resend, email change) for the
 * account with this email and throws 429 when one went out less than a minute
 * ago or five went out this hour: a signed-in session cannot be turned into a
 * mail cannon against the account's own or anyone else's mailbox.
 */
export async function beginEmailLinkAttempt(accountEmail: string, ip: string | null): Promise<string> {
  const now = new Date();
  // Recorded before counting, as the other throttles do: requests at the same moment each see the
  // others, so a burst cannot slip under the limits together.
  const attempt = await prisma.authAttempt.create({ data: { kind: "email_link", email: accountEmail, ip, createdAt: now } });
  const since = { gt: new Date(now.getTime() - EMAIL_LINK_WINDOW_MS) };
  const where = { kind: "email_link", email: accountEmail, outcome: { not: AUTH_ATTEMPT_OUTCOME.throttled }, createdAt: since, id: { not: attempt.id } };
  const [count, latest] = await Promise.all([
    prisma.authAttempt.count({ where }),
    prisma.authAttempt.findFirst({ where, orderBy: { createdAt: "desc" }, select: { createdAt: true } }),
  ]);
  const spacingLeft = latest ? latest.createdAt.getTime() + EMAIL_LINK_SPACING_MS - now.getTime() : 0;
  if (count >= EMAIL_LINK_LIMIT_PER_ACCOUNT || spacingLeft > 0) {
    await finishAttempt(attempt.id, AUTH_ATTEMPT_OUTCOME.throttled);
    const oldest = count >= EMAIL_LINK_LIMIT_PER_ACCOUNT ? await prisma.authAttempt.findFirst({ where, orderBy: { createdAt: "asc" }, select: { createdAt: true } }) : null;
    const windowLeft = oldest ? oldest.createdAt.getTime() + EMAIL_LINK_WINDOW_MS - now.getTime() : 0;
    throw tooManyRequests(Math.max(1, Math.ceil(Math.max(spacingLeft, windowLeft) / 1000)), "verification mails for this account");
  }
  return attempt.id;
}

export async function finishAttempt(id: string, outcome: Outcome): Promise<void> {
  await prisma.authAttempt.update({ where: { id }, data: { outcome } });
  if (outcome === AUTH_ATTEMPT_OUTCOME.succeeded) {
    // Old attempts have no use past a day; prune them where it costs nothing noticeable.
    await prisma.authAttempt.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - PRUNE_AFTER_MS) } } });
  }
}
