// The "since" of a recovery, from a quick pick or a date and time the person
// typed, checked with the schema the API checks it with.
import { DAY_MS, HOUR_MS } from "@/lib/api-traffic/usage-buckets";
import { RECOVERY_MAX_AGE_DAYS, recoverWebhooksSchema } from "@/lib/schemas/webhooks";
/**
 * The farthest pick stops this much short of the limit: the request reaches
 * the server a moment after "now" was read here, and must still be in range.
 */
const LIMIT_MARGIN_MS = 60_000;

export const RECOVERY_PICKS = {
  "1h": { label: "Last hour", ms: HOUR_MS },
  "24h": { label: "Last 24 hours", ms: DAY_MS },
  "7d": { label: "Last 7 days", ms: 7 * DAY_MS },
  "14d": { label: `Last ${RECOVERY_MAX_AGE_DAYS} days`, ms: RECOVERY_MAX_AGE_DAYS * DAY_MS - LIMIT_MARGIN_MS },
} as const;
export type RecoveryPick = keyof typeof RECOVERY_PICKS | "custom";

export type RecoverySince = { since: string } | { error: string };

/** `custom` is a datetime-local value ("2026-11-26T09:30"), read in the browser's time zone. */
export function recoverySince(pick: RecoveryPick, custom: string, now: number): RecoverySince {
  let since: Date;
  if (pick === "custom") {
    if (custom.trim() === "") return { error: "Pick the date and time to recover from." };
    since = new Date(custom);
    if (Number.isNaN(since.getTime())) return { error: "Enter a date and time." };
    if (since.getTime() >= now) return { error: "Pick a time in the past." };
  } else {
    since = new Date(now - RECOVERY_PICKS[pick].ms);
  }
  const parsed = recoverWebhooksSchema.safeParse({ since: since.toISOString() });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Pick a later time." };
  return { since: parsed.data.since };
}

/** The datetime-local bounds for the custom pick: from the limit to now, in local time. */
export function localInputValue(at: number): string {
  const date = new Date(at);
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export const RECOVERY_MAX_AGE_MS = RECOVERY_MAX_AGE_DAYS * DAY_MS;
