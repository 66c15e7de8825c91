import { z } from "zod";

export const auditLogQuerySchema = z.strictObject({
  action: z
    .string()
    .regex(/^[a-z_]+(\.[a-z_]+)+$/, "Use an action name such as auth.signed_in.")
    .optional(),
  cursor: z.string().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type AuditLogQuery = z.infer<typeof auditLogQuerySchema>;
