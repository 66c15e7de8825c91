// The rate-limit form's conversions, kept pure so they are tested on their
// own: a field left blank means the platform default (null), anything else
// must be what the API's own schema accepts, checked here before sending.
import type { RateLimitsView } from "@/lib/api-traffic/rate-limits";
import { tenantRateLimitsBodySchema, type TenantRateLimitsBody } from "@/lib/schemas/platform";

export const RATE_LIMIT_FIELDS = ["live_per_second", "test_per_second"] as const;
export type RateLimitField = (typeof RATE_LIMIT_FIELDS)[number];

export type RateLimitFormValues = Record<RateLimitField, string>;
export type RateLimitFormErrors = Partial<Record<RateLimitField | "form", string>>;

/** The form starts from the tenant's own limits: blank where the default applies. */
export function formValuesFromView(view: RateLimitsView): RateLimitFormValues {
  return {
    live_per_second: view.live_is_default ? "" : String(view.live_per_second),
    test_per_second: view.test_is_default ? "" : String(view.test_per_second),
  };
}

/** Blank → null; digits → their number; anything else is passed on as typed, for the schema to refuse with its message. */
function fieldValue(text: string): number | string | null {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  return /^\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
}

type Issue = { path?: readonly PropertyKey[]; message?: string };

/** The schema's messages (the form's own check, or the API's validation_error details) beside the field they name. */
export function placeIssues(issues: readonly Issue[]): RateLimitFormErrors {
  const errors: RateLimitFormErrors = {};
  for (const issue of issues) {
    const field = RATE_LIMIT_FIELDS.find((name) => String(issue.path?.[0]) === name);
    const slot = field ?? "form";
    errors[slot] ??= issue.message ?? "This value is not accepted.";
  }
  return errors;
}

export function bodyFromFormValues(values: RateLimitFormValues): { body: TenantRateLimitsBody; errors: null } | { body: null; errors: RateLimitFormErrors } {
  const result = tenantRateLimitsBodySchema.safeParse({
    live_per_second: fieldValue(values.live_per_second),
    test_per_second: fieldValue(values.test_per_second),
  });
  return result.success ? { body: result.data, errors: null } : { body: null, errors: placeIssues(result.error.issues) };
}
