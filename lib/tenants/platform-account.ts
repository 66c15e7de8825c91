import type { ApiKeyCaller } from "@/lib/api-keys/api-keys";

/**
 * What GET /api/v1/account/ answers to a secret key. The Stripe block reports
 * "not connected" until the Stripe Connect feature stores connections; it is
 * derived from the tenant, never invented.
 */
export async function getPlatformAccount(caller: ApiKeyCaller) {
  return {
    tenant: caller.tenant,
    mode: caller.mode,
    api_key: { id: caller.keyId },
    stripe: {
      connected: false,
      charges_enabled: false,
      payouts_enabled: false,
    },
  };
}
