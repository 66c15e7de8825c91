import { apiFetch } from "@/lib/client/api";
import type { ApiRequestLogEntry, ApiRequestLogPage, UsageReport } from "@/lib/schemas/api-traffic";
import { rangeStart, requestsApiQuery, usageApiQuery, type RequestFilters, type UsageView } from "./traffic-filters";

export const USAGE_PATH = "/api/v1/auth/tenants/usage/";
export const REQUESTS_PATH = "/api/v1/auth/tenants/requests/";
/** Everything cached about API traffic sits under this key. */
export const TRAFFIC_QUERY = ["api-traffic"] as const;
export const REQUESTS_PAGE_SIZE = 25;

export const usageKey = (view: UsageView) => [...TRAFFIC_QUERY, "usage", view] as const;
export const requestsListKey = (filters: RequestFilters) => [...TRAFFIC_QUERY, "requests", filters] as const;
export const requestDetailKey = (id: string) => [...TRAFFIC_QUERY, "request", id] as const;
export const keyRequests24hKey = [...TRAFFIC_QUERY, "keys-24h"] as const;
export const routesSeenKey = [...TRAFFIC_QUERY, "routes-7d"] as const;

/** A range always ends at the moment it is fetched: a refresh moves it on. */
export const fetchUsage = (view: UsageView) => apiFetch<UsageReport>(`${USAGE_PATH}?${usageApiQuery(view, Date.now())}`);

/** Requests per key over the last 24 hours, for the API keys table: one call for every key. */
export const fetchKeyRequests24h = () => fetchUsage({ range: "24h" });

/** The routes called in the last 7 days, busiest first: the choices of the route filter. */
export const fetchRoutesSeen = () => fetchUsage({ range: "7d" });

export type RequestsPage = ApiRequestLogPage & { from: string };

/** The first page fixes where the range starts; later pages carry it so the list does not shift under "Load more". */
export const fetchRequests = async (filters: RequestFilters, page: { from?: string; cursor?: string }) => {
  const from = page.from ?? rangeStart(filters.range, Date.now());
  const answer = await apiFetch<ApiRequestLogPage>(`${REQUESTS_PATH}?${requestsApiQuery(filters, { from, cursor: page.cursor, limit: REQUESTS_PAGE_SIZE })}`);
  return { ...answer, from } satisfies RequestsPage;
};

export const fetchRequest = (id: string) => apiFetch<ApiRequestLogEntry>(`${REQUESTS_PATH}${encodeURIComponent(id)}/`);
