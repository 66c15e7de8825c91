import { format, formatDistanceStrict } from "date-fns";

/** "just now", "3 minutes ago", "in a few seconds": relative to the moment it renders. */
export function relativeLabel(value: Date, now = Date.now()): string {
  const ahead = value.getTime() - now;
  // A retry due in 4 s is not "just now": under a minute, the future still reads as the future.
  if (ahead > 1_000 && ahead < 60_000) return "in a few seconds";
  if (Math.abs(ahead) < 60_000) return "just now";
  return formatDistanceStrict(value, now, { addSuffix: true });
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
