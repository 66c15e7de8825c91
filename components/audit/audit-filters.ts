// The /audit-log filters, kept in the page's URL so a filtered view can be
// shared and reloaded, and turned into the API's query for the CSV export.
// Pure: the page reads them on the server, the filter form on every change.
import { auditLogFilterFields, dateBoundEnd, dateBoundStart, type AuditLogFilters } from "@/lib/schemas/audit";

export type ParamsLike = URLSearchParams | Record<string, string | string[] | undefined>;

/** The filters in the order the URL and the export write them. */
export const AUDIT_FILTER_KEYS = ["q", "actor", "category", "action", "severity", "from", "to"] as const satisfies readonly (keyof AuditLogFilters)[];

function read(params: ParamsLike, name: string): string | undefined {
  const value = params instanceof URLSearchParams ? params.get(name) : params[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === null || first === undefined || first.trim() === "" ? undefined : first;
}

/**
 * The filters a URL names. Each is checked on its own, as the API would check
 * it, and one named wrongly is dropped rather than refused, as a hand-edited
 * link deserves; a range that ends before it starts is kept to be shown
 * with its problem, and left out of the query.
 */
export function auditFiltersFromParams(params: ParamsLike): AuditLogFilters {
  const filters: Record<string, string> = {};
  for (const key of AUDIT_FILTER_KEYS) {
    const parsed = auditLogFilterFields[key].safeParse(read(params, key));
    if (parsed.success && parsed.data !== undefined) filters[key] = parsed.data;
  }
  return filters as AuditLogFilters;
}

/** A date range that cannot hold anything, said in words; null when it is fine. */
export function auditDateRangeProblem(filters: Pick<AuditLogFilters, "from" | "to">): string | null {
  return filters.from && filters.to && dateBoundStart(filters.from).getTime() > dateBoundEnd(filters.to).getTime() ? "The start date is after the end date." : null;
}

/** What the list and the export are asked for: the filters, without a range that cannot hold anything. */
export function auditQueryFilters(filters: AuditLogFilters): AuditLogFilters {
  if (!auditDateRangeProblem(filters)) return filters;
  const { from: _from, to: _to, ...rest } = filters;
  return rest;
}

/** The page's query string (or the export's, without `extra`): set filters only, so plain /audit-log stays plain. */
export function auditFiltersToParams(filters: AuditLogFilters, extra: { cursor?: string | null; entry?: string | null } = {}): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of AUDIT_FILTER_KEYS) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  if (extra.cursor) params.set("cursor", extra.cursor);
  if (extra.entry) params.set("entry", extra.entry);
  return params;
}

/** A path with its query string, or the bare path when there is none. */
export function withQuery(path: string, params: URLSearchParams): string {
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

export function isAuditFiltered(filters: AuditLogFilters): boolean {
  return AUDIT_FILTER_KEYS.some((key) => Boolean(filters[key]));
}

/** The CSV of what the list shows: the same filters, every page. */
export const auditExportUrl = (filters: AuditLogFilters) => withQuery("/api/v1/auth/tenants/audit-logs/export/", auditFiltersToParams(auditQueryFilters(filters)));
