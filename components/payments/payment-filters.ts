// The /payments filters, kept in the page's URL so a filtered view can be
// shared and reloaded, and turned into the portal API's query. Pure: the page
// reads them on the server, the client island on every change.
import { isSupportedCurrency, type CurrencyCode } from "@/lib/money/currencies";
import { PAYMENT_STATUS, type PaymentStatus } from "@/lib/statuses";

export const PAYMENT_MODES = ["live", "test"] as const;
export type PaymentMode = (typeof PAYMENT_MODES)[number];

/** Live unless the URL says test: a person looking at real money should not have to ask for it. */
export const DEFAULT_PAYMENT_MODE: PaymentMode = "live";

export type PaymentFilters = {
  status?: PaymentStatus;
  currency?: CurrencyCode;
  /** First UTC day included, YYYY-MM-DD. */
  from?: string;
  /** Last UTC day included, YYYY-MM-DD. */
  to?: string;
  mode: PaymentMode;
};

export type ParamsLike = URLSearchParams | Record<string, string | string[] | undefined>;

function read(params: ParamsLike, name: string): string | undefined {
  const value = params instanceof URLSearchParams ? params.get(name) : params[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === null || first === undefined || first === "" ? undefined : first;
}

/** A real calendar day written YYYY-MM-DD (2026-02-30 is not one). */
export function isIsoDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

const STATUSES = Object.values(PAYMENT_STATUS) as string[];

/** The filters a URL names; anything it names wrongly is dropped rather than refused, as a hand-edited link deserves. */
export function filtersFromParams(params: ParamsLike): PaymentFilters {
  const status = read(params, "status");
  const currency = read(params, "currency")?.toLowerCase();
  const from = read(params, "from");
  const to = read(params, "to");
  const mode = read(params, "mode");
  return {
    ...(status && STATUSES.includes(status) ? { status: status as PaymentStatus } : {}),
    ...(currency && isSupportedCurrency(currency) ? { currency } : {}),
    ...(from && isIsoDay(from) ? { from } : {}),
    ...(to && isIsoDay(to) ? { to } : {}),
    mode: mode === "test" ? "test" : DEFAULT_PAYMENT_MODE,
  };
}

/** The page's own query string for these filters (and the open payment), defaults left out so plain /payments stays plain. */
export function filtersToParams(filters: PaymentFilters, extra: { payment?: string | null } = {}): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.status) params.set("status", filters.status);
  if (filters.currency) params.set("currency", filters.currency);
  if (filters.from) params.set("from", filters.from);
  if (filters.to) params.set("to", filters.to);
  if (filters.mode !== DEFAULT_PAYMENT_MODE) params.set("mode", filters.mode);
  if (extra.payment) params.set("payment", extra.payment);
  return params;
}

/** The start of a UTC day and its last millisecond, as the API's created_gte / created_lte take them. */
export const dayStart = (day: string) => `${day}T00:00:00.000Z`;
export const dayEnd = (day: string) => `${day}T23:59:59.999Z`;

/** The portal API's query for the list and the CSV export: the same filters, so the file holds what the list shows. */
export function filtersToApiQuery(filters: PaymentFilters, page: { cursor?: string; limit?: number } = {}): string {
  const params = new URLSearchParams();
  if (filters.status) params.set("status", filters.status);
  if (filters.currency) params.set("currency", filters.currency);
  if (filters.from) params.set("created_gte", dayStart(filters.from));
  if (filters.to) params.set("created_lte", dayEnd(filters.to));
  params.set("mode", filters.mode);
  if (page.limit) params.set("limit", String(page.limit));
  if (page.cursor) params.set("cursor", page.cursor);
  return params.toString();
}

/** Whether anything narrows the list beyond the mode (the empty state then offers to clear it). */
export function isFiltered(filters: PaymentFilters): boolean {
  return Boolean(filters.status || filters.currency || filters.from || filters.to);
}

/** A date range that cannot hold anything, said in words; null when it is fine. */
export function dateRangeProblem(filters: Pick<PaymentFilters, "from" | "to">): string | null {
  return filters.from && filters.to && filters.from > filters.to ? "The start date is after the end date." : null;
}
