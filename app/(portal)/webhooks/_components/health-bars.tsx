"use client";

// recharts measures the DOM, so this module is only loaded in the browser
// (endpoint-health.tsx imports it with next/dynamic and ssr: false).
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";
import { bucketLabel, tickLabel } from "@/components/api-traffic/bucket-label";
import { formatMs } from "@/components/api-traffic/traffic-filters";
import type { HealthPoint } from "./queries";

/** The meaning colours: green delivered, red failed. */
export const HEALTH_SERIES = [
  { key: "succeeded", label: "Succeeded", colour: "#10b981", swatch: "bg-emerald-500" },
  { key: "failed", label: "Failed", colour: "#dc2626", swatch: "bg-red-600" },
] as const;

function PointTooltip({ active, payload, granularity, locale }: Pick<TooltipContentProps, "active" | "payload"> & { granularity: "hour" | "day"; locale: string }) {
  const point = payload?.[0]?.payload as HealthPoint | undefined;
  if (!active || !point) return null;
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
    <ResponsiveContainer width="100%" height={160}>
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
          width={36}
          allowDecimals={false}
        />
        <Tooltip cursor={{ fill: "#f4f4f5" }} content={({ active, payload }) => <PointTooltip active={active} payload={payload} granularity={granularity} locale={locale} />} />
        {HEALTH_SERIES.map((series) => (
          <Bar key={series.key} dataKey={series.key} name={series.label} stackId="outcome" fill={series.colour} maxBarSize={28} isAnimationActive={false} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
