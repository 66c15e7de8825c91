import { z } from "zod";
import { redactSecrets } from "@/lib/audit/redact";
import { humanTextSchema } from "@/lib/schemas/text";

// Shared by the API key route handlers and the dialogs on /api-keys.

export const keyTypeSchema = z.enum(["live", "test", "all"]);
export type KeyType = z.infer<typeof keyTypeSchema>;

export const MAX_GRACE_HOURS = 168;
export const REVOKE_REASON_MIN = 5;
export const REVOKE_REASON_MAX = 500;

// `confirm` is checked by the service, so that leaving it out answers
// confirmation_required rather than a generic validation error.
export const regenerateApiKeysSchema = z.strictObject({
  key_type: keyTypeSchema,
  confirm: z.boolean().optional(),
  expire_old_in_hours: z.number().int().min(0).max(MAX_GRACE_HOURS).default(0),
});
export type RegenerateApiKeysInput = z.infer<typeof regenerateApiKeysSchema>;

export const revokeApiKeysSchema = z.strictObject({
  key_type: keyTypeSchema,
  reason: humanTextSchema({
    min: REVOKE_REASON_MIN,
    max: REVOKE_REASON_MAX,
    minMessage: `Give a reason of at least ${REVOKE_REASON_MIN} characters.`,
    requiredMessage: "Give a reason: it goes into the audit log.",
    multiline: true,
  })
    // A pasted leaked key is stored as its prefix only (audit log and key list).
    .transform(redactSecrets),
  confirm: z.boolean().optional(),
});
export type RevokeApiKeysInput = z.infer<typeof revokeApiKeysSchema>;

/** The secret keys a person says they stored after the one reveal (sign-up, regeneration). */
export const storedApiKeysSchema = z.strictObject({
  key_ids: z.array(z.string().min(1).max(64)).min(1).max(4),
});
export type StoredApiKeysInput = z.infer<typeof storedApiKeysSchema>;
