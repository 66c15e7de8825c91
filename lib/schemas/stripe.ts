import { z } from "zod";
import { thirdPartyTextSchema } from "@/lib/schemas/text";

export const connectStripeSchema = z.strictObject({});

export const stripeCallbackQuerySchema = z.object({
  state: z.string().max(200).optional(),
  code: z.string().max(500).optional(),
  scope: z.string().max(100).optional(),
  // Stripe's words, stored in the audit log and repeated in the answer: cleaned, not refused.
  error: thirdPartyTextSchema(100).optional(),
  error_description: thirdPartyTextSchema(500).optional(),
});
export type StripeCallbackQuery = z.infer<typeof stripeCallbackQuerySchema>;

export const disconnectStripeSchema = z.strictObject({ confirm: z.boolean().optional() });
export type DisconnectStripeInput = z.infer<typeof disconnectStripeSchema>;
