import type { PaymentTimelineEntry } from "@/lib/schemas/payments";

/**
 * The timeline oldest first, creation always at the top. Stripe stamps its
 * events in whole seconds, so a success recorded from Stripe's event can carry
 * a time a fraction of a second before the row's own creation time; nothing
 * happens to a payment before it exists.
 */
export function orderTimeline(entries: PaymentTimelineEntry[]): PaymentTimelineEntry[] {
  return entries
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => Number(b.entry.type === "created") - Number(a.entry.type === "created") || a.entry.at.localeCompare(b.entry.at) || a.index - b.index)
    .map(({ entry }) => entry);
}
