import { RelativeTime } from "@/components/ui/relative-time";

/**
 * The exact time in the viewer's locale and time zone, with the relative time
 * under it (never only on hover). Rendered in the browser only: the lists
 * that use it load there, so the server's time zone never shows.
 */
export function ExactTime({ date, locale }: { date: string; locale: string }) {
  const value = new Date(date);
  // The year only when it is not this one: lists stay narrow, old entries stay unambiguous.
  const year = value.getFullYear() === new Date().getFullYear() ? {} : { year: "numeric" as const };
  const exact = new Intl.DateTimeFormat(locale, { month: "short", day: "numeric", ...year, hour: "numeric", minute: "2-digit" }).format(value);
  return (
    <span className="block whitespace-nowrap">
      <span className="block tabular-nums text-zinc-800">{exact}</span>
      <span className="block text-xs text-zinc-500">
        <RelativeTime date={date} />
      </span>
    </span>
  );
}
