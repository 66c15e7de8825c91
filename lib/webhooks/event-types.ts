// The events a tenant's endpoint can receive, with an example `data` for the
// test console. Imported by the page, so it holds no server code.

export type EventTypeInfo = { type: string; description: string; example: Record<string, unknown> };

export const EVENT_TYPES: EventTypeInfo[] = [
  {
    type: "webhook.test",
    description: "Sent only from the test console.",
    example: { message: "Hello from the Tenant Admin Portal" },
  },
  {
    type: "api_keys.regenerated",
    description: "New API keys were issued; the old ones stopped or will stop working.",
    example: { key_type: "test", modes: ["test"], new_key_ids: ["cmkey123"], replaced_count: 2, old_keys_expire_at: "2026-11-27T10:00:00.000Z" },
  },
  {
    type: "api_keys.revoked",
    description: "API keys were revoked in an emergency; no replacement was issued.",
    example: { key_type: "live", modes: ["live"], revoked_count: 2, reason: "Key pasted in a public repository" },
  },
  {
    type: "stripe.account.connected",
    description: "A Stripe account was connected to the tenant.",
    example: { account_id: "acct_123", charges_enabled: true, payouts_enabled: true, details_submitted: true },
  },
  {
    type: "stripe.account.updated",
    description: "Something the tenant sees changed on the connected account (capabilities, requirements).",
    example: { account_id: "acct_123", charges_enabled: false, payouts_enabled: false, details_submitted: true, currently_due: ["external_account"], source: "stripe_event" },
  },
  {
    type: "stripe.account.disconnected",
    description: "The Stripe account was disconnected, by an owner or on Stripe's side.",
    example: { account_id: "acct_123", reason: "disconnected_by_owner" },
  },
];

export const DEFAULT_TEST_EVENT = "webhook.test";
