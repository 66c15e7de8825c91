"use client";

import { controlClass, KeySelect } from "@/components/api-traffic/key-select";
import { isFiltered, REQUEST_RANGES, REQUEST_STATUS_FILTERS, type RequestFilters, type RequestRange } from "@/components/api-traffic/traffic-filters";
import { Button } from "@/components/ui/button";
import type { ApiKeyView } from "@/lib/api-keys/api-keys";

const STATUS_LABELS: Record<string, string> = { "2xx": "2xx succeeded", "4xx": "4xx client errors", "5xx": "5xx server errors", "429": "429 rate-limited" };
/** Exact codes people look for; any other comes from a link and is added to the list. */
const COMMON_CODES = ["400", "401", "402", "403", "404", "409", "413", "500"];

function Field({ id, label, children }: { id: string; label: string; children: React.ReactNode }) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-xs font-medium text-zinc-600">
        {label}
      </label>
      {children}
    </div>
  );
}

/** Status, key, route, mode and range; each change applies at once and lands in the URL. */
export function RequestFiltersBar({ filters, keys, routes, onChange }: { filters: RequestFilters; keys: ApiKeyView[]; routes: string[]; onChange: (next: RequestFilters) => void }) {
  const set = (patch: Partial<RequestFilters>) => {
    const next: RequestFilters = { ...filters, ...patch };
    // An emptied field removes the filter rather than sending an empty one.
    for (const key of ["status", "key", "route", "mode"] as const) if (!next[key]) delete next[key];
    onChange(next);
  };
  const statuses = [...REQUEST_STATUS_FILTERS, ...COMMON_CODES];
  if (filters.status && !statuses.includes(filters.status)) statuses.push(filters.status);
  const routeChoices = filters.route && !routes.includes(filters.route) ? [filters.route, ...routes] : routes;

  return (
    <form role="search" aria-label="Filter requests" onSubmit={(event) => event.preventDefault()}>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-[repeat(5,minmax(0,1fr))_auto] lg:items-end">
        <Field id="filter-status" label="Status">
          <select id="filter-status" value={filters.status ?? ""} onChange={(event) => set({ status: event.target.value || undefined })} className={controlClass}>
            <option value="">All statuses</option>
            {statuses.map((status) => (
              <option key={status} value={status}>
                {STATUS_LABELS[status] ?? status}
              </option>
            ))}
          </select>
        </Field>
        <Field id="filter-key" label="Key">
          <KeySelect id="filter-key" keys={keys} value={filters.key} onChange={(key) => set({ key })} />
        </Field>
        <Field id="filter-route" label="Route">
          <select id="filter-route" value={filters.route ?? ""} onChange={(event) => set({ route: event.target.value || undefined })} className={controlClass}>
            <option value="">All routes</option>
            {routeChoices.map((route) => (
              <option key={route} value={route}>
                {route}
              </option>
            ))}
          </select>
        </Field>
        <Field id="filter-mode" label="Mode">
          <select id="filter-mode" value={filters.mode ?? ""} onChange={(event) => set({ mode: (event.target.value || undefined) as RequestFilters["mode"] })} className={controlClass}>
            <option value="">Live and test</option>
            <option value="live">Live</option>
            <option value="test">Test</option>
          </select>
        </Field>
        <Field id="filter-range" label="Time">
          <select id="filter-range" value={filters.range} onChange={(event) => set({ range: event.target.value as RequestRange })} className={controlClass}>
            {(Object.keys(REQUEST_RANGES) as RequestRange[]).map((range) => (
              <option key={range} value={range}>
                {REQUEST_RANGES[range].label}
              </option>
            ))}
          </select>
        </Field>
        <div className="flex items-end">
          {isFiltered(filters) ? (
            <Button type="button" variant="ghost" size="sm" className="h-9" onClick={() => onChange({ range: "7d" })}>
              Clear filters
            </Button>
          ) : null}
        </div>
      </div>
    </form>
  );
}
