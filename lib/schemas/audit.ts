import { z } from "zod";
import { AUDIT_ACTION_NAMES, AUDIT_SEVERITY, TENANT_AUDIT_CATEGORIES } from "@/lib/audit/actions";

/** Who acted, when it was nobody signed in: what `actor` accepts besides a user's id. */
export const AUDIT_ACTOR_KINDS = ["system", "stripe", "anonymous"] as const;
export type AuditActorKind = (typeof AUDIT_ACTOR_KINDS)[number];

const SEVERITIES = Object.values(AUDIT_SEVERITY) as [string, ...string[]];

// A UTC day (the whole day) or an exact moment: a person picks days, a script may want the minute.
const dateBound = z.union([z.iso.date(), z.iso.datetime({ offset: true })], {
  error: "Use a day such as 2026-11-01 or an ISO 8601 date-time such as 2026-11-01T09:30:00Z.",
});

/** The start of the moment or day `from` names, and the last millisecond of the day or the moment `to` names. */
export function dateBoundStart(value: string): Date {
  return new Date(value.length === 10 ? `${value}T00:00:00.000Z` : value);
}
export function dateBoundEnd(value: string): Date {
  return new Date(value.length === 10 ? `${value}T23:59:59.999Z` : value);
}

/** What narrows the log: the list, its CSV export and the page's form all take these. */
export const auditLogFilterFields = {
  // Only registered names: a typo answers 400 instead of an empty list that looks like "nothing happened".
  action: z.enum(AUDIT_ACTION_NAMES, { error: "Use a registered action name such as auth.signed_in." }).optional(),
  category: z.enum(TENANT_AUDIT_CATEGORIES, { error: `category is one of ${TENANT_AUDIT_CATEGORIES.join(", ")}.` }).optional(),
  severity: z.enum(SEVERITIES, { error: `severity is one of ${SEVERITIES.join(", ")}.` }).optional(),
  actor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, `actor is a user's id or one of ${AUDIT_ACTOR_KINDS.join(", ")}.`)
    .optional(),
  from: dateBound.optional(),
  to: dateBound.optional(),
  q: z.string().trim().min(1, "q needs at least one character.").max(200, "q is at most 200 characters.").optional(),
};

const rangeInOrder = (value: { from?: string; to?: string }) =>
  !value.from || !value.to || dateBoundStart(value.from).getTime() <= dateBoundEnd(value.to).getTime();
const rangeProblem = { message: "from is after to.", path: ["from"] };

export const auditLogQuerySchema = z
  .strictObject({
    ...auditLogFilterFields,
    cursor: z.string().min(1).max(64).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(25),
  })
  .refine(rangeInOrder, rangeProblem);
export type AuditLogQuery = z.infer<typeof auditLogQuerySchema>;

/** GET /api/v1/auth/tenants/audit-logs/export/: the list's filters, every page. */
export const auditLogExportQuerySchema = z.strictObject(auditLogFilterFields).refine(rangeInOrder, rangeProblem);
export type AuditLogFilters = z.infer<typeof auditLogExportQuerySchema>;
