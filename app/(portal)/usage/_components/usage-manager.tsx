"use client";

import { Loading, LoadFailed } from "@/components/list/load-states";
import { useQuery } from "@tanstack/react-query";
import { RefreshCw } from "lucide-react";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useMemo, type ReactNode } from "react";
import { bucketLabel, PER_BUCKET } from "@/components/api-traffic/bucket-label";
import { KeySelect, useSecretKeys } from "@/components/api-traffic/key-select";
import { OUTCOMES } from "@/components/api-traffic/outcomes";
import { fetchUsage, usageKey } from "@/components/api-traffic/queries";
import { Segmented } from "@/components/api-traffic/range-picker";
import {
  errorRate,
  fillSeries,
  formatMs,
  formatRate,
  requestsHref,
  USAGE_RANGE_KEYS,
  USAGE_RANGES,
  usageViewFromParams,
  usageViewToParams,
  type UsageView,
} from "@/components/api-traffic/traffic-filters";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { ApiKeyView } from "@/lib/api-keys/api-keys";
import type { UsageReport } from "@/lib/schemas/api-traffic";
import { TopRoutes } from "./top-routes";
import { UsageEmpty } from "./usage-empty";

// recharts needs the browser's layout: the server renders the frame, the bars arrive on the client.
const UsageBars = dynamic(() => import("@/components/api-traffic/usage-bars"), {
  ssr: false,
  loading: () => <div className="h-[240px]" />,
});

/** The view lives in the URL (range, key), so a link from the API keys page or a shared URL opens it as it was. */
function useUsageView() {
  const searchParams = useSearchParams();
  const view = useMemo(() => usageViewFromParams(searchParams), [searchParams]);
  const setView = (next: UsageView) => {
    const query = usageViewToParams(next).toString();
    window.history.replaceState(null, "", query ? `/usage?${query}` : "/usage");
  };
  return { view, setView };
}

function Tile({ label, value, detail, href, linkLabel, testId }: { label: string; value: string; detail?: ReactNode; href?: string; linkLabel?: string; testId: string }) {
  return (
    <div className="rounded-lg border border-zinc-200 bg-white p-4 shadow-xs" data-testid={testId}>
      <p className="text-xs font-medium text-zinc-500">{label}</p>
      <p className="mt-1 text-2xl font-semibold tabular-nums text-zinc-900" data-testid={`${testId}-value`}>
        {value}
      </p>
      {detail ? <p className="mt-0.5 text-xs text-zinc-500">{detail}</p> : null}
      {href && linkLabel ? (
        <Link href={href} className="mt-2 inline-block text-sm font-medium text-indigo-600 hover:underline">
          {linkLabel}
        </Link>
      ) : null}
    </div>
  );
}

function summaryLine(report: UsageReport, view: UsageView, locale: string): string {
  const count = new Intl.NumberFormat(locale);
  const t = report.totals;
  return (
    `${count.format(t.requests)} request${t.requests === 1 ? "" : "s"} in ${USAGE_RANGES[view.range].long}: ` +
    `${count.format(t.succeeded)} succeeded, ${count.format(t.client_errors)} client error${t.client_errors === 1 ? "" : "s"}, ` +
    `${count.format(t.rate_limited)} rate-limited, ${count.format(t.server_errors)} server error${t.server_errors === 1 ? "" : "s"}.`
  );
}

function Report({ report, view, locale }: { report: UsageReport; view: UsageView; locale: string }) {
  const points = useMemo(() => fillSeries(report), [report]);
  const count = new Intl.NumberFormat(locale);
  const t = report.totals;
  const key = view.key;
  return (
    <>
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <Tile testId="tile-requests" label="Requests" value={count.format(t.requests)} detail={`${count.format(t.succeeded)} succeeded`} href={requestsHref({ key })} linkLabel="View requests" />
        <Tile
          testId="tile-error-rate"
          label="Error rate"
          value={formatRate(errorRate(t), locale)}
          detail={`${count.format(t.client_errors)} client · ${count.format(t.server_errors)} server`}
          href={requestsHref({ key, status: t.server_errors > 0 && t.client_errors === 0 ? "5xx" : "4xx" })}
          linkLabel="View errors"
        />
        <Tile testId="tile-p95" label="p95 latency" value={formatMs(t.p95_ms, locale)} detail={`p50 ${formatMs(t.p50_ms, locale)} · p99 ${formatMs(t.p99_ms, locale)}`} />
        <Tile
          testId="tile-rate-limited"
          label="Rate-limited"
          value={count.format(t.rate_limited)}
          detail="answered 429"
          href={requestsHref({ key, status: "429" })}
          linkLabel="View 429s"
        />
      </div>

      <Card title="Requests over time" description={`Stacked by outcome, ${PER_BUCKET[report.granularity]}${report.granularity === "day" ? "" : ", in your time zone"}.`}>
        <p className="text-sm text-zinc-600" data-testid="usage-summary">
          {summaryLine(report, view, locale)}
        </p>
        <ul className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-xs text-zinc-600" aria-label="Legend">
          {OUTCOMES.map((outcome) => (
            <li key={outcome.key} className="flex items-center gap-1.5">
              <span aria-hidden className={`size-2.5 rounded-sm ${outcome.swatch}`} />
              {outcome.label}
            </li>
          ))}
        </ul>
        <p className="mt-3 mb-1 text-xs text-zinc-500">Requests {PER_BUCKET[report.granularity]}</p>
        <div aria-hidden data-testid="usage-chart">
          <UsageBars points={points} granularity={report.granularity} locale={locale} />
        </div>
        {/* The box is what hides: a table ignores the 1px width sr-only gives it and would widen the page. */}
        <div className="sr-only">
          <table data-testid="usage-table">
            <caption>Requests {PER_BUCKET[report.granularity]} by outcome, periods with requests</caption>
            <thead>
              <tr>
                <th scope="col">Period</th>
                <th scope="col">Requests</th>
                {OUTCOMES.map((outcome) => (
                  <th key={outcome.key} scope="col">
                    {outcome.label}
                  </th>
                ))}
                <th scope="col">p95 latency</th>
              </tr>
            </thead>
            <tbody>
              {points
                .filter((point) => point.requests > 0)
                .map((point) => (
                  <tr key={point.start}>
                    <th scope="row">{bucketLabel(point.start, report.granularity, locale)}</th>
                    <td>{point.requests}</td>
                    {OUTCOMES.map((outcome) => (
                      <td key={outcome.key}>{point[outcome.key]}</td>
                    ))}
                    <td>{formatMs(point.p95_ms, locale)}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      </Card>

      <TopRoutes routes={report.by_route} locale={locale} keyId={key} />
    </>
  );
}

export function UsageManager({ initialKeys, locale, canOpenKeys }: { initialKeys: { data: ApiKeyView[] }; locale: string; canOpenKeys: boolean }) {
  const { view, setView } = useUsageView();
  const keys = useSecretKeys(initialKeys);
  const query = useQuery({ queryKey: usageKey(view), queryFn: () => fetchUsage(view) });

  return (
    <div className="space-y-6">
      <form role="search" aria-label="Usage range and key" onSubmit={(event) => event.preventDefault()} className="flex flex-wrap items-end gap-3">
        <Segmented
          name="usage-range"
          label="Range"
          options={USAGE_RANGE_KEYS.map((range) => ({ value: range, label: USAGE_RANGES[range].label }))}
          value={view.range}
          onChange={(range) => setView({ ...view, range })}
        />
        <div className="w-full space-y-1 sm:w-64">
          <label htmlFor="usage-key" className="block text-xs font-medium text-zinc-600">
            Key
          </label>
          <KeySelect id="usage-key" keys={keys} value={view.key} onChange={(key) => setView({ range: view.range, ...(key ? { key } : {}) })} />
        </div>
        <Button type="button" variant="secondary" size="sm" className="h-9" onClick={() => void query.refetch()} pending={query.isFetching && !query.isPending}>
          {query.isFetching && !query.isPending ? null : <RefreshCw aria-hidden className="size-4" />}
          Refresh
        </Button>
      </form>

      {query.isPending ? (
        <Loading what="usage" className="h-[240px] py-0" />
      ) : query.isError ? (
        <Card>
          <LoadFailed title="Usage could not be loaded" message={query.error.message} onRetry={() => void query.refetch()} />
        </Card>
      ) : query.data.totals.requests === 0 ? (
        <UsageEmpty view={view} keys={keys} canOpenKeys={canOpenKeys} onWiden={view.range === "30d" && !view.key ? null : () => setView({ range: "30d" })} />
      ) : (
        <Report report={query.data} view={view} locale={locale} />
      )}
    </div>
  );
}
