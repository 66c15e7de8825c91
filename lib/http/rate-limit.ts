import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { tooManyRequests } from "@/lib/http/errors";

/**
 * Work a person starts that makes us call out (to a tenant's endpoint, or to
 * Stripe): without a budget, one script could turn the portal into a request
 * cannon. Each kind has its own budget per tenant, so a burst of test sends
 * does not block a Stripe refresh, and one tenant never slows down another.
 */
export const RATE_LIMITS = {
  webhook_test: { points: 3, durationSeconds: 1, what: "test events" },
  webhook_retry: { points: 3, durationSeconds: 1, what: "manual retries" },
  stripe_refresh: { points: 3, durationSeconds: 1, what: "Stripe status refreshes" },
  // Five, not three: an impatient owner's burst of clicks must still all be answered (with the one
  // onboarding account they share); a script looping on it is stopped within the second.
  stripe_connect: { points: 5, durationSeconds: 1, what: "Stripe connection starts" },
} as const;

export type RateLimitKind = keyof typeof RATE_LIMITS;

const limiters = new Map<RateLimitKind, RateLimiterAbstract>();

/**
 * In-process counters: right for one instance. Several instances behind a
 * load balancer each count on their own; a shared store (RateLimiterRedis
 * with an in-memory insurance limiter when REDIS_URL is set) plugs in here.
 */
function limiterFor(kind: RateLimitKind): RateLimiterAbstract {
  let limiter = limiters.get(kind);
  if (!limiter) {
    const { points, durationSeconds } = RATE_LIMITS[kind];
    limiter = new RateLimiterMemory({ keyPrefix: `portal:${kind}`, points, duration: durationSeconds });
    limiters.set(kind, limiter);
  }
  return limiter;
}

/** Spends one point of `kind` for `key` (a tenant id), or throws 429 too_many_requests with Retry-After. */
export async function consumeRateLimit(kind: RateLimitKind, key: string): Promise<void> {
  try {
    await limiterFor(kind).consume(key);
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    throw tooManyRequests(seconds, `${RATE_LIMITS[kind].what} for this tenant`);
  }
}
