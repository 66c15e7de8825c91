import type { KeyMode } from "@/lib/api-keys/key-format";
import { effectiveRateLimit, type TenantRateLimits } from "@/lib/api-traffic/rate-limits";

/**
 * What the last successful lookup of a key in this process said about it:
 * which key and tenant it is and the limit it works under. Only the rate
 * limit's pre-check reads it, so a request over the limit is refused before
 * any database read; authentication never does (every admitted request still
 * reads the key, so revocation applies at once, and refreshes this entry).
 */
export type CachedKey = { keyId: string; tenantId: string; mode: KeyMode; limit: number };

// Bounded: an entry per key that authenticated recently; the oldest go first.
const MAX_ENTRIES = 10_000;

const shared = globalThis as typeof globalThis & { __portalKeyLimitCache?: Map<string, CachedKey> };

function entries(): Map<string, CachedKey> {
  shared.__portalKeyLimitCache ??= new Map();
  return shared.__portalKeyLimitCache;
}

export function cachedKey(hash: string): CachedKey | undefined {
  return entries().get(hash);
}

export function rememberKey(hash: string, entry: CachedKey): void {
  const map = entries();
  map.delete(hash);
  map.set(hash, entry);
  if (map.size > MAX_ENTRIES) map.delete(map.keys().next().value!);
}

export function forgetKey(hash: string): void {
  entries().delete(hash);
}

/**
 * After an operator changes a tenant's limits: its keys' next pre-check in
 * this process uses the new limit (other processes pick it up with their next
 * lookup of the key, which reads the limit every time).
 */
export function applyTenantLimits(tenantId: string, limits: TenantRateLimits): void {
  for (const entry of entries().values()) {
    if (entry.tenantId === tenantId) entry.limit = effectiveRateLimit(limits, entry.mode);
  }
}
