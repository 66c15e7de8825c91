// The /usage and /requests views kept in the page's URL (so a link from an
// error message, a tile or a route opens the same view), and turned into the
// portal API's queries. Pure: no React, no fetch.
import { STATUS_FILTER_PATTERN, type UsageFigures, type UsageGranularity, type UsagePoint, type UsageReport } from "@/lib/schemas/api-traffic";

export type ParamsLike = URLSearchParams | Record<string, string | string[] | undefined>;

function read(params: ParamsLike, name: string): string | undefined {
  const value = params instanceof URLSearchParams ? params.get(name) : params[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === null || first === undefined || first === "" ? undefined : first;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** The usage ranges, each with the granularity that keeps the chart readable (60, 24, 168 and 30 bars). */
export const USAGE_RANGES = {
  "1h": { label: "1 hour", long: "the last hour", ms: HOUR_MS, granularity: "minute" },
  "24h": { label: "24 hours", long: "the last 24 hours", ms: DAY_MS, granularity: "hour" },
  "7d": { label: "7 days", long: "the last 7 days", ms: 7 * DAY_MS, granularity: "hour" },
  "30d": { label: "30 days", long: "the last 30 days", ms: 30 * DAY_MS, granularity: "day" },
} as const satisfies Record<string, { label: string; long: string; ms: number; granularity: UsageGranularity }>;
export type UsageRange = keyof typeof USAGE_RANGES;
export const USAGE_RANGE_KEYS = Object.keys(USAGE_RANGES) as UsageRange[];
export const DEFAULT_USAGE_RANGE: UsageRange = "24h";

const isUsageRange = (value: string | undefined): value is UsageRange => value !== undefined && value in USAGE_RANGES;

export type UsageView = { range: UsageRange; key?: string };

/** What a URL names; a wrong value is dropped rather than refused, as a hand-edited link deserves. */
export function usageViewFromParams(params: ParamsLike): UsageView {
  const range = read(params, "range");
  const key = read(params, "key");
  return { range: isUsageRange(range) ? range : DEFAULT_USAGE_RANGE, ...(key ? { key } : {}) };
}

export function usageViewToParams(view: UsageView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.range !== DEFAULT_USAGE_RANGE) params.set("range", view.range);
  if (view.key) params.set("key", view.key);
  return params;
}

export function usageHref(view: Partial<UsageView>): string {
  const query = usageViewToParams({ range: view.range ?? DEFAULT_USAGE_RANGE, ...(view.key ? { key: view.key } : {}) }).toString();
  return query ? `/usage?${query}` : "/usage";
}

/** GET /api/v1/auth/tenants/usage/ for a range ending now. */
export function usageApiQuery(view: UsageView, now: number): string {
  const range = USAGE_RANGES[view.range];
  const params = new URLSearchParams({
    from: new Date(now - range.ms).toISOString(),
    to: new Date(now).toISOString(),
    granularity: range.granularity,
  });
  if (view.key) params.set("key_id", view.key);
  return params.toString();
}

const BUCKET_MS: Record<UsageGranularity, number> = { minute: MINUTE_MS, hour: HOUR_MS, day: DAY_MS };

const EMPTY_FIGURES: UsageFigures = {
  requests: 0,
  succeeded: 0,
  client_errors: 0,
  server_errors: 0,
  rate_limited: 0,
  p50_ms: null,
  p95_ms: null,
  p99_ms: null,
};

/**
 * Every bucket of the report's range, zero where nothing was called: a chart
 * that skipped quiet buckets would draw a quiet night as a line between two
 * busy hours. Buckets are UTC minutes, hours or days, as the server counts them.
 */
export function fillSeries(report: Pick<UsageReport, "from" | "to" | "granularity" | "series">): UsagePoint[] {
  const step = BUCKET_MS[report.granularity];
  const from = Date.parse(report.from);
  const to = Date.parse(report.to);
  const byStart = new Map<number, UsagePoint>();
  for (const point of report.series) byStart.set(Date.parse(point.start), point);
  if (Number.isNaN(from) || Number.isNaN(to) || to <= from) return report.series;
  const points: UsagePoint[] = [];
  for (let at = Math.floor(from / step) * step; at < to; at += step) {
    points.push(byStart.get(at) ?? { start: new Date(at).toISOString(), ...EMPTY_FIGURES });
    byStart.delete(at);
  }
  // A bucket the server sent that is off the grid still counts; put it where it belongs.
  if (byStart.size > 0) return [...points, ...byStart.values()].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  return points;
}

/** Client and server errors over all requests (rate-limited requests are counted on their own); null with no requests. */
export function errorRate(figures: Pick<UsageFigures, "requests" | "client_errors" | "server_errors">): number | null {
  if (figures.requests === 0) return null;
  return (figures.client_errors + figures.server_errors) / figures.requests;
}

export function formatRate(rate: number | null, locale: string): string {
  if (rate === null) return "—";
  // Under 1 % the second digit matters ("0.4 %"), above it would be noise.
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: rate > 0 && rate < 0.01 ? 2 : 1 }).format(rate);
}

export function formatMs(ms: number | null, locale: string): string {
  if (ms === null) return "—";
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(ms)} ms`;
}

export const REQUEST_STATUS_FILTERS = ["2xx", "4xx", "5xx", "429"] as const;
export const REQUEST_RANGES = {
  "1h": { label: "Last hour", ms: HOUR_MS },
  "24h": { label: "Last 24 hours", ms: DAY_MS },
  "7d": { label: "Last 7 days", ms: 7 * DAY_MS },
} as const;
export type RequestRange = keyof typeof REQUEST_RANGES;
/** The log keeps 7 days: the widest range is the whole log. */
export const DEFAULT_REQUEST_RANGE: RequestRange = "7d";
const isRequestRange = (value: string | undefined): value is RequestRange => value !== undefined && value in REQUEST_RANGES;

export type RequestFilters = {
  /** A class (4xx) or an exact code (404). */
  status?: string;
  key?: string;
  /** A route template exactly as listed: "GET /v1/account". */
  route?: string;
  mode?: "live" | "test";
  range: RequestRange;
};

export function requestFiltersFromParams(params: ParamsLike): RequestFilters {
  const status = read(params, "status")?.toLowerCase();
  const key = read(params, "key");
  const route = read(params, "route");
  const mode = read(params, "mode");
  const range = read(params, "range");
  return {
    ...(status && STATUS_FILTER_PATTERN.test(status) ? { status } : {}),
    ...(key ? { key } : {}),
    ...(route && route.length <= 200 ? { route } : {}),
    ...(mode === "live" || mode === "test" ? { mode } : {}),
    range: isRequestRange(range) ? range : DEFAULT_REQUEST_RANGE,
  };
}

/** The page's own query string (and the open request), defaults left out so plain /requests stays plain. */
export function requestFiltersToParams(filters: RequestFilters, extra: { request?: string | null } = {}): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.status) params.set("status", filters.status);
  if (filters.key) params.set("key", filters.key);
  if (filters.route) params.set("route", filters.route);
  if (filters.mode) params.set("mode", filters.mode);
  if (filters.range !== DEFAULT_REQUEST_RANGE) params.set("range", filters.range);
  if (extra.request) params.set("request", extra.request);
  return params;
}

export function requestsHref(filters: Partial<RequestFilters>, extra: { request?: string | null } = {}): string {
  const query = requestFiltersToParams({ range: DEFAULT_REQUEST_RANGE, ...filters }, extra).toString();
  return query ? `/requests?${query}` : "/requests";
}

export function isFiltered(filters: RequestFilters): boolean {
  return Boolean(filters.status || filters.key || filters.route || filters.mode || filters.range !== DEFAULT_REQUEST_RANGE);
}

/** GET /api/v1/auth/tenants/requests/: `from` is fixed by the first page, so "Load more" continues the same list. */
export function requestsApiQuery(filters: RequestFilters, page: { from: string; cursor?: string; limit: number }): string {
  const params = new URLSearchParams();
  if (filters.status) params.set("status", filters.status);
  if (filters.key) params.set("key_id", filters.key);
  if (filters.route) params.set("route", filters.route);
  if (filters.mode) params.set("mode", filters.mode);
  params.set("from", page.from);
  params.set("limit", String(page.limit));
  if (page.cursor) params.set("cursor", page.cursor);
  return params.toString();
}

export function rangeStart(range: RequestRange, now: number): string {
  return new Date(now - REQUEST_RANGES[range].ms).toISOString();
}

export type StatusClass = "success" | "client_error" | "rate_limited" | "server_error" | "other";

/** 429 is its own outcome: the key's limit refused it, which is not the request's fault. */
export function statusClass(status: number): StatusClass {
  if (status === 429) return "rate_limited";
  if (status >= 200 && status < 400) return "success";
  if (status >= 400 && status < 500) return "client_error";
  if (status >= 500) return "server_error";
  return "other";
}

/** `sk_test_…abcd`: which key, without pretending to be one. */
export function keyLabel(key: { prefix: string; last4: string }): string {
  return `${key.prefix}…${key.last4}`;
}
