import type { CurrencyCode } from "@/lib/money/currencies";
import { formatMoney } from "@/lib/money/format";
import type { PaymentsSummaryResource } from "@/lib/schemas/payments";
import type { PaymentMode } from "./payment-filters";

export type CurrencyTotals = PaymentsSummaryResource["currencies"][number];

/** The one line a screen reader (and anyone skimming) gets: totals of the shown currency. */
export function volumeSentence(totals: CurrencyTotals, mode: PaymentMode, locale: string): string {
  const money = (amount: number) => formatMoney(amount, totals.currency, locale);
  const payments = `${totals.count} ${mode === "test" ? "test " : ""}payment${totals.count === 1 ? "" : "s"}`;
  const refunded = totals.refunded > 0 ? `, ${money(totals.refunded)} refunded` : "";
  return `${money(totals.volume)} in ${payments} over the last 30 days, ${money(totals.fees)} in platform fees${refunded}.`;
}

/** The currency shown first: the default if it had payments, else the busiest by count. */
export function firstCurrency(currencies: CurrencyTotals[], preferred: CurrencyCode): CurrencyCode | null {
  if (currencies.some((entry) => entry.currency === preferred && entry.count > 0)) return preferred;
  return [...currencies].sort((a, b) => b.count - a.count)[0]?.currency ?? null;
}
