import { z } from "zod";

export const connectStripeSchema = z.strictObject({});

export const stripeCallbackQuerySchema = z.object({
  state: z.string().max(200).optional(),
  code: z.string().max(500).optional(),
  scope: z.string().max(100).optional(),
  error: z.string().max(100).optional(),
  error_description: z.string().max(1000).optional(),
});
export type StripeCallbackQuery = z.infer<typeof stripeCallbackQuerySchema>;

export const disconnectStripeSchema = z.strictObject({ confirm: z.boolean().optional() });
export type DisconnectStripeInput = z.infer<typeof disconnectStripeSchema>;
