// The endpoint's health in one sentence per window: the chart's text
// alternative, and what a screen reader hears first.
import { formatMs, formatRate } from "@/components/api-traffic/traffic-filters";
import type { HealthFigures, HealthWindow } from "./queries";

export const HEALTH_WINDOWS: Record<HealthWindow, { long: string; short: string; granularity: "hour" | "day" }> = {
  "24h": { long: "the last 24 hours", short: "24 hours", granularity: "hour" },
  "7d": { long: "the last 7 days", short: "7 days", granularity: "day" },
};

export function healthSentence(figures: HealthFigures, window: HealthWindow, locale: string): string {
  const count = new Intl.NumberFormat(locale);
  const long = HEALTH_WINDOWS[window].long;
  if (figures.attempts === 0) return `No delivery attempts in ${long}.`;
  const attempts = `${count.format(figures.attempts)} attempt${figures.attempts === 1 ? "" : "s"}`;
  return (
    `${count.format(figures.succeeded)} of ${attempts} succeeded in ${long} (${formatRate(figures.success_rate, locale)}), ` +
    `${count.format(figures.failed)} failed; average response ${formatMs(figures.avg_response_ms, locale)}.`
  );
}
