"use client";

// recharts measures the DOM, so this module is only loaded in the browser
// (volume-chart.tsx imports it with next/dynamic and ssr: false).
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";
import type { CurrencyCode } from "@/lib/money/currencies";
import { formatMoney, minorToMajor } from "@/lib/money/format";
import { dayLabel, type DayTotals } from "./fill-days";

/** Axis ticks only: short ("€1.2K"); every exact figure is in the tooltip and the table. */
function compactMoney(amount: number, currency: CurrencyCode, locale: string): string {
  const format = new Intl.NumberFormat(locale, { style: "currency", currency: currency.toUpperCase(), notation: "compact", maximumFractionDigits: 1 });
  return format.format(Number(minorToMajor(amount, currency)));
}

function DayTooltip({ active, payload, currency, locale }: Pick<TooltipContentProps, "active" | "payload"> & { currency: CurrencyCode; locale: string }) {
  const day = payload?.[0]?.payload as DayTotals | undefined;
  if (!active || !day) return null;
  return (
    <div className="rounded-md border border-zinc-200 bg-white px-3 py-2 text-sm shadow-lg">
      <p className="font-medium text-zinc-900">{dayLabel(day.date, locale)} (UTC)</p>
      <dl className="mt-1 grid grid-cols-[auto_auto] gap-x-4 tabular-nums">
        <dt className="text-zinc-500">Volume</dt>
        <dd className="text-right">{formatMoney(day.volume, currency, locale)}</dd>
        <dt className="text-zinc-500">Fees</dt>
        <dd className="text-right">{formatMoney(day.fees, currency, locale)}</dd>
        <dt className="text-zinc-500">Payments</dt>
        <dd className="text-right">{day.count}</dd>
      </dl>
    </div>
  );
}

// The accent colour: volume is neither good nor bad news, so no meaning colour.
const ACCENT = "var(--color-indigo-600)";

export default function VolumeBars({ days, currency, locale }: { days: DayTotals[]; currency: CurrencyCode; locale: string }) {
  return (
    <ResponsiveContainer width="100%" height={240}>
      <BarChart data={days} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} accessibilityLayer={false}>
        <CartesianGrid vertical={false} stroke="#e4e4e7" />
        <XAxis
          dataKey="date"
          tickFormatter={(date: string) => dayLabel(date, locale)}
          tick={{ fontSize: 12, fill: "#52525b" }}
          tickLine={false}
          axisLine={{ stroke: "#d4d4d8" }}
          minTickGap={16}
          interval="preserveStartEnd"
        />
        <YAxis
          tickFormatter={(value: number) => compactMoney(value, currency, locale)}
          tick={{ fontSize: 12, fill: "#52525b" }}
          tickLine={false}
          axisLine={false}
          width={72}
          allowDecimals={false}
        />
        <Tooltip cursor={{ fill: "#f4f4f5" }} content={({ active, payload }) => <DayTooltip active={active} payload={payload} currency={currency} locale={locale} />} />
        <Bar dataKey="volume" name="Volume" fill={ACCENT} radius={[3, 3, 0, 0]} maxBarSize={28} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}
