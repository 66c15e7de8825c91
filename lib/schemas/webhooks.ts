import { z } from "zod";
import { WEBHOOK_MESSAGE_STATUS } from "@/lib/statuses";

// Shared by the webhook route handlers and the forms on /webhooks.

export const MAX_TEST_PAYLOAD_BYTES = 64 * 1024;

export const configureWebhookSchema = z.strictObject({
  // The URL's own rules (https, no credentials, public addresses) are checked by
  // the service, which answers with a code per rule.
  url: z.string().trim().min(1, "Enter the URL of your endpoint."),
  regenerate_secret: z.boolean().optional(),
});
export type ConfigureWebhookInput = z.infer<typeof configureWebhookSchema>;

export const testWebhookSchema = z.strictObject({
  event_type: z
    .string()
    .regex(/^[a-z0-9_]+(\.[a-z0-9_]+)+$/, "Use an event type such as webhook.test.")
    .max(100)
    .optional(),
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
