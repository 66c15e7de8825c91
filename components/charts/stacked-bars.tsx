"use client";

// recharts measures the DOM, so the modules that draw with this are only
// loaded in the browser (their callers import them with next/dynamic and ssr: false).
import type { ReactNode } from "react";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type BarSeries<K extends string> = { key: K; label: string; colour: string };

/**
 * Counts over time, one bar a period, stacked by series (in the meaning
 * colours the caller gives), with a compact count axis and the caller's
 * tooltip for the exact figures.
 */
export function StackedBars<P extends { start: string }, K extends string & keyof P>({
  points,
  series,
  tick,
  tooltip,
  locale,
  height,
  countAxisWidth = 44,
}: {
  points: P[];
  series: readonly BarSeries<K>[];
  /** An axis tick's label for a period's start. */
  tick: (start: string) => string;
  tooltip: (point: P) => ReactNode;
  locale: string;
  height: number;
  countAxisWidth?: number;
}) {
  return (
    <ResponsiveContainer width="100%" height={height}>
      <BarChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} accessibilityLayer={false} barCategoryGap="15%">
        <CartesianGrid vertical={false} stroke="#e4e4e7" />
        <XAxis dataKey="start" tickFormatter={tick} tick={{ fontSize: 12, fill: "#52525b" }} tickLine={false} axisLine={{ stroke: "#d4d4d8" }} minTickGap={24} interval="preserveStartEnd" />
        <YAxis
          tickFormatter={(value: number) => new Intl.NumberFormat(locale, { notation: "compact" }).format(value)}
          tick={{ fontSize: 12, fill: "#52525b" }}
          tickLine={false}
          axisLine={false}
          width={countAxisWidth}
          allowDecimals={false}
        />
        <Tooltip
          cursor={{ fill: "#f4f4f5" }}
          content={({ active, payload }) => {
            const point = payload?.[0]?.payload as P | undefined;
            return active && point ? tooltip(point) : null;
          }}
        />
        {series.map((entry) => (
          <Bar key={entry.key} dataKey={entry.key} name={entry.label} stackId="stack" fill={entry.colour} maxBarSize={28} isAnimationActive={false} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
