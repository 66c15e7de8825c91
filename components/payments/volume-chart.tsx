"use client";

import { useQuery } from "@tanstack/react-query";
import { Loader2 } from "lucide-react";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useMemo, useState } from "react";
import { Card } from "@/components/ui/card";
import type { CurrencyCode } from "@/lib/money/currencies";
import { formatMoney } from "@/lib/money/format";
import { cn } from "@/lib/utils";
import { dayLabel, fillDays } from "./fill-days";
import { firstCurrency, volumeSentence } from "./volume-summary";
import { ModeToggle } from "./mode-toggle";
import { DEFAULT_PAYMENT_MODE, type PaymentMode } from "./payment-filters";
import { fetchPaymentsSummary, paymentsSummaryKey } from "./queries";

// recharts needs the browser's layout: the server renders the frame, the bars arrive on the client.
const VolumeBars = dynamic(() => import("./volume-bars"), {
  ssr: false,
  loading: () => <div className="h-[240px]" />,
});

export function VolumeChart({ locale, defaultCurrency, initialMode = DEFAULT_PAYMENT_MODE }: { locale: string; defaultCurrency: CurrencyCode; initialMode?: PaymentMode }) {
  const [mode, setModeState] = useState<PaymentMode>(initialMode);
  // Kept in the URL as on /payments, so a reload or a shared link shows the same mode.
  const setMode = (next: PaymentMode) => {
    setModeState(next);
    const url = new URL(window.location.href);
    if (next === DEFAULT_PAYMENT_MODE) url.searchParams.delete("mode");
    else url.searchParams.set("mode", next);
    window.history.replaceState(null, "", url);
  };
  const [picked, setPicked] = useState<CurrencyCode | null>(null);
  const query = useQuery({ queryKey: paymentsSummaryKey(mode), queryFn: () => fetchPaymentsSummary(mode) });
  const summary = query.data;
  const currencies = useMemo(() => (summary?.currencies ?? []).filter((entry) => entry.count > 0), [summary]);
  const currency = picked && currencies.some((entry) => entry.currency === picked) ? picked : firstCurrency(currencies, defaultCurrency);
  const totals = currencies.find((entry) => entry.currency === currency);
  const days = useMemo(() => (summary && currency ? fillDays(summary, currency) : []), [summary, currency]);

  return (
    <Card
      className="mt-6"
      title="Volume, last 30 days"
      description="Succeeded payments per UTC day, in each currency on its own: amounts in different currencies are never added up."
      actions={<ModeToggle name="volume-mode" label="Live or test volume" value={mode} onChange={setMode} />}
    >
      <div data-testid="volume-chart">
        {query.isPending ? (
          <div className="flex h-[240px] items-center justify-center gap-2 text-sm text-zinc-500" aria-busy="true">
            <Loader2 aria-hidden className="size-4 animate-spin" />
            Loading volume…
          </div>
        ) : query.isError ? (
          <p className="py-8 text-center text-sm text-red-600" role="alert">
            The volume could not be loaded: {query.error.message}
          </p>
        ) : !currency || !totals ? (
          <div className="py-8 text-center" data-testid="volume-empty">
            <p className="font-medium text-zinc-900">No {mode} payments in the last 30 days</p>
            <p className="mt-1 text-sm text-zinc-500">
              Succeeded payments show up here per day and currency.{" "}
              <Link href={`/payments${mode === "test" ? "?mode=test" : ""}`} className="font-medium text-indigo-600 hover:underline">
                How to create one
              </Link>
            </p>
          </div>
        ) : (
          <>
            <div className="flex flex-wrap gap-2" role="group" aria-label="Currency shown in the chart">
              {currencies.map((entry) => (
                <button
                  key={entry.currency}
                  type="button"
                  aria-pressed={entry.currency === currency}
                  onClick={() => setPicked(entry.currency)}
                  data-testid="volume-currency"
                  data-currency={entry.currency}
                  className={cn(
                    "min-w-36 rounded-md border px-3 py-2 text-left text-sm",
                    entry.currency === currency ? "border-indigo-600 bg-indigo-50" : "border-zinc-200 hover:bg-zinc-50",
                  )}
                >
                  <span className="block text-xs font-medium text-zinc-600">{entry.currency.toUpperCase()}</span>
                  <span className="block text-base font-semibold tabular-nums text-zinc-900">{formatMoney(entry.volume, entry.currency, locale)}</span>
                  <span className="block text-xs tabular-nums text-zinc-600">
                    {formatMoney(entry.fees, entry.currency, locale)} fees · {entry.count} payment{entry.count === 1 ? "" : "s"}
                  </span>
                </button>
              ))}
            </div>
            <p className="mt-3 text-sm text-zinc-600" data-testid="volume-summary">
              {volumeSentence(totals, mode, locale)}
            </p>
            <p className="mt-3 mb-1 text-xs text-zinc-500">Volume per day ({currency.toUpperCase()})</p>
            <div aria-hidden>
              <VolumeBars days={days} currency={currency} locale={locale} />
            </div>
            {/* The box is what hides: a table ignores the 1px width sr-only gives it and would widen the page. */}
            <div className="sr-only">
              <table data-testid="volume-table">
                <caption>
                  Volume per UTC day in {currency.toUpperCase()}, {mode} mode, days with payments
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Day</th>
                    <th scope="col">Volume</th>
                    <th scope="col">Fees</th>
                    <th scope="col">Payments</th>
                  </tr>
                </thead>
                <tbody>
                  {days
                    .filter((day) => day.count > 0)
                    .map((day) => (
                      <tr key={day.date}>
                        <th scope="row">{dayLabel(day.date, locale)}</th>
                        <td>{formatMoney(day.volume, currency, locale)}</td>
                        <td>{formatMoney(day.fees, currency, locale)}</td>
                        <td>{day.count}</td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </div>
    </Card>
  );
}
