import type { KeyMode } from "@/lib/api-keys/key-format";

/**
 * The platform API's per-key limits, in requests per window. Stripe's own
 * figures: live keys carry production traffic, test keys only development.
 */
export const DEFAULT_RATE_LIMITS: Record<KeyMode, number> = { live: 100, test: 25 };

/** The limits' window. */
export const RATE_LIMIT_WINDOW_SECONDS = 1;

/** What an operator may set per tenant and mode; null stands for the platform default. */
export const MIN_RATE_LIMIT = 1;
export const MAX_RATE_LIMIT = 10_000;

/** A tenant's own limits as stored (null: the platform default applies). */
export type TenantRateLimits = { apiRateLimitLive: number | null; apiRateLimitTest: number | null };

/**
 * The limit a key of `mode` works under. It belongs to the tenant and mode,
 * not to the key, so a rolled or regenerated key inherits it; each key still
 * counts its own requests.
 */
export function effectiveRateLimit(limits: TenantRateLimits, mode: KeyMode): number {
  const own = mode === "live" ? limits.apiRateLimitLive : limits.apiRateLimitTest;
  return own ?? DEFAULT_RATE_LIMITS[mode];
}

/** The API's view of a tenant's limits: what applies, and whether it is the platform's default. */
export function toRateLimitsView(limits: TenantRateLimits) {
  return {
    live_per_second: effectiveRateLimit(limits, "live"),
    test_per_second: effectiveRateLimit(limits, "test"),
    live_is_default: limits.apiRateLimitLive === null,
    test_is_default: limits.apiRateLimitTest === null,
  };
}
export type RateLimitsView = ReturnType<typeof toRateLimitsView>;

/**
 * Failed authentication per client address: malformed, unknown, revoked or
 * expired keys, publishable keys and missing credentials. Past the budget,
 * the address is refused before any key is looked up, so probing for keys
 * stops costing database reads.
 */
export const FAILED_AUTH_LIMIT = 20;
export const FAILED_AUTH_WINDOW_SECONDS = 60;
