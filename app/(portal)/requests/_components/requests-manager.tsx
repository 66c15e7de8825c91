"use client";

import { Loading, LoadFailed } from "@/components/list/load-states";
import { useListUrlState } from "@/components/list/use-list-url-state";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useMemo } from "react";
import { useSecretKeys } from "@/components/api-traffic/key-select";
import { fetchRequests, fetchRoutesSeen, requestsListKey, routesSeenKey } from "@/components/api-traffic/queries";
import {
  DEFAULT_REQUEST_RANGE,
  isFiltered,
  REQUEST_RANGES,
  requestFiltersFromParams,
  requestFiltersToParams,
  type RequestFilters,
} from "@/components/api-traffic/traffic-filters";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { ApiKeyView } from "@/lib/api-keys/api-keys";
import { RequestDetailPanel } from "./request-detail";
import { RequestFiltersBar } from "./request-filters-bar";
import { RequestList } from "./request-list";
import { RequestSearch } from "./request-search";

const LIST_URL = {
  path: "/requests",
  openParam: "request",
  fromParams: requestFiltersFromParams,
  toParams: (filters: RequestFilters, open: string | null) => requestFiltersToParams(filters, { request: open }),
};


function Empty({ filters, onClear, canOpenUsage }: { filters: RequestFilters; onClear: () => void; canOpenUsage: boolean }) {
  if (isFiltered(filters)) {
    return (
      <div className="py-8 text-center" data-testid="requests-empty-filtered">
        <p className="font-medium text-zinc-900">No requests match these filters</p>
        <p className="mt-1 text-sm text-zinc-500">
          {filters.range !== DEFAULT_REQUEST_RANGE ? `Nothing in the ${REQUEST_RANGES[filters.range].label.toLowerCase()}. ` : ""}Widen the time range or pick another status, key or route.
        </p>
        <Button className="mt-4" size="sm" variant="secondary" onClick={onClear}>
          Clear filters
        </Button>
      </div>
    );
  }
  return (
    <div className="py-8 text-center" data-testid="requests-empty">
      <p className="font-medium text-zinc-900">No requests in the last 7 days</p>
      <p className="mx-auto mt-1 max-w-lg text-sm text-zinc-500">
        Every call your servers make to the platform API with a secret key is listed here within a few seconds, with the id its{" "}
        <code className="font-mono">Request-Id</code> header carried.{" "}
        {canOpenUsage ? (
          <Link href="/usage" className="font-medium text-indigo-600 hover:underline">
            How to make a first call
          </Link>
        ) : null}
      </p>
    </div>
  );
}

export function RequestsManager({ initialKeys, locale, canOpenUsage }: { initialKeys: { data: ApiKeyView[] }; locale: string; canOpenUsage: boolean }) {
  const { filters, openId, setFilters, open, close } = useListUrlState(LIST_URL);
  const keys = useSecretKeys(initialKeys);
  const routesQuery = useQuery({ queryKey: routesSeenKey, queryFn: fetchRoutesSeen });
  const routes = useMemo(() => (routesQuery.data?.by_route ?? []).map((route) => route.route).sort(), [routesQuery.data]);

  const query = useInfiniteQuery({
    queryKey: requestsListKey(filters),
    queryFn: ({ pageParam }) => fetchRequests(filters, pageParam),
    initialPageParam: {} as { from?: string; cursor?: string },
    getNextPageParam: (last) => (last.next_cursor ? { from: last.from, cursor: last.next_cursor } : undefined),
  });
  const entries = useMemo(() => query.data?.pages.flatMap((page) => page.data) ?? [], [query.data]);

  return (
    <div className="space-y-4">
      <Card
        title="Request log"
        description="Newest first. Times in your time zone; the log keeps 7 days."
        actions={<RequestSearch onOpen={open} />}
      >
        <RequestFiltersBar filters={filters} keys={keys} routes={routes} onChange={setFilters} />
        <div className="mt-4">
          {query.isPending ? (
            <Loading what="requests" />
          ) : query.isError && entries.length === 0 ? (
            <LoadFailed title="The requests could not be loaded" message={query.error.message} onRetry={() => void query.refetch()} />
          ) : entries.length === 0 ? (
            <Empty filters={filters} onClear={() => setFilters({ range: DEFAULT_REQUEST_RANGE })} canOpenUsage={canOpenUsage} />
          ) : (
            <RequestList entries={entries} locale={locale} onOpen={open} />
          )}
        </div>
        {query.hasNextPage ? (
          <div className="mt-4 text-center">
            <Button variant="secondary" size="sm" onClick={() => void query.fetchNextPage()} pending={query.isFetchingNextPage}>
              Load more
            </Button>
          </div>
        ) : null}
        {query.isFetchNextPageError ? (
          <p className="mt-3 text-center text-sm text-red-600" role="alert">
            {query.error?.message}
          </p>
        ) : null}
      </Card>
      <RequestDetailPanel requestId={openId} onClose={close} locale={locale} />
    </div>
  );
}
