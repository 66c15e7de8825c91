import { format, formatDistanceToNowStrict } from "date-fns";

/** "3 minutes ago", with the exact time on hover. Server-rendered, so no hydration drift. */
export function RelativeTime({ date }: { date: Date | string | null }) {
  if (!date) return <span className="text-zinc-400">never</span>;
  const value = typeof date === "string" ? new Date(date) : date;
  return (
    <time dateTime={value.toISOString()} title={format(value, "yyyy-MM-dd HH:mm:ss xxx")} className="tabular-nums">
      {formatDistanceToNowStrict(value, { addSuffix: true })}
    </time>
  );
}
