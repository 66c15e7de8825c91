"use client";

import { useQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { useState } from "react";
import { bucketLabel, PER_BUCKET } from "@/components/api-traffic/bucket-label";
import { Segmented } from "@/components/api-traffic/range-picker";
import { formatMs, formatRate } from "@/components/api-traffic/traffic-filters";
import { Loading, LoadFailed } from "@/components/list/load-states";
import { Card } from "@/components/ui/card";
import { HEALTH_SERIES } from "./health-series";
import { HEALTH_WINDOWS, healthSentence } from "./health-words";
import { fetchStats, STATS_QUERY, type HealthFigures, type HealthWindow, type WebhookStats } from "./queries";

// recharts needs the browser's layout: the server renders the frame, the bars arrive on the client.
const HealthBars = dynamic(() => import("./health-bars"), { ssr: false, loading: () => <div className="h-[160px]" /> });

const WINDOW_KEYS: HealthWindow[] = ["24h", "7d"];

function WindowFigures({ window, figures, locale }: { window: HealthWindow; figures: HealthFigures; locale: string }) {
  const count = new Intl.NumberFormat(locale);
  return (
    <div className="rounded-md border border-zinc-200 p-3" data-testid={`health-${window}`}>
      <p className="text-xs font-medium text-zinc-500">Last {HEALTH_WINDOWS[window].short}</p>
      <p className="mt-1 text-2xl font-semibold tabular-nums text-zinc-900" data-testid={`health-${window}-rate`}>
        {formatRate(figures.success_rate, locale)}
      </p>
      <p className="text-xs text-zinc-500">success rate</p>
      <p className="mt-2 text-sm tabular-nums text-zinc-800" data-testid={`health-${window}-attempts`}>
        <span className="whitespace-nowrap">
          {count.format(figures.attempts)} attempt{figures.attempts === 1 ? "" : "s"}
        </span>
        {figures.failed > 0 ? <span className="whitespace-nowrap text-red-700"> · {count.format(figures.failed)} failed</span> : null}
      </p>
      <p className="text-sm tabular-nums text-zinc-800">
        {formatMs(figures.avg_response_ms, locale)} <span className="text-zinc-500">average response</span>
      </p>
    </div>
  );
}

function Report({ stats, locale }: { stats: WebhookStats; locale: string }) {
  const [shown, setShown] = useState<HealthWindow>("24h");
  const granularity = HEALTH_WINDOWS[shown].granularity;
  const points = stats.series[shown];
  const count = new Intl.NumberFormat(locale);
  return (
    <div className="grid gap-4 md:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
      <div className="grid grid-cols-2 gap-3 self-start">
        {WINDOW_KEYS.map((window) => (
          <WindowFigures key={window} window={window} figures={stats.windows[window]} locale={locale} />
        ))}
      </div>
      <div className="min-w-0">
        <div className="flex flex-wrap items-end justify-between gap-2">
          <Segmented
            name="health-window"
            label="Chart"
            options={WINDOW_KEYS.map((window) => ({ value: window, label: HEALTH_WINDOWS[window].short }))}
            value={shown}
            onChange={setShown}
          />
          <ul className="flex flex-wrap gap-x-3 text-xs text-zinc-600" aria-label="Legend">
            {HEALTH_SERIES.map((series) => (
              <li key={series.key} className="flex items-center gap-1.5">
                <span aria-hidden className={`size-2.5 rounded-sm ${series.swatch}`} />
                {series.label}
              </li>
            ))}
          </ul>
        </div>
        <p className="mt-2 text-sm text-zinc-600" data-testid="health-summary">
          {healthSentence(stats.windows[shown], shown, locale)}
        </p>
        <p className="mt-2 mb-1 text-xs text-zinc-500">Attempts {PER_BUCKET[granularity]}</p>
        <div aria-hidden data-testid="health-chart">
          <HealthBars points={points} granularity={granularity} locale={locale} />
        </div>
        {/* The box is what hides: a table ignores the 1px width sr-only gives it and would widen the page. */}
        <div className="sr-only">
          <table data-testid="health-table">
            <caption>Delivery attempts {PER_BUCKET[granularity]}, periods with attempts</caption>
            <thead>
              <tr>
                <th scope="col">Period</th>
                <th scope="col">Attempts</th>
                <th scope="col">Succeeded</th>
                <th scope="col">Failed</th>
                <th scope="col">Average response</th>
              </tr>
            </thead>
            <tbody>
              {points
                .filter((point) => point.attempts > 0)
                .map((point) => (
                  <tr key={point.start}>
                    <th scope="row">{bucketLabel(point.start, granularity, locale)}</th>
                    <td>{count.format(point.attempts)}</td>
                    <td>{count.format(point.succeeded)}</td>
                    <td>{count.format(point.failed)}</td>
                    <td>{formatMs(point.avg_response_ms, locale)}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      </div>
    </div>
  );
}

/** Success rate, attempts and response times of the endpoint over 24 hours and 7 days. */
export function EndpointHealth({ locale }: { locale: string }) {
  // Attempts finish on their own (retries, workers): keep the figures current while the page is open.
  const query = useQuery({ queryKey: STATS_QUERY, queryFn: fetchStats, refetchInterval: 30_000 });
  return (
    <Card title="Endpoint health" description="Finished delivery attempts to your endpoint, test sends and verification pings included.">
      <div data-testid="endpoint-health-card">
        {query.isPending ? (
          <Loading what="endpoint health" />
        ) : query.isError ? (
          <LoadFailed title="The endpoint's health could not be loaded" message={query.error.message} onRetry={() => void query.refetch()} />
        ) : (
          <Report stats={query.data} locale={locale} />
        )}
      </div>
    </Card>
  );
}
