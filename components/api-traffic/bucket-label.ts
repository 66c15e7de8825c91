// How a usage bucket is named on screen. Minutes and hours in the viewer's
// time zone (the browser renders the chart); days are UTC days, as counted.
import type { UsageGranularity } from "@/lib/schemas/api-traffic";

const time = (locale: string) => new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit" });
const dayAndTime = (locale: string) => new Intl.DateTimeFormat(locale, { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
const utcDay = (locale: string) => new Intl.DateTimeFormat(locale, { month: "short", day: "numeric", timeZone: "UTC" });

/** The tooltip's and the table's name for a bucket: "Nov 30, 14:00 – 15:00", "Nov 30 (UTC)". */
export function bucketLabel(start: string, granularity: UsageGranularity, locale: string): string {
  const at = new Date(start);
  if (granularity === "day") return `${utcDay(locale).format(at)} (UTC)`;
  const end = new Date(at.getTime() + (granularity === "hour" ? 3_600_000 : 60_000));
  return `${dayAndTime(locale).format(at)} – ${time(locale).format(end)}`;
}

/** An axis tick: short. A local midnight names its day, so a week of hours still says which day is which. */
export function tickLabel(start: string, granularity: UsageGranularity, locale: string): string {
  const at = new Date(start);
  if (granularity === "day") return utcDay(locale).format(at);
  if (granularity === "hour" && at.getHours() === 0) return new Intl.DateTimeFormat(locale, { month: "short", day: "numeric" }).format(at);
  return time(locale).format(at);
}

/** The unit of the chart's vertical axis. */
export const PER_BUCKET: Record<UsageGranularity, string> = { minute: "per minute", hour: "per hour", day: "per UTC day" };
