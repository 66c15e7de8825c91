// What the Stripe balance widget says in words, decided apart from the markup.
import { relativeLabel } from "@/components/ui/relative-time";
import { stripeMoney } from "./stripe-money";

type Point = { date: string; amount: number };

/** The sparkline's text alternative, and the line under it for everyone. */
export function volumeSummary(points: readonly Point[], currency: string, locale: string): string {
  const days = points.filter((point) => point.amount > 0);
  if (days.length === 0) return `No succeeded payments in ${currency.toUpperCase()} in the last 30 days.`;
  const total = days.reduce((sum, point) => sum + point.amount, 0);
  return `${stripeMoney(total, currency, locale)} over the last 30 days, on ${days.length} day${days.length === 1 ? "" : "s"} with payments.`;
}

/**
 * What the widget says when Stripe's figures are stale: that Stripe could not
 * be reached, and how old what is shown is (or that nothing was ever read);
 * null while they are fresh.
 */
export function staleNotice(overview: { stale: boolean; fetched_at: string | null }, now = Date.now()): string | null {
  if (!overview.stale) return null;
  if (!overview.fetched_at) return "Stripe could not be reached, and no figures have been read from it yet. They appear once Stripe answers.";
  return `Stripe could not be reached; showing figures from ${relativeLabel(new Date(overview.fetched_at), now)}.`;
}
