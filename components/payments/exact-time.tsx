import { RelativeTime } from "@/components/ui/relative-time";

/**
 * The exact time in the viewer's locale and time zone, with the relative time
 * under it (never only on hover). Rendered in the browser only: the lists
 * that use it load there, so the server's time zone never shows.
 */
export function ExactTime({ date, locale }: { date: string; locale: string }) {
  const exact = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(new Date(date));
  return (
    <span className="block whitespace-nowrap">
      <span className="block tabular-nums text-zinc-800">{exact}</span>
      <span className="block text-xs text-zinc-500">
        <RelativeTime date={date} />
      </span>
    </span>
  );
}
