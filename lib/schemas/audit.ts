import { z } from "zod";
import { AUDIT_ACTION_NAMES } from "@/lib/audit/actions";

export const auditLogQuerySchema = z.strictObject({
  // Only registered names: a typo answers 400 instead of an empty list that looks like "nothing happened".
  action: z.enum(AUDIT_ACTION_NAMES, { error: "Use a registered action name such as auth.signed_in." }).optional(),
  cursor: z.string().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type AuditLogQuery = z.infer<typeof auditLogQuerySchema>;
