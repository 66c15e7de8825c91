"use client";

import { ModeToggle } from "@/components/payments/mode-toggle";
import { dateRangeProblem, isFiltered, isIsoDay, type PaymentFilters } from "@/components/payments/payment-filters";
import { PAYMENT_STATUS_LABELS } from "@/components/payments/payment-status";
import { Button } from "@/components/ui/button";
import { isSupportedCurrency, type CurrencyCode } from "@/lib/money/currencies";
import { PAYMENT_STATUS, type PaymentStatus } from "@/lib/statuses";

const controlClass =
  "h-9 w-full rounded-md border border-zinc-300 bg-white px-2 text-sm shadow-xs focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/30 focus:outline-none";

/** Status, currency, date range and mode; each change applies at once and lands in the URL. */
export function FiltersBar({ filters, currencies, onChange }: { filters: PaymentFilters; currencies: CurrencyCode[]; onChange: (next: PaymentFilters) => void }) {
  const set = (patch: Partial<PaymentFilters>) => {
    const next: PaymentFilters = { ...filters, ...patch };
    // An emptied field removes the filter rather than sending an empty one.
    for (const key of ["status", "currency", "from", "to"] as const) if (!next[key]) delete next[key];
    onChange(next);
  };
  const problem = dateRangeProblem(filters);

  return (
    <form role="search" aria-label="Filter payments" onSubmit={(event) => event.preventDefault()} className="space-y-2">
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-[repeat(4,minmax(0,1fr))_auto] lg:items-end">
        <div className="space-y-1">
          <label htmlFor="filter-status" className="block text-xs font-medium text-zinc-600">
            Status
          </label>
          <select
            id="filter-status"
            value={filters.status ?? ""}
            onChange={(event) => set({ status: (event.target.value || undefined) as PaymentStatus | undefined })}
            className={controlClass}
          >
            <option value="">All statuses</option>
            {Object.values(PAYMENT_STATUS).map((status) => (
              <option key={status} value={status}>
                {PAYMENT_STATUS_LABELS[status]}
              </option>
            ))}
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor="filter-currency" className="block text-xs font-medium text-zinc-600">
            Currency
          </label>
          <select
            id="filter-currency"
            value={filters.currency ?? ""}
            onChange={(event) => set({ currency: isSupportedCurrency(event.target.value) ? event.target.value : undefined })}
            className={controlClass}
          >
            <option value="">All currencies</option>
            {currencies.map((code) => (
              <option key={code} value={code}>
                {code.toUpperCase()}
              </option>
            ))}
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor="filter-from" className="block text-xs font-medium text-zinc-600">
            From (UTC day)
          </label>
          <input
            id="filter-from"
            type="date"
            value={filters.from ?? ""}
            max={filters.to}
            onChange={(event) => set({ from: isIsoDay(event.target.value) ? event.target.value : undefined })}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? "filter-dates-problem" : undefined}
            className={controlClass}
          />
        </div>
        <div className="space-y-1">
          <label htmlFor="filter-to" className="block text-xs font-medium text-zinc-600">
            To (UTC day)
          </label>
          <input
            id="filter-to"
            type="date"
            value={filters.to ?? ""}
            min={filters.from}
            onChange={(event) => set({ to: isIsoDay(event.target.value) ? event.target.value : undefined })}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? "filter-dates-problem" : undefined}
            className={controlClass}
          />
        </div>
        <div className="col-span-2 flex items-center justify-between gap-3 sm:col-span-2 lg:col-span-1 lg:justify-end">
          <ModeToggle name="payments-mode" label="Live or test payments" value={filters.mode} onChange={(mode) => set({ mode })} />
          {isFiltered(filters) ? (
            <Button type="button" variant="ghost" size="sm" onClick={() => onChange({ mode: filters.mode })}>
              Clear filters
            </Button>
          ) : null}
        </div>
      </div>
      {problem ? (
        <p id="filter-dates-problem" className="text-sm text-red-600" role="alert">
          {problem}
        </p>
      ) : null}
    </form>
  );
}
