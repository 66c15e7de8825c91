import type { ApiKeyCaller } from "@/lib/api-keys/api-keys";
import type { KeyMode } from "@/lib/api-keys/key-format";
import type { AppError } from "@/lib/http/errors";

/**
 * The secret key a platform API request presented, as far as it is known
 * without reading the database: its hash, prefix, last four and mode always;
 * its id and tenant once a lookup (now, or earlier in this process) found it.
 * A request refused by the key's limit before any lookup may carry no id: the
 * recorder resolves it from the hash when it writes, off the response path.
 */
export type PresentedKey = {
  hash: string;
  id: string | null;
  tenantId: string | null;
  /** sk_live_ or sk_test_ */
  prefix: string;
  last4: string;
  mode: KeyMode;
};

/** A key's rate-limit window as the RateLimit headers announce it. */
export type RateLimitState = {
  /** requests allowed per window */
  limit: number;
  windowSeconds: number;
  /** requests left in the current window (never below 0) */
  remaining: number;
  /** whole seconds until the window resets (at least 1 while it runs) */
  resetSeconds: number;
};

/**
 * What lib/api-traffic/admission.ts decides about a request that presents a
 * secret key. It never throws an AppError: a refusal is `error`, so the route
 * wrapper can still stamp the headers and record the request.
 */
export type ApiKeyAdmission = {
  caller: ApiKeyCaller | null;
  error: AppError | null;
  /** Set when the credential is a well-formed secret key (valid or not yet known). */
  key: PresentedKey | null;
  /** Set when the key's own limit was consulted. */
  rateLimit: RateLimitState | null;
};

/** One answered request, as the request log and the usage counters keep it. */
export type ApiRequestRecord = {
  requestId: string;
  at: Date;
  key: PresentedKey;
  method: string;
  /** the route template, "GET /v1/payments/{paymentId}" */
  route: string;
  /** the path as requested, without the query string */
  path: string;
  status: number;
  latencyMs: number;
  ip: string | null;
  userAgent: string | null;
  errorCode: string | null;
};

/** How a request counts in usage: rate_limited apart from the other 4xx. */
export type RequestOutcome = "succeeded" | "client_error" | "server_error" | "rate_limited";

export function requestOutcome(status: number, errorCode: string | null): RequestOutcome {
  if (status === 429 && errorCode === "rate_limited") return "rate_limited";
  if (status >= 500) return "server_error";
  if (status >= 400) return "client_error";
  return "succeeded";
}
