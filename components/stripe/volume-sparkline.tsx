"use client";

// recharts measures the DOM, so this module is only loaded in the browser
// (stripe-balance.tsx imports it with next/dynamic and ssr: false).
import { Area, AreaChart, ResponsiveContainer, Tooltip, type TooltipContentProps } from "recharts";
import { dayLabel } from "@/components/payments/fill-days";
import { stripeMoney } from "./stripe-money";

export type VolumePoint = { date: string; amount: number };

function PointTooltip({ active, payload, currency, locale }: Pick<TooltipContentProps, "active" | "payload"> & { currency: string; locale: string }) {
  const point = payload?.[0]?.payload as VolumePoint | undefined;
  if (!active || !point) return null;
  return (
    <div className="rounded-md border border-zinc-200 bg-white px-2.5 py-1.5 text-xs shadow-lg">
      <p className="font-medium text-zinc-900">{dayLabel(point.date, locale)} (UTC)</p>
      <p className="tabular-nums text-zinc-700">{stripeMoney(point.amount, currency, locale)}</p>
    </div>
  );
}

// The accent colour, as the volume chart's bars: volume is neither good nor bad news.
const ACCENT = "var(--color-indigo-600)";

export default function VolumeSparkline({ points, currency, locale }: { points: VolumePoint[]; currency: string; locale: string }) {
  return (
    <ResponsiveContainer width="100%" height={56}>
      <AreaChart data={points} margin={{ top: 4, right: 2, bottom: 2, left: 2 }} accessibilityLayer={false}>
        <Tooltip cursor={{ stroke: "var(--color-zinc-400)" }} content={({ active, payload }) => <PointTooltip active={active} payload={payload} currency={currency} locale={locale} />} />
        <Area type="monotone" dataKey="amount" name="Volume" stroke={ACCENT} strokeWidth={2} fill={ACCENT} fillOpacity={0.12} isAnimationActive={false} />
      </AreaChart>
    </ResponsiveContainer>
  );
}
