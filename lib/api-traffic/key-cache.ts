/**
 * What the last successful lookup of a key in this process said about it:
 * which key and tenant it is and the limit it works under. Only the rate
 * limit's pre-check reads it, so a request over the limit is refused before
 * any database read; authentication never does (every admitted request still
 * reads the key, so revocation applies at once, and refreshes this entry).
 */
export type CachedKey = { keyId: string; tenantId: string; limit: number };

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

/** After an operator changes a tenant's limits: its keys' next pre-check uses the new limit. */
export function forgetTenantKeys(tenantId: string): void {
  const map = entries();
  for (const [hash, entry] of map) if (entry.tenantId === tenantId) map.delete(hash);
}
