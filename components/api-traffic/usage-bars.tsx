"use client";

// recharts measures the DOM, so this module is only loaded in the browser
// (usage-chart.tsx imports it with next/dynamic and ssr: false).
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";
import type { UsageGranularity, UsagePoint } from "@/lib/schemas/api-traffic";
import { OUTCOMES } from "./outcomes";
import { bucketLabel, tickLabel } from "./bucket-label";

function BucketTooltip({ active, payload, granularity, locale }: Pick<TooltipContentProps, "active" | "payload"> & { granularity: UsageGranularity; locale: string }) {
  const point = payload?.[0]?.payload as UsagePoint | undefined;
  if (!active || !point) return null;
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
    <ResponsiveContainer width="100%" height={240}>
      <BarChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} accessibilityLayer={false} barCategoryGap="15%">
        <CartesianGrid vertical={false} stroke="#e4e4e7" />
        <XAxis
          dataKey="start"
          tickFormatter={(start: string) => tickLabel(start, granularity, locale)}
          tick={{ fontSize: 12, fill: "#52525b" }}
          tickLine={false}
          axisLine={{ stroke: "#d4d4d8" }}
          minTickGap={24}
          interval="preserveStartEnd"
        />
        <YAxis
          tickFormatter={(value: number) => new Intl.NumberFormat(locale, { notation: "compact" }).format(value)}
          tick={{ fontSize: 12, fill: "#52525b" }}
          tickLine={false}
          axisLine={false}
          width={44}
          allowDecimals={false}
        />
        <Tooltip cursor={{ fill: "#f4f4f5" }} content={({ active, payload }) => <BucketTooltip active={active} payload={payload} granularity={granularity} locale={locale} />} />
        {OUTCOMES.map((outcome) => (
          <Bar
            key={outcome.key}
            dataKey={outcome.key}
            name={outcome.label}
            stackId="outcome"
            fill={outcome.colour}
            maxBarSize={28}
            isAnimationActive={false}
          />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
