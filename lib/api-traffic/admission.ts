import { authenticateApiKey } from "@/lib/api-keys/api-keys";
import { hashKey, keyPrefix, parseKey } from "@/lib/api-keys/key-format";
import { bearerCredential } from "@/lib/auth/tokens";
import { AppError, apiError } from "@/lib/http/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import type { ApiKeyAdmission, PresentedKey } from "@/lib/api-traffic/types";

/** The key a credential names, from its text alone: null unless it is a well-formed secret key. */
export function presentedKey(raw: string): PresentedKey | null {
  const parsed = parseKey(raw);
  if (!parsed || parsed.kind !== "secret") return null;
  return { hash: hashKey(raw), id: null, tenantId: null, prefix: keyPrefix("secret", parsed.mode), last4: raw.slice(-4), mode: parsed.mode };
}

/**
 * Decides whether a platform API request may proceed on the secret key it
 * presents (Authorization: Bearer sk_…).
 */
export async function admitApiKeyRequest(headers: Headers, meta: RequestMeta): Promise<ApiKeyAdmission> {
  void meta;
  const credential = bearerCredential(headers);
  if (!credential) {
    return { caller: null, error: apiError("invalid_api_key", "Send your secret key as Authorization: Bearer sk_…."), key: null, rateLimit: null };
  }
  const key = presentedKey(credential);
  try {
    const caller = await authenticateApiKey(credential);
    return { caller, error: null, key: key && { ...key, id: caller.keyId, tenantId: caller.tenant.id }, rateLimit: null };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { caller: null, error, key: null, rateLimit: null };
  }
}
