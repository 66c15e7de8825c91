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
];

export const DEFAULT_TEST_EVENT = "webhook.test";
