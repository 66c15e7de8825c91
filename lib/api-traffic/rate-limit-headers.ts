import type { RateLimitState } from "@/lib/api-traffic/types";

/**
 * The IETF RateLimit headers (draft-ietf-httpapi-ratelimit-headers, as
 * structured fields): the policy, named "key" since each secret key has its
 * own, and where the caller stands in the current window.
 *   RateLimit-Policy: "key";q=100;w=1
 *   RateLimit: "key";r=42;t=1
 */
export function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  return {
    "RateLimit-Policy": `"key";q=${state.limit};w=${state.windowSeconds}`,
    RateLimit: `"key";r=${Math.max(0, state.remaining)};t=${Math.max(0, state.resetSeconds)}`,
  };
}
