"use client";

import { useQuery } from "@tanstack/react-query";
import { AlertTriangle } from "lucide-react";
import dynamic from "next/dynamic";
import Link from "next/link";
import type { ReactNode } from "react";
import { Loading, LoadFailed } from "@/components/list/load-states";
import { filtersToParams } from "@/components/payments/payment-filters";
import { paymentBadge } from "@/components/payments/payment-status";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { RelativeTime } from "@/components/ui/relative-time";
import { apiFetch } from "@/lib/client/api";
import type { StripeOverview } from "@/lib/stripe/account-overview";
import { balanceRows } from "./balance-rows";
import { OpenStripeDashboard } from "./open-stripe-dashboard";
import { staleNotice, volumeSummary } from "./overview-view";
import { stripeMoney } from "./stripe-money";

// recharts needs the browser's layout: the summary line is rendered at once, the sparkline on the client.
const VolumeSparkline = dynamic(() => import("./volume-sparkline"), { ssr: false, loading: () => <div className="h-14" /> });

export const STRIPE_OVERVIEW_QUERY = ["stripe-overview"] as const;

// Rendered only in the browser (the figures are fetched there), so the viewer's own time zone is safe to use.
const exactTime = (iso: string, locale: string) => new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
const day = (iso: string, locale: string) => new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(new Date(iso));

function Section({ title, children, action }: { title: string; children: ReactNode; action?: ReactNode }) {
  return (
    <section className="min-w-0">
      <div className="mb-2 flex items-baseline justify-between gap-3">
        <h3 className="text-sm font-medium text-zinc-900">{title}</h3>
        {action}
      </div>
      {children}
    </section>
  );
}

type Payout = NonNullable<NonNullable<StripeOverview["payouts"]>["next"]>;

function PayoutLine({ label, verb, payout, none, locale, testId }: { label: string; verb: string; payout: Payout | null; none: string; locale: string; testId: string }) {
  return (
    <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-0.5 py-2" data-testid={testId}>
      <dt className="text-zinc-500">{label}</dt>
      {payout ? (
        <dd className="text-right">
          <span className="font-medium tabular-nums text-zinc-900">{stripeMoney(payout.amount, payout.currency, locale)}</span>
          <span className="text-zinc-600">
            {" "}
            · {verb} {day(payout.arrival_date, locale)}
          </span>
        </dd>
      ) : (
        <dd className="text-zinc-500">{none}</dd>
      )}
    </div>
  );
}

function Figures({ overview, locale }: { overview: StripeOverview; locale: string }) {
  const rows = overview.balance ? balanceRows(overview.balance) : [];
  const notice = staleNotice(overview);
  return (
    <div className="space-y-5">
      {notice ? (
        <p role="status" data-testid="stripe-balance-stale" className="flex items-start gap-2 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          <AlertTriangle aria-hidden className="mt-0.5 size-4 shrink-0" />
          <span>{notice}</span>
        </p>
      ) : null}
      <div className="grid gap-6 md:grid-cols-2">
        <Section title="Balance">
          {!overview.balance ? (
            <p className="text-sm text-zinc-500">Not known yet.</p>
          ) : (
            <ul className="grid gap-2 sm:grid-cols-2" data-testid="stripe-balance-currencies">
              {rows.map((row) => (
                <li key={row.currency} className="rounded-md border border-zinc-200 px-3 py-2" data-testid="stripe-balance-currency" data-currency={row.currency}>
                  <p className="text-xs font-medium text-zinc-600">{row.currency.toUpperCase()}</p>
                  <p className="text-lg font-semibold tabular-nums text-zinc-900">
                    {stripeMoney(row.available, row.currency, locale)} <span className="text-xs font-normal text-zinc-500">available</span>
                  </p>
                  <p className="text-sm tabular-nums text-zinc-600">{stripeMoney(row.pending, row.currency, locale)} pending</p>
                </li>
              ))}
            </ul>
          )}
          <dl className="mt-2 divide-y divide-zinc-100 text-sm">
            <PayoutLine label="Next payout" verb="arrives" payout={overview.payouts?.next ?? null} none={overview.payouts ? "None on its way" : "Not known yet"} locale={locale} testId="stripe-next-payout" />
            <PayoutLine label="Last payout" verb="arrived" payout={overview.payouts?.last ?? null} none={overview.payouts ? "None yet" : "Not known yet"} locale={locale} testId="stripe-last-payout" />
          </dl>
        </Section>
        <Section title={`Volume, last 30 days (${overview.volume_30d.currency.toUpperCase()})`}>
          <div aria-hidden>
            <VolumeSparkline points={overview.volume_30d.points} currency={overview.volume_30d.currency} locale={locale} />
          </div>
          <p className="mt-1 text-sm text-zinc-600" data-testid="stripe-volume-summary">
            {volumeSummary(overview.volume_30d.points, overview.volume_30d.currency, locale)}
          </p>
        </Section>
      </div>
      <Section
        title="Latest payments"
        action={
          <Link href="/payments" className="text-sm font-medium text-indigo-600 hover:underline">
            All payments
          </Link>
        }
      >
        {overview.latest_payments.length === 0 ? (
          <p className="text-sm text-zinc-500" data-testid="stripe-latest-payments-empty">
            No payments yet. Your servers create them with a secret key;{" "}
            <Link href="/payments" className="font-medium text-indigo-600 hover:underline">
              see how
            </Link>
            .
          </p>
        ) : (
          <ul className="divide-y divide-zinc-100 text-sm" data-testid="stripe-latest-payments">
            {overview.latest_payments.map((payment) => {
              const badge = paymentBadge(payment);
              const href = `/payments?${filtersToParams({ mode: payment.livemode ? "live" : "test" }, { payment: payment.id })}`;
              return (
                <li key={payment.id} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 py-2" data-testid="stripe-latest-payment">
                  <div className="min-w-0">
                    <Link href={href} className="font-medium tabular-nums text-zinc-900 hover:underline">
                      {stripeMoney(payment.amount, payment.currency, locale)}
                    </Link>{" "}
                    <Badge tone={badge.tone}>{badge.label}</Badge> {payment.livemode ? null : <Badge tone="grey">test</Badge>}
                    <p className="text-xs tabular-nums text-zinc-500">
                      {stripeMoney(payment.application_fee_amount, payment.currency, locale)} fee · {stripeMoney(payment.net_amount, payment.currency, locale)} net
                    </p>
                  </div>
                  <span className="text-xs text-zinc-500">
                    <RelativeTime date={payment.created_at} />
                  </span>
                </li>
              );
            })}
          </ul>
        )}
      </Section>
    </div>
  );
}

/**
 * The tenant's Stripe at a glance: balance and payouts as Stripe last
 * reported them (at most a minute old, or stale with a notice when Stripe
 * could not be reached), the latest payments and a month of volume. For
 * admins and owners, on the dashboard and the Stripe page.
 */
export function StripeBalance({ locale, mode, footer, className }: { locale: string; mode: string | null; footer?: ReactNode; className?: string }) {
  const query = useQuery({
    queryKey: STRIPE_OVERVIEW_QUERY,
    queryFn: () => apiFetch<StripeOverview>("/api/v1/auth/tenants/stripe/overview/"),
    // The portal keeps Stripe's answer for a minute: asking more often shows nothing newer.
    staleTime: 60_000,
  });
  const overview = query.data;
  return (
    <Card
      className={className}
      title="Stripe balance"
      description={
        overview ? (
          <span data-testid="stripe-balance-as-of">
            <span className="font-mono text-xs">{overview.account_id}</span>
            {overview.fetched_at && !overview.stale ? (
              <>
                {" "}
                · as of <time dateTime={overview.fetched_at}>{exactTime(overview.fetched_at, locale)}</time> (<RelativeTime date={overview.fetched_at} />)
              </>
            ) : null}
          </span>
        ) : (
          "What Stripe holds for this account, and what came in lately."
        )
      }
      actions={<OpenStripeDashboard mode={mode} />}
    >
      <div data-testid="stripe-balance">
        {query.isPending ? (
          <Loading what="the balance" className="h-40 py-0" />
        ) : query.isError ? (
          <LoadFailed title="The balance could not be loaded" message={query.error.message} onRetry={() => void query.refetch()} />
        ) : (
          <Figures overview={query.data} locale={locale} />
        )}
      </div>
      {footer ? <div className="mt-5 border-t border-zinc-100 pt-4">{footer}</div> : null}
    </Card>
  );
}
