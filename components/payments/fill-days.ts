// The summary route leaves out days without payments; a chart that skipped
// them would draw a quiet week as a straight line between two busy days.
import type { CurrencyCode } from "@/lib/money/currencies";
import type { PaymentsSummaryResource } from "@/lib/schemas/payments";

export type DayTotals = { date: string; volume: number; fees: number; count: number };

const DAY_MS = 86_400_000;

/** Every UTC day from `from` to `to`, both included, as YYYY-MM-DD (a date-time is cut to its day). */
export function utcDays(from: string, to: string): string[] {
  const start = Date.parse(`${from.slice(0, 10)}T00:00:00Z`);
  const end = Date.parse(`${to.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(start) || Number.isNaN(end)) return [];
  const days: string[] = [];
  for (let at = start; at <= end; at += DAY_MS) days.push(new Date(at).toISOString().slice(0, 10));
  return days;
}

/** One currency's totals for every day of the summary's range, zero where nothing was paid. */
export function fillDays(summary: Pick<PaymentsSummaryResource, "from" | "to" | "days">, currency: CurrencyCode): DayTotals[] {
  const byDay = new Map<string, DayTotals>();
  for (const day of summary.days) {
    if (day.currency !== currency) continue;
    const date = day.date.slice(0, 10);
    // Two rows for one day and currency would be a server bug; adding them keeps the total right anyway.
    const seen = byDay.get(date);
    byDay.set(date, {
      date,
      volume: (seen?.volume ?? 0) + day.volume,
      fees: (seen?.fees ?? 0) + day.fees,
      count: (seen?.count ?? 0) + day.count,
    });
  }
  return utcDays(summary.from, summary.to).map((date) => byDay.get(date) ?? { date, volume: 0, fees: 0, count: 0 });
}

/** "Mar 3": the day of a YYYY-MM-DD key, read as the UTC day it is. */
export function dayLabel(date: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { month: "short", day: "numeric", timeZone: "UTC" }).format(new Date(`${date}T00:00:00Z`));
}
