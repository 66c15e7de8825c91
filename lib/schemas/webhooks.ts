import { z } from "zod";
import { WEBHOOK_MESSAGE_STATUS } from "@/lib/statuses";

// Shared by the webhook route handlers and the forms on /webhooks.

export const MAX_TEST_PAYLOAD_BYTES = 64 * 1024;

const eventTypeNameSchema = z
  .string()
  .regex(/^[a-z0-9_]+(\.[a-z0-9_]+)+$/, "Use an event type such as webhook.test.")
  .max(100);

export const configureWebhookSchema = z.strictObject({
  // The URL's own rules (https, no credentials, public addresses) are checked by
  // the service, which answers with a code per rule.
  url: z.string().trim().min(1, "Enter the URL of your endpoint."),
  regenerate_secret: z.boolean().optional(),
  // Empty: every event. Absent: the subscription stays as it is (every event on the
  // first configuration). Whether each name is a registered type is the service's
  // check (400 unknown_event_type, naming the unknown ones).
  event_types: z.array(eventTypeNameSchema).max(100).optional(),
  // A signed webhook.test ping to the saved URL, unless false. Saving never fails because the ping does.
  verify: z.boolean().optional(),
});
export type ConfigureWebhookInput = z.infer<typeof configureWebhookSchema>;

export const testWebhookSchema = z.strictObject({
  event_type: eventTypeNameSchema.optional(),
  payload: z
    .record(z.string(), z.unknown())
    .refine((value) => Buffer.byteLength(JSON.stringify(value)) <= MAX_TEST_PAYLOAD_BYTES, "The payload must be at most 64 KB of JSON.")
    .optional(),
});
export type TestWebhookInput = z.infer<typeof testWebhookSchema>;

export const deliveryStatusSchema = z.enum(WEBHOOK_MESSAGE_STATUS);

export const deliveriesQuerySchema = z.strictObject({
  status: deliveryStatusSchema.optional(),
  cursor: z.string().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type DeliveriesQuery = z.infer<typeof deliveriesQuerySchema>;

export const MAX_ROTATION_GRACE_HOURS = 72;

export const rotateWebhookSecretSchema = z.strictObject({
  // 0 replaces the secret at once; otherwise the old one keeps signing (beside the new) until the grace ends.
  grace_hours: z.number().int().min(0).max(MAX_ROTATION_GRACE_HOURS).default(24),
});
export type RotateWebhookSecretInput = z.infer<typeof rotateWebhookSecretSchema>;

/** How far back a recovery may reach: messages older than this are past the retry horizon. */
export const RECOVERY_MAX_AGE_DAYS = 14;

export const recoverWebhooksSchema = z
  .strictObject({
    since: z.iso.datetime({ offset: true }),
    until: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((input) => Date.parse(input.since) >= Date.now() - RECOVERY_MAX_AGE_DAYS * 86_400_000, {
    path: ["since"],
    message: `Recovery reaches back at most ${RECOVERY_MAX_AGE_DAYS} days.`,
  })
  .refine((input) => !input.until || Date.parse(input.until) > Date.parse(input.since), {
    path: ["until"],
    message: "until must be after since.",
  });
export type RecoverWebhooksInput = z.infer<typeof recoverWebhooksSchema>;
