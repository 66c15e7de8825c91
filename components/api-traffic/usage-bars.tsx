"use client";

// recharts measures the DOM, so this module is only loaded in the browser
// (usage-chart.tsx imports it with next/dynamic and ssr: false).
import { StackedBars } from "@/components/charts/stacked-bars";
import type { UsageGranularity, UsagePoint } from "@/lib/schemas/api-traffic";
import { OUTCOMES } from "./outcomes";
import { bucketLabel, tickLabel } from "./bucket-label";

function BucketTooltip({ point, granularity, locale }: { point: UsagePoint; granularity: UsageGranularity; locale: string }) {
  const count = new Intl.NumberFormat(locale);
  return (
    <div className="rounded-md border border-zinc-200 bg-white px-3 py-2 text-sm shadow-lg">
      <p className="font-medium text-zinc-900">{bucketLabel(point.start, granularity, locale)}</p>
      <dl className="mt-1 grid grid-cols-[auto_auto] gap-x-4 tabular-nums">
        <dt className="text-zinc-500">Requests</dt>
        <dd className="text-right font-medium">{count.format(point.requests)}</dd>
        {OUTCOMES.map((outcome) => (
          <div key={outcome.key} className="contents">
            <dt className="flex items-center gap-1.5 text-zinc-500">
              <span aria-hidden className={`size-2 rounded-sm ${outcome.swatch}`} />
              {outcome.label}
            </dt>
            <dd className="text-right">{count.format(point[outcome.key])}</dd>
          </div>
        ))}
        {point.p95_ms !== null ? (
          <>
            <dt className="text-zinc-500">p95 latency</dt>
            <dd className="text-right">{point.p95_ms} ms</dd>
          </>
        ) : null}
      </dl>
    </div>
  );
}

export default function UsageBars({ points, granularity, locale }: { points: UsagePoint[]; granularity: UsageGranularity; locale: string }) {
  return (
    <StackedBars
      points={points}
      series={OUTCOMES}
      tick={(start) => tickLabel(start, granularity, locale)}
      tooltip={(point) => <BucketTooltip point={point} granularity={granularity} locale={locale} />}
      locale={locale}
      height={240}
    />
  );
}
