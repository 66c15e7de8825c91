import { authenticateSecretKeyHash, type ApiKeyCaller } from "@/lib/api-keys/api-keys";
import { hashKey, keyPrefix, parseKey } from "@/lib/api-keys/key-format";
import { cachedKey, forgetKey, rememberKey } from "@/lib/api-traffic/key-cache";
import type { Counter, WindowCount } from "@/lib/api-traffic/limiter-store";
import { apiLimiters } from "@/lib/api-traffic/limiters";
import { DEFAULT_RATE_LIMITS, effectiveRateLimit, FAILED_AUTH_LIMIT } from "@/lib/api-traffic/rate-limits";
import { bearerCredential } from "@/lib/auth/tokens";
import { AppError, apiError, tooManyRequests } from "@/lib/http/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { errorMessage, log } from "@/lib/log";
import type { ApiKeyAdmission, PresentedKey, RateLimitState } from "@/lib/api-traffic/types";

/** The key a credential names, from its text alone: null unless it is a well-formed secret key. */
export function presentedKey(raw: string): PresentedKey | null {
  const parsed = parseKey(raw);
  if (!parsed || parsed.kind !== "secret") return null;
  return { hash: hashKey(raw), id: null, tenantId: null, prefix: keyPrefix("secret", parsed.mode), last4: raw.slice(-4), mode: parsed.mode };
}

const secondsUntil = (msBeforeNext: number) => Math.max(1, Math.ceil(msBeforeNext / 1000));

// Requests without a known address share one bucket: unknown is not a free pass.
const addressBucket = (meta: RequestMeta) => meta.ip ?? "unknown";

/**
 * A limiter that fails must never fail the request: the limit goes unchecked
 * for it, loudly. (The Redis store already falls back to memory; this covers
 * anything else.)
 */
async function safely<T>(what: string, operation: () => Promise<T>): Promise<T | null> {
  try {
    return await operation();
  } catch (error) {
    log.error({ error: errorMessage(error) }, `rate limits: ${what} failed; the request is not limited`);
    return null;
  }
}

function rateLimitState(limit: number, windowSeconds: number, count: WindowCount): RateLimitState {
  return { limit, windowSeconds, remaining: Math.max(0, limit - count.consumed), resetSeconds: secondsUntil(count.msBeforeNext) };
}

function rateLimited(state: RateLimitState): AppError {
  const seconds = state.resetSeconds;
  return new AppError(
    "rate_limited",
    `This API key is over its rate limit of ${state.limit} requests per ${state.windowSeconds === 1 ? "second" : `${state.windowSeconds} seconds`}. Try again in ${seconds} second${seconds === 1 ? "" : "s"}.`,
    { limit: state.limit, window_seconds: state.windowSeconds, retry_after_seconds: seconds },
    { "Retry-After": String(seconds) },
  );
}

/** The key with its id and tenant when an earlier lookup in this process found them. */
function withKnownIds(key: PresentedKey | null): PresentedKey | null {
  const known = key ? cachedKey(key.hash) : undefined;
  return key && known ? { ...key, id: known.keyId, tenantId: known.tenantId } : key;
}

// Bounded like the key cache: a flood of addresses cannot grow it without end.
const MAX_BLOCKED_ADDRESSES = 100_000;

/** The refusal for an address known to be over the failed-authentication limit, or null. */
function addressRefusal(blocked: Map<string, number>, meta: RequestMeta): AppError | null {
  if (blocked.size === 0) return null;
  const address = addressBucket(meta);
  const until = blocked.get(address);
  if (until === undefined) return null;
  const msLeft = until - Date.now();
  if (msLeft <= 0) {
    blocked.delete(address);
    return null;
  }
  return tooManyRequests(secondsUntil(msLeft), "failed authentication attempts from this address");
}

/** Counts a failed authentication; the address is refused from then on once the (shared) count reaches the limit. */
async function countFailure(failedAuth: Counter, blocked: Map<string, number>, meta: RequestMeta): Promise<void> {
  const address = addressBucket(meta);
  const count = await safely("counting a failed authentication", () => failedAuth.hit(address));
  if (!count || count.consumed < FAILED_AUTH_LIMIT) return;
  blocked.delete(address);
  blocked.set(address, Date.now() + count.msBeforeNext);
  if (blocked.size > MAX_BLOCKED_ADDRESSES) blocked.delete(blocked.keys().next().value!);
}

/**
 * Decides whether a platform API request may proceed on the secret key it
 * presents (Authorization: Bearer sk_…), in this order, so that a refused
 * request does no database work:
 *  1. an address with too many failed authentications is refused (429 too_many_requests),
 *     from this process's own record: the store is asked only when a failure is counted;
 *  2. a missing, malformed or publishable credential is refused and counts as a failure;
 *  3. the request is counted against the key (by its hash) and compared with the
 *     limit this process last saw for the key (its mode's default if none yet):
 *     over it, 429 rate_limited;
 *  4. the key is looked up; an unknown, revoked or expired key counts as a failure;
 *  5. the count is compared again with the tenant's real limit.
 */
export async function admitApiKeyRequest(headers: Headers, meta: RequestMeta): Promise<ApiKeyAdmission> {
  const { keys, keyWindowSeconds, failedAuth, blockedAddresses } = apiLimiters();
  const credential = bearerCredential(headers);
  const key = credential ? presentedKey(credential) : null;
  const refuse = (error: AppError, presented: PresentedKey | null = key, rateLimit: RateLimitState | null = null): ApiKeyAdmission => ({
    caller: null,
    error,
    key: presented,
    rateLimit,
  });
  const failed = async (error: AppError): Promise<ApiKeyAdmission> => {
    await countFailure(failedAuth, blockedAddresses, meta);
    return refuse(error);
  };

  const blocked = addressRefusal(blockedAddresses, meta);
  if (blocked) return refuse(blocked, withKnownIds(key));
  if (!credential) return failed(apiError("invalid_api_key", "Send your secret key as Authorization: Bearer sk_…."));
  if (!key) {
    return failed(parseKey(credential)?.kind === "publishable" ? apiError("publishable_key_not_allowed") : apiError("invalid_api_key"));
  }

  const count = await safely("counting a request", () => keys.hit(key.hash));
  if (count) {
    const limit = cachedKey(key.hash)?.limit ?? DEFAULT_RATE_LIMITS[key.mode];
    if (count.consumed > limit) {
      const state = rateLimitState(limit, keyWindowSeconds, count);
      return refuse(rateLimited(state), withKnownIds(key), state);
    }
  }

  let caller: ApiKeyCaller;
  try {
    caller = await authenticateSecretKeyHash(key.hash);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    forgetKey(key.hash);
    if (error.code === "invalid_api_key") return failed(error);
    return refuse(error);
  }
  const limit = effectiveRateLimit(caller.rateLimits, caller.mode);
  rememberKey(key.hash, { keyId: caller.keyId, tenantId: caller.tenant.id, mode: caller.mode, limit });
  const identified = { ...key, id: caller.keyId, tenantId: caller.tenant.id };
  if (!count) return { caller, error: null, key: identified, rateLimit: null };
  const state = rateLimitState(limit, keyWindowSeconds, count);
  if (count.consumed > limit) return refuse(rateLimited(state), identified, state);
  return { caller, error: null, key: identified, rateLimit: state };
}
