import { format, formatDistanceToNowStrict } from "date-fns";

/** "just now", "3 minutes ago": relative to the moment the server renders. */
export function relativeLabel(value: Date): string {
  if (Math.abs(Date.now() - value.getTime()) < 60_000) return "just now";
  return formatDistanceToNowStrict(value, { addSuffix: true });
}

/** A relative time with the exact time on hover. In client components the label may move on between server and browser render, hence suppressHydrationWarning. */
export function RelativeTime({ date }: { date: Date | string | null }) {
  if (!date) return <span className="text-zinc-500">never</span>;
  const value = typeof date === "string" ? new Date(date) : date;
  return (
    <time dateTime={value.toISOString()} title={format(value, "yyyy-MM-dd HH:mm:ss xxx")} className="tabular-nums" suppressHydrationWarning>
      {relativeLabel(value)}
    </time>
  );
}
