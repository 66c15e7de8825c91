/**
 * Sign-in throttling rules, per 15-minute window:
 * - 5 failures for one account from one IP: that IP may not guess at that
 *   account any more (the guessing limit);
 * - 20 failures from one IP across accounts: that IP is stopped (password
 *   spraying);
 * - for one account from anywhere, 10 failures are free; after that, each
 *   attempt must wait for a delay after the account's previous attempt,
 *   doubling with every further failure from 1 s up to 60 s. Guessing from
 *   many addresses stays slow (about one guess a minute), while the owner is
 *   never locked out: the right password gets through at most a minute after
 *   the last guess. An address the account signed in from successfully in the
 *   last day skips this delay altogether (its per-IP limits still apply).
 * A successful sign-in resets the account's counts.
 */
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const LOGIN_LIMITS = { accountFromIp: 5, ip: 20, accountFreeFailures: 10 } as const;
export const ACCOUNT_DELAY = { baseMs: 1000, maxMs: 60 * 1000 } as const;

/** What the throttle knows about an attempt, counted before its password is checked. */
export type LoginAttemptCounts = {
  now: Date;
  /** Failed or in-flight attempts for this account from this IP in the window, this one included. */
  accountFromIp: { count: number; oldestAt: Date | null };
  /** Failed or in-flight attempts from this IP in the window, across accounts, this one included. */
  ip: { count: number; oldestAt: Date | null };
  /** Failed or in-flight attempts for this account from anywhere since its last success in the window, this one excluded. */
  account: { count: number; latestAt: Date | null };
  /** The account signed in successfully from this IP recently. */
  knownIp: boolean;
};

export type LoginThrottleDecision =
  | { allowed: true }
  | { allowed: false; rule: "account_from_ip" | "ip" | "account_delay"; retryAfterSeconds: number };

/** The delay an attempt on an account must keep after the previous one, once `failures` have been made. */
export function accountDelayMs(failures: number): number {
  if (failures < LOGIN_LIMITS.accountFreeFailures) return 0;
  const doublings = Math.min(failures - LOGIN_LIMITS.accountFreeFailures, 30);
  return Math.min(ACCOUNT_DELAY.baseMs * 2 ** doublings, ACCOUNT_DELAY.maxMs);
}

const secondsUntil = (until: number, now: Date) => Math.max(1, Math.ceil((until - now.getTime()) / 1000));

export function decideLoginAttempt(counts: LoginAttemptCounts): LoginThrottleDecision {
  const waits: Extract<LoginThrottleDecision, { allowed: false }>[] = [];
  if (counts.accountFromIp.count > LOGIN_LIMITS.accountFromIp) {
    const oldest = counts.accountFromIp.oldestAt?.getTime() ?? counts.now.getTime();
    waits.push({ allowed: false, rule: "account_from_ip", retryAfterSeconds: secondsUntil(oldest + LOGIN_WINDOW_MS, counts.now) });
  }
  if (counts.ip.count > LOGIN_LIMITS.ip) {
    const oldest = counts.ip.oldestAt?.getTime() ?? counts.now.getTime();
    waits.push({ allowed: false, rule: "ip", retryAfterSeconds: secondsUntil(oldest + LOGIN_WINDOW_MS, counts.now) });
  }
  const delay = accountDelayMs(counts.account.count);
  if (!counts.knownIp && delay > 0 && counts.account.latestAt) {
    const until = counts.account.latestAt.getTime() + delay;
    if (until > counts.now.getTime()) {
      waits.push({ allowed: false, rule: "account_delay", retryAfterSeconds: secondsUntil(until, counts.now) });
    }
  }
  if (waits.length === 0) return { allowed: true };
  return waits.reduce((longest, wait) => (wait.retryAfterSeconds > longest.retryAfterSeconds ? wait : longest));
}
