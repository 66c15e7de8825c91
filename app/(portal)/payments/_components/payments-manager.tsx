"use client";

import { Loading, LoadFailed } from "@/components/list/load-states";
import { useListUrlState } from "@/components/list/use-list-url-state";
import { useInfiniteQuery } from "@tanstack/react-query";
import { Download } from "lucide-react";
import { useMemo } from "react";
import { filtersFromParams, filtersToParams, isFiltered, type PaymentFilters } from "@/components/payments/payment-filters";
import { exportUrl, fetchPayments, paymentsListKey } from "@/components/payments/queries";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { CurrencyCode } from "@/lib/money/currencies";
import { FiltersBar } from "./filters-bar";
import { PaymentDetailPanel } from "./payment-detail-panel";
import { PaymentsEmpty } from "./payments-empty";
import { PaymentsList } from "./payments-list";

export type PaymentsPageProps = {
  enabledCurrencies: CurrencyCode[];
  defaultCurrency: CurrencyCode;
  /** The viewer's locale, from the request: server and browser format amounts alike. */
  locale: string;
  canRefund: boolean;
  canOpenKeys: boolean;
  canOpenWebhooks: boolean;
};

const LIST_URL = {
  path: "/payments",
  openParam: "payment",
  fromParams: filtersFromParams,
  toParams: (filters: PaymentFilters, open: string | null) => filtersToParams(filters, { payment: open }),
};


export function PaymentsManager(props: PaymentsPageProps) {
  const { filters, openId, setFilters, open, close } = useListUrlState(LIST_URL);

  const query = useInfiniteQuery({
    queryKey: paymentsListKey(filters),
    queryFn: ({ pageParam }) => fetchPayments(filters, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
  const payments = useMemo(() => query.data?.pages.flatMap((page) => page.data) ?? [], [query.data]);

  // The tenant's currencies, plus any a payment or the URL names (a currency disabled later still has payments).
  const currencies = useMemo(() => {
    const seen = new Set<CurrencyCode>(props.enabledCurrencies);
    for (const payment of payments) seen.add(payment.currency);
    if (filters.currency) seen.add(filters.currency);
    return [...seen];
  }, [props.enabledCurrencies, payments, filters.currency]);

  return (
    <div className="space-y-4">
      {filters.mode === "test" ? (
        <p className="rounded-md border border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-900" data-testid="test-mode-note">
          Test mode: payments made with your <span className="font-mono">sk_test_</span> key. No real money moved.
        </p>
      ) : null}
      <Card
        title={filters.mode === "test" ? "Test payments" : "Payments"}
        description="Newest first. Amounts are in each payment's currency; the fee is the platform's."
        actions={
          <Button asChild variant="secondary" size="sm">
            <a href={exportUrl(filters)} download data-testid="export-csv">
              <Download aria-hidden className="size-4" />
              Export CSV
            </a>
          </Button>
        }
      >
        <FiltersBar filters={filters} currencies={currencies} onChange={setFilters} />
        <div className="mt-4">
          {query.isPending ? (
            <Loading what="payments" />
          ) : query.isError && payments.length === 0 ? (
            <LoadFailed title="The payments could not be loaded" message={query.error.message} onRetry={() => void query.refetch()} />
          ) : payments.length === 0 ? (
            <PaymentsEmpty filters={filters} filtered={isFiltered(filters)} onClear={() => setFilters({ mode: filters.mode })} {...props} />
          ) : (
            <PaymentsList payments={payments} locale={props.locale} onOpen={open} />
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
      <PaymentDetailPanel
        paymentId={openId}
        onClose={close}
        locale={props.locale}
        canRefund={props.canRefund}
        canOpenWebhooks={props.canOpenWebhooks}
      />
    </div>
  );
}
