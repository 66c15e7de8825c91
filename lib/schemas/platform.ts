import { z } from "zod";
import { humanTextSchema } from "@/lib/schemas/text";
import { MAX_RATE_LIMIT, MIN_RATE_LIMIT } from "@/lib/api-traffic/rate-limits";

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

/** One mode's limit as an operator sets it: requests per second, or null for the platform default. */
const rateLimitFieldSchema = (mode: string) =>
  z
    .int({ error: `Give the ${mode} limit as a whole number of requests per second, or null for the platform default.` })
    .min(MIN_RATE_LIMIT, { error: `The ${mode} limit must be at least ${MIN_RATE_LIMIT} request per second.` })
    .max(MAX_RATE_LIMIT, { error: `The ${mode} limit can be at most ${MAX_RATE_LIMIT} requests per second.` })
    .nullable();

/** PUT /platform/tenants/{id}/rate-limits/: both modes, each a number or null (the platform default). */
export const tenantRateLimitsBodySchema = z.strictObject({
  live_per_second: rateLimitFieldSchema("live"),
  test_per_second: rateLimitFieldSchema("test"),
});
export type TenantRateLimitsBody = z.infer<typeof tenantRateLimitsBodySchema>;
