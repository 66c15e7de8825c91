"use client";

import { useSyncExternalStore } from "react";
import { RelativeTime } from "@/components/ui/relative-time";

const noSubscription = () => () => {};

/**
 * "27 Nov 2026, 05:00 (in 23 hours)": the exact time in the viewer's time
 * zone, with the relative time beside it. The exact part is written in the
 * browser only, so the server's time zone never shows.
 */
export function LocalTime({ date, locale }: { date: string; locale: string }) {
  const exact = useSyncExternalStore(
    noSubscription,
    () => new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(new Date(date)),
    () => null,
  );
  return (
    <span className="tabular-nums">
      {exact ? <span data-testid="local-time">{exact} </span> : null}(<RelativeTime date={date} />)
    </span>
  );
}
