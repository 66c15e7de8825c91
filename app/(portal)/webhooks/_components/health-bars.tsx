"use client";

// recharts measures the DOM, so this module is only loaded in the browser
// (endpoint-health.tsx imports it with next/dynamic and ssr: false).
import { bucketLabel, tickLabel } from "@/components/api-traffic/bucket-label";
import { formatMs } from "@/components/api-traffic/traffic-filters";
import { StackedBars } from "@/components/charts/stacked-bars";
import { HEALTH_SERIES } from "./health-series";
import type { HealthPoint } from "./queries";

function PointTooltip({ point, granularity, locale }: { point: HealthPoint; granularity: "hour" | "day"; locale: string }) {
  const count = new Intl.NumberFormat(locale);
  return (
    <div className="rounded-md border border-zinc-200 bg-white px-3 py-2 text-sm shadow-lg">
      <p className="font-medium text-zinc-900">{bucketLabel(point.start, granularity, locale)}</p>
      <dl className="mt-1 grid grid-cols-[auto_auto] gap-x-4 tabular-nums">
        <dt className="text-zinc-500">Attempts</dt>
        <dd className="text-right font-medium">{count.format(point.attempts)}</dd>
        {HEALTH_SERIES.map((series) => (
          <div key={series.key} className="contents">
            <dt className="flex items-center gap-1.5 text-zinc-500">
              <span aria-hidden className={`size-2 rounded-sm ${series.swatch}`} />
              {series.label}
            </dt>
            <dd className="text-right">{count.format(point[series.key])}</dd>
          </div>
        ))}
        <dt className="text-zinc-500">Average response</dt>
        <dd className="text-right">{formatMs(point.avg_response_ms, locale)}</dd>
      </dl>
    </div>
  );
}

export default function HealthBars({ points, granularity, locale }: { points: HealthPoint[]; granularity: "hour" | "day"; locale: string }) {
  return (
    <StackedBars
      points={points}
      series={HEALTH_SERIES}
      tick={(start) => tickLabel(start, granularity, locale)}
      tooltip={(point) => <PointTooltip point={point} granularity={granularity} locale={locale} />}
      locale={locale}
      height={160}
      countAxisWidth={36}
    />
  );
}
