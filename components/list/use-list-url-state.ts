"use client";

import { useSearchParams } from "next/navigation";
import { useMemo } from "react";

type ListUrl<F> = {
  /** The page's path, "/payments". */
  path: string;
  /** The query parameter naming the open item, "payment". */
  openParam: string;
  fromParams: (params: URLSearchParams) => F;
  toParams: (filters: F, open: string | null) => URLSearchParams;
};

/**
 * A list's state is the URL: its filters and the open item live in the query
 * string, so a view can be shared, reloaded, and left with Back. History
 * entries are written directly; Next keeps useSearchParams in step without a
 * server round trip.
 */
export function useListUrlState<F>({ path, openParam, fromParams, toParams }: ListUrl<F>) {
  const searchParams = useSearchParams();
  // fromParams is a module-level function on every page that uses this.
  const filters = useMemo(() => fromParams(searchParams), [searchParams, fromParams]);
  const openId = searchParams.get(openParam);
  const go = (next: F, open: string | null, how: "push" | "replace") => {
    const query = toParams(next, open).toString();
    const url = query ? `${path}?${query}` : path;
    if (how === "push") window.history.pushState(null, "", url);
    else window.history.replaceState(null, "", url);
  };
  return {
    filters,
    openId,
    setFilters: (next: F) => go(next, null, "replace"),
    // Opening an item is a place Back returns from.
    open: (id: string) => go(filters, id, "push"),
    close: () => go(filters, null, "replace"),
  };
}
