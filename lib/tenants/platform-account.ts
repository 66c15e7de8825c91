import type { ApiKeyCaller } from "@/lib/api-keys/api-keys";
import { STRIPE_ACCOUNT_STATUS, STRIPE_CONNECTION_STATUS } from "@/lib/statuses";

/**
 * What GET /api/v1/account/ answers to a secret key: the tenant and its
 * Stripe state as last read from Stripe (the key lookup joins the stored
 * connection, so this costs no extra query).
 */
export async function getPlatformAccount(caller: ApiKeyCaller) {
  const stripe = caller.stripe;
  return {
    tenant: caller.tenant,
    mode: caller.mode,
    api_key: { id: caller.keyId },
    stripe: {
      connected: stripe?.status === STRIPE_CONNECTION_STATUS.connected,
      status: stripe?.status ?? STRIPE_ACCOUNT_STATUS.notConnected,
      charges_enabled: stripe?.status === STRIPE_CONNECTION_STATUS.connected && stripe.chargesEnabled,
      payouts_enabled: stripe?.status === STRIPE_CONNECTION_STATUS.connected && stripe.payoutsEnabled,
    },
  };
}
