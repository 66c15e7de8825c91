import { z } from "zod";

export const platformTenantsQuerySchema = z.strictObject({
  // Blank means no search: a cleared search box lists everyone.
  q: z
    .string()
    .max(100)
    .transform((q) => q.trim().normalize("NFC"))
    .optional(),
  cursor: z.string().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type PlatformTenantsQuery = z.infer<typeof platformTenantsQuerySchema>;
