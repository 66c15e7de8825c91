import { env } from "@/lib/env";
import { createLimiterStore, type Counter, type LimiterStore, type LimiterStoreOptions } from "@/lib/api-traffic/limiter-store";
import { FAILED_AUTH_WINDOW_SECONDS, RATE_LIMIT_WINDOW_SECONDS } from "@/lib/api-traffic/rate-limits";

export type ApiLimiters = {
  store: LimiterStore;
  /** Requests per secret key (by its hash), in windows of `keyWindowSeconds`. */
  keys: Counter;
  keyWindowSeconds: number;
  /** Failed authentications per client address. */
  failedAuth: Counter;
  /**
   * Addresses this process saw reach the failed-authentication limit, with
   * the time (ms) their window ends: checked on every request without asking
   * the store. Another instance's failures reach it with this process's next
   * failure from the address, whose count is the shared one.
   */
  blockedAddresses: Map<string, number>;
};

// On globalThis: every route bundle of a Next server, and every hot reload in development, must share one store and one Redis connection.
const shared = globalThis as typeof globalThis & { __portalApiLimiters?: ApiLimiters };

function build(options: LimiterStoreOptions, keyWindowSeconds: number): ApiLimiters {
  const store = createLimiterStore(options);
  return {
    store,
    keys: store.counter("key", keyWindowSeconds),
    keyWindowSeconds,
    failedAuth: store.counter("failed-auth", FAILED_AUTH_WINDOW_SECONDS),
    blockedAddresses: new Map(),
  };
}

/** The process's limiters: in Redis when REDIS_URL is set, in memory otherwise. */
export function apiLimiters(): ApiLimiters {
  shared.__portalApiLimiters ??= build({ redisUrl: env().redisUrl }, RATE_LIMIT_WINDOW_SECONDS);
  return shared.__portalApiLimiters;
}

/**
 * Replaces the process's limiters (closing the old store): for tests, which
 * need a Redis of their own, a fresh key prefix, or a window long enough that
 * a run of requests cannot straddle two windows.
 */
export async function replaceApiLimiters(options: LimiterStoreOptions & { keyWindowSeconds?: number } = {}): Promise<ApiLimiters> {
  const previous = shared.__portalApiLimiters;
  shared.__portalApiLimiters = build(options, options.keyWindowSeconds ?? RATE_LIMIT_WINDOW_SECONDS);
  await previous?.store.close();
  return shared.__portalApiLimiters;
}
