import { z } from "zod";
import { humanTextSchema } from "@/lib/schemas/text";

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

export const SUSPENSION_REASON_MAX = 500;

/** POST /platform/tenants/{id}/suspend/: the reason is shown to the tenant's members on every portal page. */
export const suspendTenantBodySchema = z.strictObject({
  reason: humanTextSchema({ min: 3, max: SUSPENSION_REASON_MAX, minMessage: "Give a reason of at least 3 characters.", requiredMessage: "Give a reason." }),
});
export type SuspendTenantBody = z.infer<typeof suspendTenantBodySchema>;
